import Foundation
import Testing

@testable import RocfaultCore

/// `journalctl -o export` files as `check` reads them: fields with control bytes are written in the
/// binary form (name, newline, 64-bit little-endian length, raw bytes).
@Suite struct LogCheckerExportTests {
    static func entry(message: [UInt8]) -> [UInt8] {
        var bytes = Array(
            """
            __CURSOR=s=0123;i=1
            __REALTIME_TIMESTAMP=1764979200000000
            __MONOTONIC_TIMESTAMP=1000
            _BOOT_ID=0123456789abcdef0123456789abcdef
            _PID=4242
            _COMM=python3
            MESSAGE

            """.utf8
        )
        var length = UInt64(message.count).littleEndian
        withUnsafeBytes(of: &length) { bytes += $0 }
        return bytes + message + Array("\nPRIORITY=3\n\n".utf8)
    }

    /// A binary field of 128 bytes or more has a length byte that is no valid UTF-8 on its own; it
    /// must reach the export parser as it is, or the field is lost and its length shows as text.
    @Test(arguments: [40, 200, 300])
    func aBinaryMessageOfAnyLengthKeepsItsText(padding: Int) throws {
        let rocr =
            "Memory critical error by agent node-0 (Agent handle: 0x55d) on address 0x7f09. Reason: Memory in use."
        let message =
            Array("\u{1B}]0;title\u{07}".utf8) + Array(rocr.utf8) + Array(repeating: UInt8(ascii: "x"), count: padding)
        var checker = LogChecker(
            ruleSet: try ShippedRules.load(),
            timeContext: TimeContext(referenceRealtimeMicroseconds: 1_795_000_000_000_000, utcOffsetSeconds: 0)
        )
        checker.beginFile("journal.export")
        var bytes = Self.entry(message: message)
        bytes.withUnsafeMutableBytes { checker.consume(UnsafeRawBufferPointer($0)) }
        checker.endFile()
        let result = checker.finish()
        let line = try #require(result.incidents.first?.evidence.first?.header)
        #expect(line.text.hasPrefix("\u{1B}]0;title\u{07}Memory critical error"), "\(line.text)")
    }
}
