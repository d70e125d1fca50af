import Foundation
internal import GRDB
import RocfaultCore

/// Conversions between Swift values and column values that the schema defines (µs integers, JSON text).
enum ColumnValues {
    /// Microseconds since the epoch for a date.
    static func microseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    }

    /// The date for microseconds since the epoch.
    static func date(microseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(microseconds) / 1_000_000)
    }

    /// An unsigned value as SQLite's signed 64-bit integer; values above `Int64.max` are rejected.
    static func integer(_ value: UInt64?, _ what: String) throws -> Int64? {
        guard let value else { return nil }
        guard let integer = Int64(exactly: value) else {
            throw ColumnValueError("\(what) \(value) does not fit a signed 64-bit integer")
        }
        return integer
    }

    /// Arguments for the two columns of a time: `<prefix>_realtime_us`, `<prefix>_monotonic_us`.
    static func time(_ time: EventTime?, _ what: String) throws -> [(any DatabaseValueConvertible)?] {
        [time?.realtimeMicroseconds, try integer(time?.monotonicMicroseconds, what)]
    }

    /// JSON text with sorted keys, so equal values give equal text.
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// JSON text, or nil for an empty collection (so a process merge keeps the stored value).
    static func jsonUnlessEmpty<C: Collection & Encodable>(_ value: C) throws -> String? {
        value.isEmpty ? nil : try json(value)
    }
}

/// A value that the schema cannot hold or that a column held in an unexpected form.
struct ColumnValueError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
