/// One rule matching one line.
public struct RuleMatch: Sendable, Hashable {
    /// The rule.
    public var rule: Rule
    /// Its named captures.
    public var captures: [String: String]
}
