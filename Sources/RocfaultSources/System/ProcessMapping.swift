/// One line of `/proc/PID/maps`: an address range, its permissions and what backs it.
package struct ProcessMapping: Sendable, Equatable {
    /// First address of the range.
    package var start: UInt64
    /// One past the last address.
    package var end: UInt64
    /// Permissions as the kernel prints them, such as `r-xp`.
    package var permissions: String
    /// Inode of the backing file; 0 for anonymous memory.
    package var inode: UInt64
    /// Path of the backing file, or a pseudo name such as `[heap]`; empty for anonymous memory.
    package var path: String

    /// A read-only or read-execute mapping of a file, whose untouched pages equal the file.
    package var isCleanFileCandidate: Bool {
        let flags = Array(permissions)
        return flags.count == 4 && flags[0] == "r" && flags[1] == "-" && inode != 0 && path.hasPrefix("/")
    }

    /// Parses one maps line; nil for a line that is not one.
    package init?(line: Substring) {
        let fields = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
        guard fields.count >= 5 else { return nil }
        let range = fields[0].split(separator: "-")
        guard range.count == 2, let start = UInt64(range[0], radix: 16), let end = UInt64(range[1], radix: 16),
            start < end, let inode = UInt64(fields[4])
        else { return nil }
        self.start = start
        self.end = end
        self.permissions = String(fields[1])
        self.inode = inode
        self.path = fields.count > 5 ? String(fields[5].drop { $0 == " " }) : ""
    }

    /// Parses every line of a maps file, skipping lines that are not mappings.
    package static func parseAll(_ text: String) -> [ProcessMapping] {
        text.split(separator: "\n").compactMap { ProcessMapping(line: $0) }
    }
}
