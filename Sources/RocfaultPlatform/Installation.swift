#if canImport(Glibc)
import Glibc
#endif

/// Where rocfault's files are: the rule directory, the state directory and the database in it.
///
/// Both executables resolve their paths through this one value, so `rocfaultd` finds its rules
/// wherever `rocfault` does. It takes the environment and the executable's path as parameters;
/// ``current()`` reads them from the running process.
package struct Installation: Sendable {
    /// The database file name inside the state directory.
    package static let databaseName = "rocfault.sqlite"
    /// The daemon's state directory when neither an option nor `ROCFAULT_STATE_DIR` names one.
    package static let defaultStateDirectory = "/var/lib/rocfault"
    /// The system-wide rule directories, searched last.
    package static let systemRuleDirectories = ["/usr/local/share/rocfault/rules", "/usr/share/rocfault/rules"]

    /// The process environment (`ROCFAULT_RULES_DIR`, `ROCFAULT_STATE_DIR`).
    package var environment: [String: String]
    /// The running executable's absolute path, if known.
    package var executablePath: String?

    /// An installation as seen by a process with this environment and executable.
    package init(environment: [String: String], executablePath: String?) {
        self.environment = environment
        self.executablePath = executablePath
    }

    /// The running process's installation: its environment and `/proc/self/exe`.
    package static func current() -> Installation {
        Installation(environment: ProcessEnvironment.variables(), executablePath: ProcessEnvironment.executablePath())
    }

    /// The state directory: `explicit`, else `$ROCFAULT_STATE_DIR`, else ``defaultStateDirectory``.
    package func stateDirectory(explicit: String?) -> String {
        explicit ?? value(of: "ROCFAULT_STATE_DIR") ?? Self.defaultStateDirectory
    }

    /// The database path inside a state directory.
    package static func databasePath(stateDirectory: String) -> String { stateDirectory + "/" + databaseName }

    /// Where rules are looked for, in order: the installed share directory beside the executable,
    /// the source tree's `Rules/` (a development build runs from `.build/<config>/`), then the
    /// system share directories.
    package var ruleDirectoryCandidates: [String] {
        var result: [String] = []
        if let directory = executablePath.flatMap(Self.parent) {
            result.append(directory + "/../share/rocfault/rules")
            var ancestor = directory
            for _ in 0..<6 {
                result.append(ancestor + "/Rules")
                ancestor += "/.."
            }
        }
        return result + Self.systemRuleDirectories
    }

    /// The rule directory: `explicit`, else `$ROCFAULT_RULES_DIR`, else the first of
    /// ``ruleDirectoryCandidates`` that `isDirectory` accepts.
    package func rulesDirectory(
        explicit: String?,
        isDirectory: (String) -> Bool = FileIO.isDirectory
    ) throws(InstallationError) -> String {
        if let explicit { return explicit }
        if let fromEnvironment = value(of: "ROCFAULT_RULES_DIR") { return fromEnvironment }
        let candidates = ruleDirectoryCandidates
        if let found = candidates.first(where: isDirectory) { return found }
        throw InstallationError(searched: candidates)
    }

    private func value(of name: String) -> String? {
        guard let value = environment[name], !value.isEmpty else { return nil }
        return value
    }

    private static func parent(_ path: String) -> String? {
        guard let slash = path.lastIndex(of: "/") else { return nil }
        return String(path[..<slash])
    }
}

/// No rule directory was found.
package struct InstallationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The directories looked in, in order.
    package var searched: [String]

    /// What to do, and where rocfault looked.
    package var description: String {
        "no rule directory found; pass --rules DIR or set ROCFAULT_RULES_DIR (looked in: "
            + searched.joined(separator: ", ") + ")"
    }
}
