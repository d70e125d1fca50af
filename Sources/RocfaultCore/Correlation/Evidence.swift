/// A rule match on one record, with any continuation lines attached to it.
public struct Evidence: Sendable, Hashable, Codable {
    /// The rule that matched.
    public var ruleID: String
    /// What the match counts as after origin checks and demotion.
    public var kind: EvidenceKind
    /// The failure class of the rule.
    public var failureClass: FailureClass
    /// The matched record's text, then the texts of attached continuation lines.
    public var lines: [EvidenceLine]
    /// Named captures from the header and its continuations.
    public var captures: [String: String]
    /// How many identical matches (same rule, same captures) were folded into this one.
    public var count: Int
    /// Why the kind differs from the rule's kind, if it does (`injected into /dev/kmsg`, `demoted by ...`).
    public var note: String?

    /// Creates evidence.
    public init(
        ruleID: String,
        kind: EvidenceKind,
        failureClass: FailureClass,
        lines: [EvidenceLine],
        captures: [String: String],
        count: Int = 1,
        note: String? = nil
    ) {
        self.ruleID = ruleID
        self.kind = kind
        self.failureClass = failureClass
        self.lines = lines
        self.captures = captures
        self.count = count
        self.note = note
    }

    /// The first line: the one the rule matched.
    public var header: EvidenceLine { lines[0] }
}

/// One log line kept as evidence.
public struct EvidenceLine: Sendable, Hashable, Codable {
    /// The message text.
    public var text: String
    /// Who wrote it.
    public var origin: RecordOrigin
    /// The rule that matched this line.
    public var ruleID: String
    /// Where it was read.
    public var location: SourceLocation
    /// Kernel monotonic time in microseconds, when known.
    public var monotonicMicroseconds: UInt64?
    /// Wall-clock time in microseconds since the epoch, when known.
    public var realtimeMicroseconds: Int64?
    /// The writing process, when known.
    public var pid: Int32?
    /// The writer's identifier, when known.
    public var identifier: String?

    /// Creates a line from a record.
    public init(record: LogRecord, ruleID: String) {
        self.text = record.text
        self.origin = record.origin
        self.ruleID = ruleID
        self.location = record.location
        self.monotonicMicroseconds = record.monotonicMicroseconds
        self.realtimeMicroseconds = record.realtimeMicroseconds
        self.pid = record.pid
        self.identifier = record.identifier
    }
}
