/// A journal field the ``LogRecord`` (or the ``JournalSender``) of an entry is made of.
enum JournalRecordField: Int, CaseIterable, Sendable {
    case message
    case transport
    case facility
    case pid
    case syslogPID
    case identifier
    case comm
    case hostname
    case priority
    case bootID
    case sourceMonotonic
    case uid
    case exe

    /// The field's name in the journal.
    var name: String {
        switch self {
        case .message: "MESSAGE"
        case .transport: "_TRANSPORT"
        case .facility: "SYSLOG_FACILITY"
        case .pid: "_PID"
        case .syslogPID: "SYSLOG_PID"
        case .identifier: "SYSLOG_IDENTIFIER"
        case .comm: "_COMM"
        case .hostname: "_HOSTNAME"
        case .priority: "PRIORITY"
        case .bootID: "_BOOT_ID"
        case .sourceMonotonic: "_SOURCE_MONOTONIC_TIMESTAMP"
        case .uid: "_UID"
        case .exe: "_EXE"
        }
    }

    /// The field called `name`, if it is one of the record's.
    init?(name: String) {
        guard let field = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = field
    }
}
