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
    /// What to do first, as decided with the verdict (the deciding rule's catalog action, else the
    /// class's first step); `nil` for a verdict stored or sent by a build that did not keep it, whose
    /// step ``firstStep`` then reads from the summary.
    package var recordedFirstStep: String?

    /// Creates a verdict.
    package init(
        side: Side,
        failureClass: FailureClass,
        kernelLog: KernelLogCoverage,
        knownIssues: [String],
        summary: String,
        firstStep: String? = nil
    ) {
        self.side = side
        self.failureClass = failureClass
        self.kernelLog = kernelLog
        self.knownIssues = knownIssues
        self.summary = summary
        self.recordedFirstStep = firstStep
    }

    enum CodingKeys: String, CodingKey {
        case side
        case failureClass = "class"
        case kernelLog
        case kernelLogDetail
        case knownIssues
        case summary
        case recordedFirstStep = "firstStep"
    }
}

extension Verdict {
    /// Decodes a verdict; one written before verdicts kept their first step has no `firstStep`.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            side: try container.decode(Side.self, forKey: .side),
            failureClass: try container.decode(FailureClass.self, forKey: .failureClass),
            kernelLog: try container.decode(KernelLogCoverage.self, forKey: .kernelLog),
            knownIssues: try container.decode([String].self, forKey: .knownIssues),
            summary: try container.decode(String.self, forKey: .summary),
            firstStep: try container.decodeIfPresent(String.self, forKey: .recordedFirstStep)
        )
        kernelLogDetail = try container.decodeIfPresent(KernelLogCoverageDetail.self, forKey: .kernelLogDetail)
    }

    /// Encodes a verdict with its first step always present (read from the summary when not kept).
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(side, forKey: .side)
        try container.encode(failureClass, forKey: .failureClass)
        try container.encode(kernelLog, forKey: .kernelLog)
        try container.encodeIfPresent(kernelLogDetail, forKey: .kernelLogDetail)
        try container.encode(knownIssues, forKey: .knownIssues)
        try container.encode(summary, forKey: .summary)
        try container.encode(firstStep, forKey: .recordedFirstStep)
    }
}
