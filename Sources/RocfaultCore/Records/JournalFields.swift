/// The journal fields a record is built from, gathered from a JSON object or an export entry.
struct JournalFields {
    private var message: [UInt8]?
    private var realtime: Int64?
    private var sourceRealtime: Int64?
    private var monotonic: UInt64?
    private var sourceMonotonic: UInt64?
    private var pid: Int32?
    private var syslogPID: Int32?
    private var identifier: String?
    private var command: String?
    private var host: String?
    private var priority: Int?
    private var facility: Int?
    private var transport: String?
    private var bootID: String?
    /// Whether a field only the journal writes (`__CURSOR`, `__REALTIME_TIMESTAMP`, `_BOOT_ID`,
    /// `_TRANSPORT`) was seen, which tells a journal entry from some other JSON object.
    private(set) var hasJournalFields = false
    /// Whether `MESSAGE` was set.
    var hasMessage: Bool { message != nil }

    /// Records one field. Unknown names are ignored; the first value of a repeated field wins.
    mutating func set(name: String, value: [UInt8]) {
        if name.hasPrefix("__") || name == "_BOOT_ID" || name == "_TRANSPORT" { hasJournalFields = true }
        switch name {
        case "MESSAGE": message = message ?? value
        case "__REALTIME_TIMESTAMP": realtime = realtime ?? Self.decimal(value).flatMap { Int64(exactly: $0) }
        case "_SOURCE_REALTIME_TIMESTAMP": sourceRealtime = Self.decimal(value).flatMap { Int64(exactly: $0) }
        case "__MONOTONIC_TIMESTAMP": monotonic = monotonic ?? Self.decimal(value)
        case "_SOURCE_MONOTONIC_TIMESTAMP": sourceMonotonic = Self.decimal(value)
        case "_PID": pid = pid ?? Self.processID(value)
        case "SYSLOG_PID": syslogPID = Self.processID(value)
        case "SYSLOG_IDENTIFIER": identifier = identifier ?? Self.text(value)
        case "_COMM": command = Self.text(value)
        case "_HOSTNAME": host = host ?? Self.text(value)
        case "PRIORITY": priority = Self.decimal(value).flatMap { $0 <= 7 ? Int($0) : nil }
        case "SYSLOG_FACILITY": facility = Self.decimal(value).flatMap { $0 <= 1023 ? Int($0) : nil }
        case "_TRANSPORT": transport = Self.text(value)
        case "_BOOT_ID": bootID = Self.text(value)
        default: break
        }
    }

    /// The record, or nil without a `MESSAGE`.
    ///
    /// Origin: `_TRANSPORT=kernel` is the kernel, unless `SYSLOG_FACILITY` is non-zero (a process
    /// wrote the line to `/dev/kmsg`, as a facility >= 1 kmsg record is userspace); any other
    /// transport is userspace. Without a transport, the facility decides, then the identifier
    /// (`kernel` or not); with neither the origin is unknown.
    /// For kernel lines the monotonic time is the kernel's own stamp (`_SOURCE_MONOTONIC_TIMESTAMP`,
    /// what `dmesg` prints) when present.
    func record(format: LogFormat, location: SourceLocation) -> LogRecord? {
        guard let message else { return nil }
        return LogRecord(
            text: String(decoding: message, as: UTF8.self),
            origin: origin,
            format: format,
            location: location,
            monotonicMicroseconds: sourceMonotonic ?? monotonic,
            realtimeMicroseconds: realtime ?? sourceRealtime,
            pid: pid ?? syslogPID,
            identifier: identifier ?? command,
            host: host,
            priority: priority,
            bootID: bootID
        )
    }

    private var origin: RecordOrigin {
        if let transport {
            return transport == "kernel" && (facility ?? 0) == 0 ? .kernel : .userspace
        }
        if let facility { return facility == 0 ? .kernel : .userspace }
        guard let identifier else { return .unknown }
        return identifier == "kernel" ? .kernel : .userspace
    }

    private static func text(_ value: [UInt8]) -> String {
        String(decoding: value, as: UTF8.self)
    }

    private static func processID(_ value: [UInt8]) -> Int32? {
        decimal(value).flatMap { Int32(exactly: $0) }
    }

    /// A non-negative decimal number of at most 19 digits.
    static func decimal(_ value: some Collection<UInt8>) -> UInt64? {
        guard !value.isEmpty, value.count <= 19, value.allSatisfy(ByteClass.isDigit) else { return nil }
        return value.reduce(0) { $0 * 10 + UInt64($1 - ByteClass.zero) }
    }
}
