package import RocfaultCore

/// Log lines around one piece of evidence, kept so a report still shows them after the journal rotated.
package struct EvidenceContext: Sendable, Hashable {
    /// Lines read just before the evidence's first line, oldest first.
    package var before: [EvidenceLine]
    /// Lines read just after the evidence's last line, oldest first.
    package var after: [EvidenceLine]

    /// Creates context.
    package init(before: [EvidenceLine] = [], after: [EvidenceLine] = []) {
        self.before = before
        self.after = after
    }

    /// Whether there are no lines at all.
    package var isEmpty: Bool { before.isEmpty && after.isEmpty }
}
