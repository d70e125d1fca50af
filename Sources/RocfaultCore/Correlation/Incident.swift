/// A GPU failure (or non-failure) assembled from correlated evidence.
package struct Incident: Sendable, Codable, Hashable, Identifiable {
    /// Identifier, unique within a check run or a store.
    package var id: String
    /// The classification.
    package var verdict: Verdict
    /// The deciding and supporting evidence, strongest first.
    package var evidence: [Evidence]
    /// Known issues that match, with advice.
    package var knownIssues: [KnownIssueMatch]
    /// The process the incident is about, when known.
    package var pid: Int32?
    /// Its command name, when known.
    package var comm: String?
    /// The GPU address-space id, when a kernel line named it.
    package var pasid: UInt32?
    /// First evidence time.
    package var firstSeen: EventTime
    /// Last evidence time.
    package var lastSeen: EventTime
    /// Matches per rule id, including folded repeats.
    package var ruleCounts: [String: Int]
    /// A stable signature over the classification and deciding rules, for recognising duplicates.
    package var signature: String
    /// Whether the correlation window has closed.
    package var isFinal: Bool

    /// Creates an incident.
    package init(
        id: String,
        verdict: Verdict,
        evidence: [Evidence],
        knownIssues: [KnownIssueMatch],
        pid: Int32?,
        comm: String?,
        pasid: UInt32?,
        firstSeen: EventTime,
        lastSeen: EventTime,
        ruleCounts: [String: Int],
        signature: String,
        isFinal: Bool
    ) {
        self.id = id
        self.verdict = verdict
        self.evidence = evidence
        self.knownIssues = knownIssues
        self.pid = pid
        self.comm = comm
        self.pasid = pasid
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.ruleCounts = ruleCounts
        self.signature = signature
        self.isFinal = isFinal
    }
}
