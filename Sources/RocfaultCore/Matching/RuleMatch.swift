/// One rule matching one line.
package struct RuleMatch: Sendable, Hashable {
    /// The rule.
    package var rule: Rule
    /// Its named captures.
    package var captures: [String: String]
}
