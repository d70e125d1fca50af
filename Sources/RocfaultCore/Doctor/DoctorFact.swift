/// One fact `rocfault doctor` read: its value, or that it is absent, or why it could not be read,
/// always with the file (or other source) it came from.
package struct DoctorFact: Sendable, Hashable, Codable {
    /// The value read; `nil` when the source was read and the fact is not there, or when unknown.
    package var value: String?
    /// Where it was read: a file path (`/proc/cmdline`) or a description (`environment of the calling shell`).
    package var source: String
    /// Why the fact could not be read (`debugfs needs root`); `nil` when it was read.
    package var unknownReason: String?

    /// Creates a fact.
    package init(value: String?, source: String, unknownReason: String? = nil) {
        self.value = value
        self.source = source
        self.unknownReason = unknownReason
    }

    /// A value read from a source.
    package static func known(_ value: String, from source: String) -> DoctorFact {
        DoctorFact(value: value, source: source)
    }

    /// The source was read and the fact is not there (a kernel parameter not given).
    package static func absent(from source: String) -> DoctorFact {
        DoctorFact(value: nil, source: source)
    }

    /// The fact could not be read, and why.
    package static func unknown(_ reason: String, source: String) -> DoctorFact {
        DoctorFact(value: nil, source: source, unknownReason: reason)
    }

    /// Whether the fact could not be read.
    package var isUnknown: Bool { unknownReason != nil }

    /// `0x00000083 (/sys/kernel/debug/dri/1/amdgpu_firmware_info)`, `not found (/opt/rocm/.info/version)`,
    /// or `unknown: debugfs needs root (/sys/kernel/debug/dri/1/amdgpu_firmware_info)`.
    package var description: String { description(absent: "not found") }

    /// The description, saying `absent` when the source was read and the fact is not there.
    package func description(absent: String) -> String {
        let origin = source.isEmpty ? "" : " (\(source))"
        if let unknownReason { return "unknown: \(unknownReason)\(origin)" }
        return (value.map { $0.isEmpty ? "(set)" : $0 } ?? absent) + origin
    }
}
