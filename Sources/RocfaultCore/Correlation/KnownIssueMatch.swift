/// A known issue found to match an incident.
package struct KnownIssueMatch: Sendable, Codable, Hashable {
    /// The known issue id.
    package var id: String
    /// Link, if any.
    package var url: String?
    /// Title.
    package var title: String
    /// What to do.
    package var advice: String
    /// The first, safe step (absent in incidents recorded before known issues had tiers).
    package var immediate: String?
    /// What to try or collect next.
    package var investigate: String?

    /// Creates a match from a known issue.
    package init(_ issue: KnownIssue) {
        self.id = issue.id
        self.url = issue.url
        self.title = issue.title
        self.advice = issue.advice
        self.immediate = issue.immediate
        self.investigate = issue.investigate
    }
}
