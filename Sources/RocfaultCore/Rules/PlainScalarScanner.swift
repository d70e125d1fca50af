/// Reads a YAML file line by line and tells which lines hold a ` #` inside the plain (unquoted)
/// value of a prose key, or inside a continuation line of such a value. Block scalars (`|`, `>`)
/// and quoted values are skipped: there `#` is text.
struct PlainScalarScanner {
    /// The indentation of the key whose block scalar or plain value is being continued, and that key
    /// when it is a prose key with a plain value.
    private var open: (indent: Int, proseKey: String?)?

    /// The prose key cut on this line, if any.
    mutating func proseKeyCut(on line: Substring) -> String? {
        let indent = line.prefix { $0 == " " }.count
        let content = line.dropFirst(indent)
        if content.isEmpty { return nil }
        if let current = open, indent > current.indent {
            if content.hasPrefix("#") { return nil }
            return current.proseKey.flatMap { Self.hasComment(content) ? $0 : nil }
        }
        open = nil
        if content.hasPrefix("#") { return nil }
        var entry = content
        var keyIndent = indent
        if entry.hasPrefix("- ") {
            entry = entry.dropFirst(2)
            keyIndent += 2
        }
        guard let (key, value) = Self.keyAndValue(entry) else { return nil }
        // An empty value opens a nested mapping or list: its lines are read as they come.
        if value.isEmpty { return nil }
        if value.first == "|" || value.first == ">" {
            open = (keyIndent, nil)
            return nil
        }
        if value.first == "\"" || value.first == "'" || value.first == "[" || value.first == "{" { return nil }
        let isProse = RuleLint.proseKeys.contains(key)
        open = (keyIndent, isProse ? key : nil)
        return isProse && Self.hasComment(value) ? key : nil
    }

    /// `key: value` → (`key`, `value` without leading blanks); `key:` → (`key`, empty); else nil.
    private static func keyAndValue(_ entry: Substring) -> (String, Substring)? {
        let key: Substring
        let value: Substring
        if let colon = entry.firstRange(of: ": ") {
            key = entry[..<colon.lowerBound]
            value = entry[colon.upperBound...].drop { $0 == " " }
        } else if entry.hasSuffix(":") {
            key = entry.dropLast()
            value = ""
        } else {
            return nil
        }
        guard !key.isEmpty, !key.contains(" "), key.first != "\"", key.first != "'" else { return nil }
        return (String(key), value)
    }

    /// Whether a plain scalar's text holds ` #` (or a tab before `#`): where YAML starts a comment.
    private static func hasComment(_ text: Substring) -> Bool {
        text.contains(" #") || text.contains("\t#")
    }
}
