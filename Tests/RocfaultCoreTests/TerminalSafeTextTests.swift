import Foundation
import Testing

@testable import RocfaultCore

@Suite struct TerminalSafeTextTests {
    @Test func plainTextAndPrintableUnicodeStayAsTheyAre() {
        for text in [
            "", "Memory critical error by agent node-0", "tab\tseparated", "ümlaut é 日本語 😀 \u{00A0}nbsp",
            "backslash \\e stays",
        ] {
            #expect(TerminalSafeText.escaped(text) == text)
            #expect(TerminalSafeText.line(text) == text)
        }
    }

    @Test func escapeSequencesBecomeVisible() {
        #expect("\u{1B}]0;pwned\u{07}".terminalSafe == "\\e]0;pwned\\x07")
        #expect("\u{1B}[2Jcleared".terminalSafe == "\\e[2Jcleared")
        #expect(
            "\u{1B}]8;;https://evil.example/\u{1B}\\click\u{1B}]8;;\u{1B}\\".terminalSafe
                == "\\e]8;;https://evil.example/\\e\\click\\e]8;;\\e\\"
        )
        #expect("a\u{08}\u{08}b".terminalSafe == "a\\x08\\x08b")
        #expect("nul\u{0}del\u{7F}".terminalSafe == "nul\\x00del\\x7f")
        #expect("two\nlines".terminalSafe == "two\\x0alines")
        #expect("cr\rkept".terminalSafe == "cr\\x0dkept")
    }

    @Test func c1ControlsAreEscapedAsCodePoints() {
        #expect("\u{9B}31mred".terminalSafe == "\\x9b31mred")
        #expect("next\u{85}line \u{80}\u{9F}".terminalSafe == "next\\x85line \\x80\\x9f")
        // U+00A0 and above are printable; C1 is U+0080-U+009F only.
        #expect("\u{A0}\u{A9}".terminalSafe == "\u{A0}\u{A9}")
    }

    @Test func invalidUTF8ArrivesAsReplacementCharacters() {
        // A lone 0x9B byte is not the code point U+009B: decoding made it U+FFFD, which is harmless.
        let decoded = String(decoding: [0x41, 0x9B, 0x1B, 0x42] as [UInt8], as: UTF8.self)
        #expect(decoded.terminalSafe == "A\u{FFFD}\\eB")
    }

    @Test func jsonKeepsItsValueWithoutRawC1OrDEL() throws {
        let value = "csi \u{9B}2J del \u{7F} esc \u{1B} é"
        let encoded = String(decoding: try JSONEncoder().encode([value]), as: UTF8.self)
        let safe = TerminalSafeText.json(encoded)
        #expect(safe == #"["csi \u009b2J del \u007f esc \u001b é"]"#)
        #expect(try JSONDecoder().decode([String].self, from: Data(safe.utf8)) == [value])
        #expect(TerminalSafeText.json("{}") == "{}")
    }

    /// "Trojan Source": bidi overrides, embeddings, isolates and marks reorder what a reader sees.
    @Test func bidiControlsAreEscapedVisibly() {
        let bidi: [UInt32] = [
            0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C,
        ]
        for value in bidi {
            let scalar = Unicode.Scalar(value)!
            let hex = String(value, radix: 16, uppercase: true)
            let expected = "a\\u{" + (hex.count < 4 ? "0" : "") + hex + "}b"
            #expect("a\(Character(scalar))b".terminalSafe == expected)
            #expect(!"a\(Character(scalar))b".terminalSafe.unicodeScalars.contains(scalar))
        }
        // A line that reads "page fault" on screen but holds "tluaf egap" reversed.
        let reordered = "amdgpu: \u{202E}tluaf egap\u{202C} ok"
        #expect(reordered.terminalSafeLine == "amdgpu: \\u{202E}tluaf egap\\u{202C} ok")
    }

    @Test func zeroWidthAndInvisibleFormatCharactersAreEscapedVisibly() {
        #expect("to\u{200B}ken".terminalSafe == "to\\u{200B}ken")
        #expect("a\u{200C}b\u{200D}c".terminalSafe == "a\\u{200C}b\\u{200D}c")
        #expect("\u{FEFF}bom".terminalSafe == "\\u{FEFF}bom")
        #expect("soft\u{00AD}hyphen".terminalSafe == "soft\\u{00AD}hyphen")
        #expect("mongolian\u{180E}".terminalSafe == "mongolian\\u{180E}")
        #expect(
            "\u{2060}\u{2061}\u{2062}\u{2063}\u{2064}".terminalSafe == "\\u{2060}\\u{2061}\\u{2062}\\u{2063}\\u{2064}"
        )
        // Any other format character too (General_Category Cf), above U+FFFF as well: a tag character.
        #expect("tag\u{E0041}".terminalSafe == "tag\\u{E0041}")
        #expect("\u{2028}line\u{2029}para".terminalSafe == "\\u{2028}line\\u{2029}para")
        // Mixed with controls, each in its own form.
        #expect("\u{1B}[8m\u{202E}x\u{07}".terminalSafe == "\\e[8m\\u{202E}x\\x07")
        // Visible non-ASCII text next to them stays.
        #expect("é\u{200B}日本".terminalSafe == "é\\u{200B}日本")
    }

    @Test func jsonEscapesInvisibleCharactersAndKeepsItsValue() throws {
        let value = "rtl \u{202E}x\u{2066} zw \u{200B} bom \u{FEFF} sep \u{2028} tag \u{E0041} é"
        let encoded = String(decoding: try JSONEncoder().encode([value]), as: UTF8.self)
        let safe = TerminalSafeText.json(encoded)
        #expect(safe == #"["rtl \u202ex\u2066 zw \u200b bom \ufeff sep \u2028 tag \udb40\udc41 é"]"#)
        #expect(try JSONDecoder().decode([String].self, from: Data(safe.utf8)) == [value])
    }

    @Test func carriageReturnsKeepTheLastSegment() {
        #expect("10%\r50%\r100% done".terminalSafeLine == "100% done")
        #expect("finished\r".terminalSafeLine == "finished")
        #expect("crlf line\r\n".terminalSafeLine == "crlf line")
        #expect("a\rb\r\r".terminalSafeLine == "b")
        #expect("\r\r".terminalSafeLine == "")
        #expect("hidden evidence\u{1B}[2K\rinnocent \u{07}".terminalSafeLine == "innocent \\x07")
    }
}
