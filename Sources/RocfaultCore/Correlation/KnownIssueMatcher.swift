/// Checks known-issue fingerprints against an incident's evidence.
public struct KnownIssueMatcher: Sendable {
    private let knownIssues: [KnownIssue]

    /// Creates a matcher.
    public init(knownIssues: [KnownIssue]) { self.knownIssues = knownIssues }

    /// The known issues any of whose fingerprints hold.
    public func matches(evidence: [Evidence], gfxTarget: String?) -> [KnownIssue] {
        let ruleIDs = Set(evidence.flatMap { $0.lines.map(\.ruleID) })
        var captures: [String: Set<String>] = [:]
        for item in evidence {
            for (name, value) in item.captures { captures[name, default: []].insert(value.lowercased()) }
        }
        return knownIssues.filter { issue in
            issue.fingerprints.contains { holds($0, ruleIDs: ruleIDs, captures: captures, gfxTarget: gfxTarget) }
        }
    }

    private func holds(
        _ fingerprint: KnownIssue.Fingerprint,
        ruleIDs: Set<String>,
        captures: [String: Set<String>],
        gfxTarget: String?
    ) -> Bool {
        guard fingerprint.all.allSatisfy(ruleIDs.contains) else { return false }
        guard fingerprint.any.isEmpty || fingerprint.any.contains(where: ruleIDs.contains) else { return false }
        guard !fingerprint.none.contains(where: ruleIDs.contains) else { return false }
        for (name, value) in fingerprint.captures where captures[name]?.contains(value.lowercased()) != true {
            return false
        }
        if !fingerprint.gfxTargets.isEmpty {
            guard let gfxTarget, fingerprint.gfxTargets.contains(gfxTarget) else { return false }
        }
        return true
    }
}
