/// A GPU failure (or non-failure) assembled from correlated evidence.
public struct Incident: Sendable, Codable, Hashable, Identifiable {
    /// Identifier, unique within a check run or a store.
    public var id: String
    /// The classification.
    public var verdict: Verdict
    /// The deciding and supporting evidence, strongest first.
    public var evidence: [Evidence]
    /// Known issues that match, with advice.
    public var knownIssues: [KnownIssueMatch]
    /// The process the incident is about, when known.
    public var pid: Int32?
    /// Its command name, when known.
    public var comm: String?
    /// The GPU address-space id, when a kernel line named it.
    public var pasid: UInt32?
    /// First evidence time.
    public var firstSeen: EventTime
    /// Last evidence time.
    public var lastSeen: EventTime
    /// Matches per rule id, including folded repeats.
    public var ruleCounts: [String: Int]
    /// A stable signature over the classification and deciding rules, for recognising duplicates.
    public var signature: String
    /// Whether the correlation window has closed.
    public var isFinal: Bool

    /// Creates an incident.
    public init(
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
