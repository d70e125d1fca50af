extension CompiledPattern {
    /// The pattern with each bare `\S`, `\W` and `\D` written as a one-item class (`[\S]`, `[\W]`,
    /// `[\D]`), which means the same.
    ///
    /// PCRE2's JIT (10.42, Debian 12's) with `PCRE2_MATCH_INVALID_UTF` lets a bare negated type
    /// match no multibyte character: `a \Sb` finds nothing in `a ‘b` (or `é`, or any Chinese
    /// character), while the interpreter and the class form match it. Rules use `\S+` for paths and
    /// words, so without this a Windows path in Chinese or a curly quote in a compiler's message
    /// hid the line from its rule. Classes (`[^\s]`, `[\W.]`), `\Q...\E` quoting and escaped
    /// backslashes (`\\S` is a backslash and an S) are left as they are.
    static func bracketingNegatedTypes(_ pattern: String) -> String {
        var scanner = PatternScanner(Array(pattern.utf8))
        return scanner.rewrite()
    }
}

/// A single pass over a pattern's bytes that knows escapes, character classes and `\Q...\E`.
private struct PatternScanner {
    let bytes: [UInt8]
    var index = 0
    var output: [UInt8] = []
    var inClass = false

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        output.reserveCapacity(bytes.count + 8)
    }

    mutating func rewrite() -> String {
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\") {
                escape()
            } else if inClass {
                classByte(byte)
            } else if byte == UInt8(ascii: "[") {
                openClass()
            } else if startsComment() {
                comment()
            } else {
                copy(1)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// `\` and what follows: a quoted run, a negated type outside a class, or any other escape.
    private mutating func escape() {
        guard index + 1 < bytes.count else { return copy(1) }
        let next = bytes[index + 1]
        if next == UInt8(ascii: "Q") { return quoted() }
        if !inClass, [UInt8(ascii: "S"), UInt8(ascii: "W"), UInt8(ascii: "D")].contains(next) {
            output += [UInt8(ascii: "["), UInt8(ascii: "\\"), next, UInt8(ascii: "]")]
            index += 2
            return
        }
        // `\cX` names a control character: the X belongs to the escape.
        copy(next == UInt8(ascii: "c") && index + 2 < bytes.count ? 3 : 2)
    }

    /// `\Q...\E` (or to the end): literal text, copied unchanged.
    private mutating func quoted() {
        var end = index + 2
        while end < bytes.count,
            !(bytes[end] == UInt8(ascii: "\\") && end + 1 < bytes.count && bytes[end + 1] == UInt8(ascii: "E"))
        {
            end += 1
        }
        copy(min(end + 2, bytes.count) - index)
    }

    /// Whether a `(?#...)` comment starts here: its text is not pattern syntax.
    private func startsComment() -> Bool {
        index + 2 < bytes.count && bytes[index] == UInt8(ascii: "(") && bytes[index + 1] == UInt8(ascii: "?")
            && bytes[index + 2] == UInt8(ascii: "#")
    }

    /// `(?#...)`, copied unchanged to its closing parenthesis (or to the end).
    private mutating func comment() {
        var end = index + 3
        while end < bytes.count, bytes[end] != UInt8(ascii: ")") { end += 1 }
        copy(min(end + 1, bytes.count) - index)
    }

    /// `[`, `[^`, and a `]` right after them, which is a literal member, not the end.
    private mutating func openClass() {
        var length = 1
        if index + length < bytes.count, bytes[index + length] == UInt8(ascii: "^") { length += 1 }
        if index + length < bytes.count, bytes[index + length] == UInt8(ascii: "]") { length += 1 }
        copy(length)
        inClass = true
    }

    /// A byte inside a class: `]` ends it; a POSIX name (`[:alpha:]`, `[:^digit:]`) is copied whole.
    private mutating func classByte(_ byte: UInt8) {
        if byte == UInt8(ascii: "]") {
            inClass = false
            return copy(1)
        }
        if let length = posixClassLength() { return copy(length) }
        copy(1)
    }

    /// The length of a POSIX class name starting here (`[:` letters, optionally after `^`, `:]`),
    /// or nil: a `[:` without that shape is two ordinary members.
    private func posixClassLength() -> Int? {
        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "["), bytes[index + 1] == UInt8(ascii: ":")
        else { return nil }
        var end = index + 2
        if end < bytes.count, bytes[end] == UInt8(ascii: "^") { end += 1 }
        let nameStart = end
        while end < bytes.count, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(bytes[end] | 0x20) { end += 1 }
        guard end > nameStart, end + 1 < bytes.count, bytes[end] == UInt8(ascii: ":"),
            bytes[end + 1] == UInt8(ascii: "]")
        else { return nil }
        return end + 2 - index
    }

    private mutating func copy(_ count: Int) {
        output += bytes[index..<(index + count)]
        index += count
    }
}
