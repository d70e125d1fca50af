/// Makes text read from logs safe to print on a terminal: control characters become visible
/// escapes instead of moving the cursor, retitling the window, clearing the screen or planting links,
/// and invisible characters become visible instead of reordering or hiding what the reader sees.
///
/// Escaped: C0 controls (U+0000–U+001F) except TAB, DEL (U+007F) and C1 controls (U+0080–U+009F,
/// as code points; bytes that were not valid UTF-8 were already decoded to U+FFFD). ESC is shown as
/// `\e`, every other one as `\xNN` (`\x07` for BEL, `\x9b` for the one-character CSI).
///
/// Also escaped, as `\u{NNNN}` (`\u{202E}`): every format character (General_Category Cf: the bidi
/// embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069, the marks U+200E, U+200F and
/// U+061C, which reorder a line as displayed, as in "Trojan Source"; the zero-width U+200B–U+200D,
/// U+2060–U+2064 and U+FEFF, the soft hyphen U+00AD, U+180E and the tag characters, which hide
/// text) and the line and paragraph separators U+2028 and U+2029. Everything else, TAB and visible
/// Unicode included, is kept. JSON output keeps its value: ``json(_:)`` escapes the same characters
/// with JSON's own `\uNNNN`.
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

    /// `text` with every control character other than TAB escaped (a CR too, as `\x0d`), and every
    /// invisible one (``isInvisible(_:)``) as `\u{NNNN}`; text without any is returned as it is.
    package static func escaped(_ text: String) -> String {
        guard needsEscaping(text, control: true) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value == 0x1B {
                result += "\\e"
            } else if isControl(value) {
                result += "\\x" + (value < 0x10 ? "0" : "") + String(value, radix: 16)
            } else if isInvisible(scalar) {
                result += "\\u{" + String(value, radix: 16, uppercase: true).leftPadded(to: 4) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// JSON text made as safe: JSON encoders escape C0 controls themselves but leave DEL, C1
    /// (U+007F–U+009F) and the invisible characters (``isInvisible(_:)``) raw; those become
    /// `\u007f`, `\u202e` and so on (a UTF-16 surrogate pair above U+FFFF). They can only occur
    /// inside strings, so the document's value is unchanged.
    package static func json(_ text: String) -> String {
        guard needsEscaping(text, control: false) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            if (scalar.value >= 0x7F && scalar.value <= 0x9F) || isInvisible(scalar) {
                for unit in scalar.utf16 { result += "\\u" + String(unit, radix: 16).leftPadded(to: 4) }
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Whether a code point is escaped as a control character.
    package static func isControl(_ value: UInt32) -> Bool {
        (value < 0x20 && value != 0x09) || (value >= 0x7F && value <= 0x9F)
    }

    /// Whether a character is escaped as invisible: a format character (General_Category Cf) or
    /// the line or paragraph separator (U+2028, U+2029).
    package static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.value >= 0xAD else { return false }
        switch scalar.properties.generalCategory {
        case .format, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }

    /// A quick scan of the UTF-8 bytes: C0 and DEL are single bytes (C0 only when `control`, JSON
    /// escapes it itself); C1 code points are `C2 80`–`C2 9F`; any other non-ASCII text is checked
    /// for invisible characters.
    private static func needsEscaping(_ text: String, control: Bool) -> Bool {
        var previous: UInt8 = 0
        var nonASCII = false
        for byte in text.utf8 {
            if byte == 0x7F || (control && byte < 0x20 && byte != 0x09) { return true }
            if previous == 0xC2 && byte >= 0x80 && byte <= 0x9F { return true }
            nonASCII = nonASCII || byte >= 0x80
            previous = byte
        }
        return nonASCII && text.unicodeScalars.contains(where: isInvisible)
    }

    private static let carriageReturn = UInt8(ascii: "\r")
    private static let lineFeed = UInt8(ascii: "\n")
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }

    /// This log line made safe for a terminal (``TerminalSafeText/line(_:)``).
    package var terminalSafeLine: String { TerminalSafeText.line(self) }

    /// This text with control characters escaped (``TerminalSafeText/escaped(_:)``).
    package var terminalSafe: String { TerminalSafeText.escaped(self) }
}
