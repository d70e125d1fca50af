/// The answer for one incident, or for a whole check.
package struct Verdict: Sendable, Codable, Hashable {
    /// Which side failed.
    package var side: Side
    /// The finer class.
    package var failureClass: FailureClass
    /// Whether the kernel log covered the incident.
    package var kernelLog: KernelLogCoverage
    /// What the coverage was decided from (spans read, span missing), when the decider gave it.
    package var kernelLogDetail: KernelLogCoverageDetail?
    /// Ids of known issues that match.
    package var knownIssues: [String]
    /// One short paragraph a person can read.
    package var summary: String

    /// Creates a verdict.
    package init(
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
