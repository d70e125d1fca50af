import Foundation
internal import GRDB
import RocfaultCore

extension Row {
    /// A non-null column, or an error naming it.
    func required<Value: DatabaseValueConvertible>(_ column: String) throws -> Value {
        guard let value: Value = try decode(forColumn: column) else {
            throw ColumnValueError("column \(column) is null or missing")
        }
        return value
    }

    /// A nullable column.
    func optional<Value: DatabaseValueConvertible>(_ column: String) throws -> Value? {
        try decode(forColumn: column)
    }

    /// An unsigned column stored as a signed integer.
    func unsigned(_ column: String) throws -> UInt64? {
        guard let value: Int64 = try optional(column) else { return nil }
        guard let unsigned = UInt64(exactly: value) else {
            throw ColumnValueError("column \(column) holds negative \(value)")
        }
        return unsigned
    }

    /// A core enum stored by raw value.
    func rawValue<Value: RawRepresentable>(_ column: String, as type: Value.Type) throws -> Value
    where Value.RawValue == String {
        let raw: String = try required(column)
        guard let value = Value(rawValue: raw) else {
            throw ColumnValueError("column \(column) holds unknown value \(raw)")
        }
        return value
    }

    /// The time stored in `<prefix>_realtime_us` and `<prefix>_monotonic_us`.
    func time(_ prefix: String) throws -> EventTime {
        EventTime(
            realtimeMicroseconds: try optional("\(prefix)_realtime_us"),
            monotonicMicroseconds: try unsigned("\(prefix)_monotonic_us")
        )
    }

    /// A JSON column decoded as `type`, or `fallback` when null.
    func json<Value: Decodable>(_ column: String, as type: Value.Type, default fallback: Value) throws -> Value {
        guard let text: String = try optional(column) else { return fallback }
        return try JSONDecoder().decode(Value.self, from: Data(text.utf8))
    }

    /// A date stored as microseconds since the epoch.
    func date(_ column: String) throws -> Date {
        ColumnValues.date(microseconds: try required(column))
    }
}
