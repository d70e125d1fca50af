/// What the catalog says about one log line: `rocfault explain`'s answer.
package struct LineExplanation: Sendable, Hashable, Codable {
    /// The line as given.
    package var line: String
    /// `kernel`, `userspace`, `hang`, `none`, or `unknown` when no rule knows the line.
    package var side: String
    /// The catalog side (`kernel-fault`, `kernel-benign`, `userspace`, `none`), nil when unknown.
    package var catalogSide: CatalogSide?
    /// The id of the rule that explains the line.
    package var rule: String?
    /// The rule's evidence kind.
    package var kind: EvidenceKind?
    /// The failure class.
    package var failureClass: FailureClass?
    /// The GPU block or software layer.
    package var subsystem: Subsystem?
    /// What the line means, in plain words (the catalog meaning, else the rule description).
    package var meaning: String
    /// What to do right away.
    package var action: String?
    /// What to look at to find the cause.
    package var investigate: String?
    /// The kernel versions that print it.
    package var kernels: [String]

    enum CodingKeys: String, CodingKey {
        case line, side, catalogSide, rule, kind
        case failureClass = "class"
        case subsystem, meaning, action, investigate, kernels
    }

    /// Whether a rule knows the line.
    package var isKnown: Bool { rule != nil }

    /// The answer for a line no rule knows.
    package static func unknown(_ line: String) -> LineExplanation {
        LineExplanation(
            line: line,
            side: "unknown",
            catalogSide: nil,
            rule: nil,
            kind: nil,
            failureClass: nil,
            subsystem: nil,
            meaning: "No rule knows this line.",
            action: nil,
            investigate: nil,
            kernels: []
        )
    }
}
