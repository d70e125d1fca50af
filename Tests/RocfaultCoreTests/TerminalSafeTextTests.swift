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

    @Test func carriageReturnsKeepTheLastSegment() {
        #expect("10%\r50%\r100% done".terminalSafeLine == "100% done")
        #expect("finished\r".terminalSafeLine == "finished")
        #expect("crlf line\r\n".terminalSafeLine == "crlf line")
        #expect("a\rb\r\r".terminalSafeLine == "b")
        #expect("\r\r".terminalSafeLine == "")
        #expect("hidden evidence\u{1B}[2K\rinnocent \u{07}".terminalSafeLine == "innocent \\x07")
    }
}
