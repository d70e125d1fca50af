/// One journal entry in the journal export format, for building real journal files in tests
/// (see ``JournalFileBuilder``).
///
/// Fields keep their order. `__REALTIME_TIMESTAMP`, `__MONOTONIC_TIMESTAMP` and `_BOOT_ID` set
/// the entry's timestamps and boot in the file that `systemd-journal-remote` writes.
struct ExportEntry: Sendable {
    /// The fields in order; values are raw bytes.
    var fields: [(name: String, value: [UInt8])]

    /// An entry with these text fields, in order.
    init(_ fields: KeyValuePairs<String, String>) {
        self.fields = fields.map { ($0.key, Array($0.value.utf8)) }
    }

    /// Adds a field with a binary value (written in the export format's binary form).
    func adding(_ name: String, bytes: [UInt8]) -> ExportEntry {
        var copy = self
        copy.fields.append((name, bytes))
        return copy
    }

    /// Adds a text field.
    func adding(_ name: String, _ value: String) -> ExportEntry {
        adding(name, bytes: Array(value.utf8))
    }

    /// The entry in export format: `NAME=value` lines, or `NAME\n<le64 size><bytes>` for values
    /// with newlines or non-UTF-8 bytes, and a blank line at the end.
    var exportBytes: [UInt8] {
        var output: [UInt8] = []
        for (name, value) in fields {
            output += Array(name.utf8)
            if value.contains(UInt8(ascii: "\n")) || String(validating: value, as: UTF8.self) == nil {
                output.append(UInt8(ascii: "\n"))
                withUnsafeBytes(of: UInt64(value.count).littleEndian) { output += $0 }
                output += value
            } else {
                output.append(UInt8(ascii: "="))
                output += value
            }
            output.append(UInt8(ascii: "\n"))
        }
        output.append(UInt8(ascii: "\n"))
        return output
    }

    /// A typical entry: timestamps, boot, transport and message.
    static func make(
        message: String,
        boot: String,
        realtime: UInt64,
        monotonic: UInt64,
        transport: String = "stdout"
    ) -> ExportEntry {
        ExportEntry([
            "__REALTIME_TIMESTAMP": String(realtime), "__MONOTONIC_TIMESTAMP": String(monotonic),
            "_BOOT_ID": boot, "_TRANSPORT": transport, "MESSAGE": message,
        ])
    }
}
