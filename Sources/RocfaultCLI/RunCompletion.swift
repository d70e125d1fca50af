import Foundation

/// Shell completion after `rocfault run`: the command (an executable on `$PATH`, or a path), then
/// its arguments as file names, as a shell completes a command line of its own.
enum RunCompletion {
    /// What the word being completed is.
    enum Kind: Equatable {
        case command
        case argument
    }

    /// `run`'s options that take a value (the word after them is that value, not the command).
    static let optionsWithValue: Set<String> = ["--rules", "--state-dir", "--stall-after"]

    /// Whether `words[index]` is the command or one of its arguments.
    static func kind(words: [String], index: Int) -> Kind {
        guard let run = words.firstIndex(of: "run"), run < index else { return .command }
        var position = run + 1
        while position < index {
            let word = words[position]
            if word == "--" || !word.hasPrefix("-") {
                let command = word == "--" ? position + 1 : position
                return index == command ? .command : .argument
            }
            position += optionsWithValue.contains(word) ? 2 : 1
        }
        return .command
    }

    /// The candidates for `words[index]`, whose text before the cursor is `prefix`.
    static func candidates(words: [String], index: Int, prefix: String) -> [String] {
        if kind(words: words, index: index) == .command && !prefix.contains("/") {
            return executables(prefix: prefix)
        }
        return files(prefix: prefix)
    }

    /// Executable files in `$PATH` whose name starts with `prefix`.
    static func executables(prefix: String, path: String? = ProcessInfo.processInfo.environment["PATH"]) -> [String] {
        var names = Set<String>()
        for directory in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let directory = String(directory)
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { continue }
            for name in entries where name.hasPrefix(prefix) && !names.contains(name) {
                if access(directory + "/" + name, X_OK) == 0 && !isDirectory(directory + "/" + name) {
                    names.insert(name)
                }
            }
        }
        return names.sorted()
    }

    /// Paths starting with `prefix`: its directory's entries, directories with a trailing `/`.
    static func files(prefix: String) -> [String] {
        let slash = prefix.lastIndex(of: "/")
        let directoryPart = slash.map { String(prefix[...$0]) } ?? ""
        let base = slash.map { String(prefix[prefix.index(after: $0)...]) } ?? prefix
        let expanded =
            directoryPart.hasPrefix("~") ? (directoryPart as NSString).expandingTildeInPath + "/" : directoryPart
        let directory = expanded.isEmpty ? "." : expanded
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return entries.filter { $0.hasPrefix(base) && (base.hasPrefix(".") || !$0.hasPrefix(".")) }.sorted().map {
            directoryPart + $0 + (isDirectory(directory + "/" + $0) ? "/" : "")
        }
    }

    private static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
