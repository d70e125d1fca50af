package import RocfaultCore
import RocfaultPlatform

#if canImport(Glibc)
import Glibc
#endif

/// Reads a rule directory (`*.yaml`, in name order) and builds the rule set.
package enum RuleDirectoryLoader {
    /// Loads every `*.yaml` file of a directory. Throws ``RuleSetError`` with file:line diagnostics,
    /// or when the directory cannot be read or holds no rule file.
    package static func load(directory: String) throws(RuleSetError) -> RuleSet {
        try RuleSet.load(files: files(directory: directory))
    }

    /// The path and text of every `*.yaml` file of a directory, in name order (what ``load(directory:)``
    /// parses; `rules lint` also reads the raw lines).
    package static func files(directory: String) throws(RuleSetError) -> [(name: String, text: String)] {
        let names: [String]
        do {
            names = try yamlFiles(in: directory)
        } catch {
            throw RuleSetError([RuleDiagnostic(SourceLocation(file: directory, line: 0), error.description)])
        }
        guard !names.isEmpty else {
            throw RuleSetError([RuleDiagnostic(SourceLocation(file: directory, line: 0), "no *.yaml rule files")])
        }
        var files: [(name: String, text: String)] = []
        var problems: [RuleDiagnostic] = []
        for name in names {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            do {
                files.append((path, try FileIO.contentsText(path, limit: maxRuleFileSize)))
            } catch {
                problems.append(RuleDiagnostic(SourceLocation(file: path, line: 0), error.description))
            }
        }
        guard problems.isEmpty else { throw RuleSetError(problems) }
        return files
    }

    /// The largest rule file read.
    static let maxRuleFileSize = 16 << 20

    private static func yamlFiles(in directory: String) throws(SystemCallError) -> [String] {
        guard let handle = opendir(directory) else {
            throw SystemCallError(call: "opendir", errno: errno, path: directory)
        }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasSuffix(".yaml") && !name.hasPrefix(".") { names.append(name) }
        }
        return names.sorted()
    }
}
