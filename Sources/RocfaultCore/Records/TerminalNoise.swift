/// What terminals and progress bars leave in captured output: colour codes, raw (`ESC [ 97;42m`)
/// or caret-escaped as `docker logs` and editors show them (`^[[97;42m`), journalctl's hyperlinks
/// (`ESC ] 8;; ... ESC \`), carriage returns inside a line (progress bars redrawing), and a tqdm
/// bar with a message glued to its end (`100%|####| 4/4 [00:05<00:00, 1.3s/it]Memory access ...`).
enum TerminalNoise {
    private static let escape: UInt8 = 0x1B
    private static let caret = UInt8(ascii: "^")

    /// Whether the line has any of it. One pass over the bytes; the common line has none.
    static func isPresent(in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case escape, ByteClass.carriageReturn: return true
            case caret where index + 2 < bytes.count && bytes[index + 1] == ByteClass.openBracket:
                if bytes[index + 2] == ByteClass.openBracket { return true }
            case ByteClass.closeBracket where endsProgressBar(bytes, at: index):
                if index + 1 < bytes.count && bytes[index + 1] != ByteClass.space { return true }
            default: break
            }
            index += 1
        }
        return false
    }

    /// The line without colour codes, up to the last carriage return dropped, and a progress bar
    /// before a glued message dropped.
    static func cleaned(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if let end = sequenceEnd(bytes, at: index) {
                index = end
                continue
            }
            if byte == ByteClass.carriageReturn {
                output.removeAll(keepingCapacity: true)
            } else {
                output.append(byte)
                if byte == ByteClass.closeBracket,
                    output.withUnsafeBufferPointer({ endsProgressBar($0, at: $0.count - 1) }),
                    index + 1 < bytes.count, bytes[index + 1] != ByteClass.space
                {
                    output.removeAll(keepingCapacity: true)
                }
            }
            index += 1
        }
        return output
    }

    /// The index after a colour or cursor sequence (`ESC [ params letter` or `^[[ params letter`)
    /// starting at `index`, nil when none starts there.
    private static func sequenceEnd(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        var position: Int
        if bytes[index] == escape, index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "]") {
            return operatingSystemCommandEnd(bytes, from: index + 2)
        }
        if bytes[index] == escape, index + 1 < bytes.count, bytes[index + 1] == ByteClass.openBracket {
            position = index + 2
        } else if bytes[index] == caret, index + 2 < bytes.count, bytes[index + 1] == ByteClass.openBracket,
            bytes[index + 2] == ByteClass.openBracket
        {
            position = index + 3
        } else {
            return bytes[index] == escape ? index + 1 : nil
        }
        while position < bytes.count, position - index < 32 {
            let byte = bytes[position]
            if ByteClass.isUpper(byte) || ByteClass.isLower(byte) { return position + 1 }
            guard ByteClass.isDigit(byte) || byte == ByteClass.semicolon || byte == UInt8(ascii: "?") else { break }
            position += 1
        }
        return nil
    }

    /// The index after an OSC sequence's terminator (`ESC \\` or BEL), such as the hyperlinks
    /// journalctl prints; the end of the line when it has none.
    private static func operatingSystemCommandEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var position = start
        while position < bytes.count {
            if bytes[position] == 0x07 { return position + 1 }
            if bytes[position] == escape, position + 1 < bytes.count, bytes[position + 1] == ByteClass.backslash {
                return position + 2
            }
            position += 1
        }
        return bytes.count
    }

    /// Whether the `]` at `index` ends a tqdm bar (`4.9it/s]`, `1.3s/it]`, `?it/s]`).
    private static func endsProgressBar(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index >= 4 else { return false }
        let unit = (bytes[index - 4], bytes[index - 3], bytes[index - 2], bytes[index - 1])
        let slash = UInt8(ascii: "/")
        let i = UInt8(ascii: "i")
        let t = UInt8(ascii: "t")
        let s = UInt8(ascii: "s")
        return unit == (i, t, slash, s) || unit == (s, slash, i, t)
    }
}
