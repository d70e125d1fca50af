/// Decorations journalctl puts in front of a message on a terminal, which are not part of it.
///
/// journalctl links a message to its documentation with an "external link" glyph (U+1F855),
/// pasted as `[🡕] ` or `🡕 `, sometimes with the OSC 8 hyperlink escapes around it.
enum JournalDecoration {
    private static let glyph: [UInt8] = Array("\u{1F855}".utf8)
    private static let bracketedGlyph: [UInt8] = Array("[\u{1F855}]".utf8)
    private static let hyperlinkStart: [UInt8] = [0x1B, UInt8(ascii: "]"), UInt8(ascii: "8"), ByteClass.semicolon]
    private static let stringTerminator: [UInt8] = [0x1B, ByteClass.backslash]

    /// The position after any decoration at `start` (`start` itself when there is none).
    static func skip(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var cursor = ByteCursor(bytes, at: start)
        if cursor.consume(hyperlinkStart) {
            // ESC ] 8 ; params ; URL ESC \ glyph ESC ] 8 ; ; ESC \ space
            guard skipPast(stringTerminator, &cursor), skipPast(stringTerminator, &cursor) else { return start }
            cursor.skip(ByteClass.space)
            return cursor.index
        }
        if cursor.consume(bracketedGlyph) || cursor.consume(glyph) {
            cursor.skip(ByteClass.space)
            return cursor.index
        }
        return start
    }

    /// Moves past the next occurrence of `terminator`, looking at most 4096 bytes ahead.
    private static func skipPast(_ terminator: [UInt8], _ cursor: inout ByteCursor) -> Bool {
        let limit = min(cursor.bytes.count, cursor.index + 4096)
        while cursor.index < limit {
            if cursor.consume(terminator) { return true }
            cursor.index += 1
        }
        return false
    }
}
