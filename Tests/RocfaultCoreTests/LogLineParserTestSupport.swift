import Foundation
import RocfaultCore
import Testing

/// Helpers shared by the `LogLineParser` tests.
enum ParserHarness {
    /// 2025-11-01T00:00:00Z, a reference time after every syslog month used in the tests but December.
    static let referenceSeconds: Int64 = 1_761_955_200
    /// The reference time in UTC.
    static let utc = TimeContext(referenceRealtimeMicroseconds: referenceSeconds * 1_000_000, utcOffsetSeconds: 0)

    /// Microseconds from whole seconds and a microsecond part.
    static func micros(_ seconds: Int64, _ microseconds: Int64 = 0) -> Int64 {
        seconds * 1_000_000 + microseconds
    }

    /// A context at `referenceSeconds` with the given offset.
    static func context(referenceSeconds: Int64 = referenceSeconds, offset: Int = 0) -> TimeContext {
        TimeContext(referenceRealtimeMicroseconds: referenceSeconds * 1_000_000, utcOffsetSeconds: offset)
    }

    /// Parses a single line with a fresh parser.
    static func parseOne(_ line: String, context: TimeContext = utc) -> LogRecord? {
        var parser = LogLineParser(file: "test.log", timeContext: context)
        return parser.parse(line, lineNumber: 1)
    }

    /// Parses a single line given as bytes with a fresh parser.
    static func parseOne(bytes: [UInt8], context: TimeContext = utc) -> LogRecord? {
        var parser = LogLineParser(file: "test.log", timeContext: context)
        return parser.parse(bytes, lineNumber: 1)
    }

    /// Splits `data` at `\n` (as a file reader would), parses every line and drains `finish()`.
    static func parseAll(_ data: [UInt8], file: String = "test.log", context: TimeContext = utc) -> [LogRecord] {
        var lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)
        if data.last == 0x0A { lines.removeLast() }
        var parser = LogLineParser(file: file, timeContext: context)
        var records: [LogRecord] = []
        for (index, line) in lines.enumerated() {
            if let record = parser.parse(line, lineNumber: index + 1) { records.append(record) }
        }
        while let record = parser.finish() { records.append(record) }
        return records
    }

    /// Parses lines given as text, one per element.
    static func parseAll(lines: [String], context: TimeContext = utc) -> [LogRecord] {
        parseAll(Array(lines.joined(separator: "\n").utf8), context: context)
    }

    /// The bytes of `Fixtures/formats/<name>`.
    static func fixture(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/formats/\(name)", withExtension: nil))
        return Array(try Data(contentsOf: url))
    }
}
