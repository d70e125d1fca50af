/// Makes text read from logs safe to print on a terminal: control characters become visible
/// escapes instead of moving the cursor, retitling the window, clearing the screen or planting links.
///
/// Escaped: C0 controls (U+0000–U+001F) except TAB, DEL (U+007F) and C1 controls (U+0080–U+009F,
/// as code points; bytes that were not valid UTF-8 were already decoded to U+FFFD). ESC is shown as
/// `\e`, every other one as `\xNN` (`\x07` for BEL, `\x9b` for the one-character CSI). Everything
/// else, TAB and printable Unicode included, is kept. JSON output needs none of this: its encoding
/// escapes control characters by itself.
package enum TerminalSafeText {
    /// One log line as a terminal would have left it: a carriage return starts the line over (a
    /// progress bar), so only the text after the last CR is kept, unless that is empty (a CR at the
    /// end, as in CRLF line ends: line ends are dropped first), then the text before it; the result
    /// is ``escaped(_:)``.
    package static func line(_ text: String) -> String {
        guard text.utf8.contains(carriageReturn) else { return escaped(text) }
        var bytes = text.utf8[...]
        while bytes.last == carriageReturn || bytes.last == lineFeed { bytes = bytes.dropLast() }
        if let lastReturn = bytes.lastIndex(of: carriageReturn) {
            bytes = bytes[bytes.index(after: lastReturn)...]
        }
        return escaped(String(decoding: bytes, as: UTF8.self))
    }

    /// `text` with every control character other than TAB escaped (a CR too, as `\x0d`); text
    /// without any is returned as it is.
    package static func escaped(_ text: String) -> String {
        guard needsEscaping(text) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value == 0x1B {
                result += "\\e"
            } else if isControl(value) {
                result += "\\x" + (value < 0x10 ? "0" : "") + String(value, radix: 16)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// JSON text made as safe: JSON encoders escape C0 controls themselves but leave DEL and C1
    /// (U+007F–U+009F) raw; those become `\u007f`–`\u009f`. They can only occur inside strings, so
    /// the document's value is unchanged.
    package static func json(_ text: String) -> String {
        guard hasDeleteOrC1(text) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            if scalar.value >= 0x7F && scalar.value <= 0x9F {
                result += "\\u00" + String(scalar.value, radix: 16)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Whether a code point is escaped.
    package static func isControl(_ value: UInt32) -> Bool {
        (value < 0x20 && value != 0x09) || (value >= 0x7F && value <= 0x9F)
    }

    /// A quick scan of the UTF-8 bytes: C0 and DEL are single bytes; C1 code points are `C2 80`–`C2 9F`.
    private static func needsEscaping(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if (byte < 0x20 && byte != 0x09) || byte == 0x7F { return true }
            if previous == 0xC2 && byte >= 0x80 && byte <= 0x9F { return true }
            previous = byte
        }
        return false
    }

    /// Whether the UTF-8 bytes hold DEL or a C1 code point (`C2 80`–`C2 9F`).
    private static func hasDeleteOrC1(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == 0x7F || (previous == 0xC2 && byte >= 0x80 && byte <= 0x9F) { return true }
            previous = byte
        }
        return false
    }

    private static let carriageReturn = UInt8(ascii: "\r")
    private static let lineFeed = UInt8(ascii: "\n")
}

extension String {
    /// This log line made safe for a terminal (``TerminalSafeText/line(_:)``).
    package var terminalSafeLine: String { TerminalSafeText.line(self) }

    /// This text with control characters escaped (``TerminalSafeText/escaped(_:)``).
    package var terminalSafe: String { TerminalSafeText.escaped(self) }
}
