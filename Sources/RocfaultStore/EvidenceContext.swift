public import RocfaultCore

/// Log lines around one piece of evidence, kept so a report still shows them after the journal rotated.
public struct EvidenceContext: Sendable, Hashable {
    /// Lines read just before the evidence's first line, oldest first.
    public var before: [EvidenceLine]
    /// Lines read just after the evidence's last line, oldest first.
    public var after: [EvidenceLine]

    /// Creates context.
    public init(before: [EvidenceLine] = [], after: [EvidenceLine] = []) {
        self.before = before
        self.after = after
    }

    /// Whether there are no lines at all.
    public var isEmpty: Bool { before.isEmpty && after.isEmpty }
}
