/// A small, strict JSON reader for one object per line (`journalctl -o json`).
///
/// It reads only what a journal entry needs: member names, strings (with all escapes), numbers
/// (left as their digits), and arrays; nested objects and literals are checked and dropped.
/// Nesting deeper than 32 levels counts as malformed, so hostile input cannot exhaust the stack.
struct JSONLineReader {
    /// A member value.
    indirect enum Value {
        /// A string's decoded UTF-8 bytes.
        case string([UInt8])
        /// A number, as the range of its characters in the line.
        case number(Range<Int>)
        /// An array.
        case array([Value])
        /// An object, `true`, `false` or `null`.
        case other
    }

    private static let maxDepth = 32
    private var cursor: ByteCursor
    private var depth = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) {
        cursor = ByteCursor(bytes)
    }

    /// Reads `bytes` as one JSON object, calling `visit` with each member's name and value.
    /// Returns false (possibly after some calls to `visit`) when the bytes are not exactly one object.
    static func readObject(_ bytes: UnsafeBufferPointer<UInt8>, visit: ([UInt8], Value) -> Void) -> Bool {
        var reader = JSONLineReader(bytes)
        reader.skipWhitespace()
        guard reader.readObject(visit: visit) else { return false }
        reader.skipWhitespace()
        return reader.cursor.isAtEnd
    }

    private mutating func readObject(visit: ([UInt8], Value) -> Void) -> Bool {
        guard cursor.consume(ByteClass.openBrace), enter() else { return false }
        defer { depth -= 1 }
        skipWhitespace()
        if cursor.consume(UInt8(ascii: "}")) { return true }
        while true {
            skipWhitespace()
            guard let name = readString() else { return false }
            skipWhitespace()
            guard cursor.consume(ByteClass.colon), let value = readValue() else { return false }
            visit(name, value)
            guard let more = separator(closing: UInt8(ascii: "}")) else { return false }
            if !more { return true }
        }
    }

    private mutating func readArray() -> Value? {
        guard cursor.consume(ByteClass.openBracket), enter() else { return nil }
        defer { depth -= 1 }
        var elements: [Value] = []
        skipWhitespace()
        if cursor.consume(ByteClass.closeBracket) { return .array(elements) }
        while true {
            guard let element = readValue() else { return nil }
            elements.append(element)
            guard let more = separator(closing: ByteClass.closeBracket) else { return nil }
            if !more { return .array(elements) }
        }
    }

    /// After a member or element: true for `,`, false for the closing byte, nil for anything else.
    private mutating func separator(closing: UInt8) -> Bool? {
        skipWhitespace()
        if cursor.consume(ByteClass.comma) { return true }
        return cursor.consume(closing) ? false : nil
    }

    private mutating func enter() -> Bool {
        depth += 1
        return depth <= Self.maxDepth
    }

    private mutating func readValue() -> Value? {
        skipWhitespace()
        guard let byte = cursor.current else { return nil }
        switch byte {
        case UInt8(ascii: "\""): return readString().map { .string($0) }
        case ByteClass.openBrace: return readObject { _, _ in } ? .other : nil
        case ByteClass.openBracket: return readArray()
        case UInt8(ascii: "t"): return cursor.consume(Array("true".utf8)) ? .other : nil
        case UInt8(ascii: "f"): return cursor.consume(Array("false".utf8)) ? .other : nil
        case UInt8(ascii: "n"): return cursor.consume(Array("null".utf8)) ? .other : nil
        default: return readNumber()
        }
    }

    private mutating func readNumber() -> Value? {
        let start = cursor.index
        _ = cursor.consume(ByteClass.hyphen)
        guard !cursor.take(upTo: Int.max, while: ByteClass.isDigit).isEmpty else { return nil }
        if cursor.consume(ByteClass.period), cursor.take(upTo: Int.max, while: ByteClass.isDigit).isEmpty {
            return nil
        }
        if cursor.consume(UInt8(ascii: "e")) || cursor.consume(UInt8(ascii: "E")) {
            _ = cursor.consume(ByteClass.plus) || cursor.consume(ByteClass.hyphen)
            guard !cursor.take(upTo: Int.max, while: ByteClass.isDigit).isEmpty else { return nil }
        }
        return .number(start..<cursor.index)
    }

    private mutating func readString() -> [UInt8]? {
        guard cursor.consume(UInt8(ascii: "\"")) else { return nil }
        var output: [UInt8] = []
        while true {
            let run = cursor.take(upTo: Int.max) { $0 != UInt8(ascii: "\"") && $0 != ByteClass.backslash && $0 >= 0x20 }
            output.append(contentsOf: cursor.slice(run))
            guard let byte = cursor.current else { return nil }
            cursor.index += 1
            if byte == UInt8(ascii: "\"") { return output }
            guard byte == ByteClass.backslash, readEscape(into: &output) else { return nil }
        }
    }

    private mutating func readEscape(into output: inout [UInt8]) -> Bool {
        guard let byte = cursor.current else { return false }
        cursor.index += 1
        switch byte {
        case UInt8(ascii: "\""), ByteClass.backslash, UInt8(ascii: "/"): output.append(byte)
        case UInt8(ascii: "b"): output.append(0x08)
        case UInt8(ascii: "f"): output.append(0x0C)
        case UInt8(ascii: "n"): output.append(0x0A)
        case UInt8(ascii: "r"): output.append(0x0D)
        case UInt8(ascii: "t"): output.append(0x09)
        case UInt8(ascii: "u"): return readUnicodeEscape(into: &output)
        default: return false
        }
        return true
    }

    /// `XXXX` after `\u`, joining a surrogate pair; a lone surrogate becomes U+FFFD.
    private mutating func readUnicodeEscape(into output: inout [UInt8]) -> Bool {
        guard let unit = readHex4() else { return false }
        var value = UInt32(unit)
        if (0xD800...0xDBFF).contains(unit) {
            let resume = cursor.index
            if cursor.consume([ByteClass.backslash, UInt8(ascii: "u")]), let low = readHex4(),
                (0xDC00...0xDFFF).contains(low)
            {
                value = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
            } else {
                cursor.index = resume
            }
        }
        let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
        UTF8.encode(scalar) { output.append($0) }
        return true
    }

    private mutating func readHex4() -> UInt16? {
        var value: UInt16 = 0
        for offset in 0..<4 {
            guard let byte = cursor.peek(offset), let digit = ByteClass.hexValue(byte) else { return nil }
            value = value << 4 | UInt16(digit)
        }
        cursor.index += 4
        return value
    }

    private mutating func skipWhitespace() {
        while let byte = cursor.current,
            byte == ByteClass.space || byte == ByteClass.tab || byte == 0x0A || byte == 0x0D
        {
            cursor.index += 1
        }
    }
}
