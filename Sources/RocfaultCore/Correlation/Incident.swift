/// Whether the kernel log was read for the time of an incident.
public enum KernelLogCoverage: String, Sendable, Codable, Hashable {
    /// A kernel log for that time was read and is part of the verdict.
    case covered
    /// No kernel log was given or read at all.
    case notProvided = "not-provided"
    /// A kernel log was read, but not for the incident's time (overrun, sequence jump, other period).
    case gap
    /// A kernel log source exists (`/dev/kmsg`, the system journal) but this user may not read it.
    case unreadable
    /// A kernel log was read, but the incident and it cannot be put on one clock (a timestamp-less
    /// application log next to relative `dmesg` times), so whether it covers the incident is unknown.
    case unaligned
}

/// The answer for one incident, or for a whole check.
public struct Verdict: Sendable, Codable, Hashable {
    /// Which side failed.
    public var side: Side
    /// The finer class.
    public var failureClass: FailureClass
    /// Whether the kernel log covered the incident.
    public var kernelLog: KernelLogCoverage
    /// What the coverage was decided from (spans read, span missing), when the decider gave it.
    public var kernelLogDetail: KernelLogCoverageDetail?
    /// Ids of known issues that match.
    public var knownIssues: [String]
    /// One short paragraph a person can read.
    public var summary: String

    /// Creates a verdict.
    public init(
        side: Side,
        failureClass: FailureClass,
        kernelLog: KernelLogCoverage,
        knownIssues: [String],
        summary: String
    ) {
        self.side = side
        self.failureClass = failureClass
        self.kernelLog = kernelLog
        self.knownIssues = knownIssues
        self.summary = summary
    }

    enum CodingKeys: String, CodingKey {
        case side
        case failureClass = "class"
        case kernelLog
        case kernelLogDetail
        case knownIssues
        case summary
    }
}

/// A known issue found to match an incident.
public struct KnownIssueMatch: Sendable, Codable, Hashable {
    /// The known issue id.
    public var id: String
    /// Link, if any.
    public var url: String?
    /// Title.
    public var title: String
    /// What to do.
    public var advice: String
    /// The first, safe step (absent in incidents recorded before known issues had tiers).
    public var immediate: String?
    /// What to try or collect next.
    public var investigate: String?

    /// Creates a match from a known issue.
    public init(_ issue: KnownIssue) {
        self.id = issue.id
        self.url = issue.url
        self.title = issue.title
        self.advice = issue.advice
        self.immediate = issue.immediate
        self.investigate = issue.investigate
    }
}

/// A point in time as the inputs gave it: wall clock, kernel monotonic, or both.
public struct EventTime: Sendable, Codable, Hashable {
    /// Microseconds since the Unix epoch, UTC.
    public var realtimeMicroseconds: Int64?
    /// Microseconds since boot on the kernel clock.
    public var monotonicMicroseconds: UInt64?

    /// Creates a time.
    public init(realtimeMicroseconds: Int64? = nil, monotonicMicroseconds: UInt64? = nil) {
        self.realtimeMicroseconds = realtimeMicroseconds
        self.monotonicMicroseconds = monotonicMicroseconds
    }

    /// Whether neither clock is known.
    public var isUnknown: Bool { realtimeMicroseconds == nil && monotonicMicroseconds == nil }
}

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
