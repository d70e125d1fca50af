import RocfaultCore
import RocfaultSources

#if canImport(Glibc)
import Glibc
#endif

/// Finds the rule directory: `--rules`, `$ROCFAULT_RULES_DIR`, the installed share directory next to
/// the executable, the source tree's `Rules/` (for development builds), then the system paths.
enum RulesLocator {
    static func directory(explicit: String?) throws -> String {
        if let explicit { return explicit }
        if let fromEnvironment = getenv("ROCFAULT_RULES_DIR").map({ String(cString: $0) }), !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        for candidate in candidates() where isDirectory(candidate) { return candidate }
        throw CLIError.rules(
            "no rule directory found; pass --rules DIR or set ROCFAULT_RULES_DIR (looked in: "
                + candidates().joined(separator: ", ") + ")"
        )
    }

    static func load(explicit: String?) throws -> RuleSet {
        let directory = try directory(explicit: explicit)
        do {
            return try RuleDirectoryLoader.load(directory: directory)
        } catch {
            throw CLIError.rules("rule files have errors:\n\(error.description)")
        }
    }

    private static func candidates() -> [String] {
        var result: [String] = []
        if let executable = executableDirectory() {
            result.append(executable + "/../share/rocfault/rules")
            var directory = executable
            for _ in 0..<6 {
                result.append(directory + "/Rules")
                directory += "/.."
            }
        }
        result += ["/usr/local/share/rocfault/rules", "/usr/share/rocfault/rules"]
        return result
    }

    private static func executableDirectory() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { return nil }
        let path = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let slash = path.lastIndex(of: "/") else { return nil }
        return String(path[..<slash])
    }

    private static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }
}
