/// Parsers for the number and key-value formats that sysfs and procfs files use.
enum TextParsing {
    /// An unsigned number written as `0x1002`, `1002` in hex when `hexByDefault`, or decimal.
    static func unsigned(_ text: String, hexByDefault: Bool = false) -> UInt64? {
        let value = text.trimmedWhitespace
        if value.hasPrefix("0x") || value.hasPrefix("0X") {
            return UInt64(value.dropFirst(2), radix: 16)
        }
        return UInt64(value, radix: hexByDefault ? 16 : 10)
    }

    /// `value` in lowercase hexadecimal, zero-padded to `width` digits, with a `0x` prefix.
    static func hex(_ value: UInt64, width: Int) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// `key value` lines (KFD topology properties) as a dictionary; malformed lines are skipped.
    static func spaceSeparatedPairs(_ text: String) -> [String: String] {
        var pairs: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            let fields = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            guard fields.count == 2 else { continue }
            pairs[String(fields[0])] = fields[1].trimmedWhitespace
        }
        return pairs
    }

    /// `KEY=value` lines (uevent files, os-release) as a dictionary, with surrounding quotes removed.
    static func equalsSeparatedPairs(_ text: String) -> [String: String] {
        var pairs: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmedWhitespace
            guard !key.isEmpty, !key.hasPrefix("#") else { continue }
            pairs[key] = unquoted(line[line.index(after: equals)...].trimmedWhitespace)
        }
        return pairs
    }

    /// Splits NUL-separated data (`/proc/pid/cmdline`, `/proc/pid/environ`), dropping the empty tail.
    static func nulSeparated(_ bytes: [UInt8]) -> [String] {
        var parts = bytes.split(separator: 0, omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self)
        }
        while parts.last == "" { parts.removeLast() }
        return parts
    }

    private static func unquoted(_ value: String) -> String {
        guard value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first else {
            return value
        }
        return String(value.dropFirst().dropLast())
    }
}

extension StringProtocol {
    /// The text without leading and trailing whitespace and newlines.
    var trimmedWhitespace: String {
        guard let start = firstIndex(where: { !$0.isWhitespace }),
            let end = lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(self[start...end])
    }
}

extension Character {
    /// Whether this is one of `0`–`9`.
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
