/// A rule match on one record, with any continuation lines attached to it.
package struct Evidence: Sendable, Hashable, Codable {
    /// The rule that matched.
    package var ruleID: String
    /// What the match counts as after origin checks and demotion.
    package var kind: EvidenceKind
    /// The failure class of the rule.
    package var failureClass: FailureClass
    /// The matched record's text, then the texts of attached continuation lines.
    package var lines: [EvidenceLine]
    /// Named captures from the header and its continuations.
    package var captures: [String: String]
    /// How many identical matches (same rule, same captures) were folded into this one.
    package var count: Int
    /// Why the kind differs from the rule's kind, if it does (`injected into /dev/kmsg`, `demoted by ...`).
    package var note: String?

    /// Creates evidence.
    package init(
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
    package var header: EvidenceLine { lines[0] }
}

/// One log line kept as evidence.
package struct EvidenceLine: Sendable, Hashable, Codable {
    /// The message text.
    package var text: String
    /// Who wrote it.
    package var origin: RecordOrigin
    /// The rule that matched this line.
    package var ruleID: String
    /// Where it was read.
    package var location: SourceLocation
    /// Kernel monotonic time in microseconds, when known.
    package var monotonicMicroseconds: UInt64?
    /// Wall-clock time in microseconds since the epoch, when known.
    package var realtimeMicroseconds: Int64?
    /// The writing process, when known.
    package var pid: Int32?
    /// The writer's identifier, when known.
    package var identifier: String?

    /// Creates a line from a record.
    package init(record: LogRecord, ruleID: String) {
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
