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
