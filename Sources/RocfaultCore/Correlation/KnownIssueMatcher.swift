/// Checks known-issue fingerprints against an incident's evidence.
package struct KnownIssueMatcher: Sendable {
    private let knownIssues: [KnownIssue]

    /// Creates a matcher.
    package init(knownIssues: [KnownIssue]) { self.knownIssues = knownIssues }

    /// The known issues any of whose fingerprints hold.
    ///
    /// Without a known `gfxTarget`, a `gfx` capture of the evidence (a devcoredump's graphics core)
    /// stands for it; `firmware` (the GPU's versions from sysfs) is joined by the versions `fw`
    /// captures list.
    package func matches(evidence: [Evidence], gfxTarget: String?, firmware: [String: UInt64] = [:]) -> [KnownIssue] {
        let ruleIDs = Set(evidence.flatMap { $0.lines.map(\.ruleID) })
        var captures: [String: Set<String>] = [:]
        var firmware = firmware
        for item in evidence {
            for (name, value) in item.captures { captures[name, default: []].insert(value.lowercased()) }
            if let listed = item.captures[FirmwareFacts.captureName] {
                firmware.merge(FirmwareFacts.parse(listed)) { $1 }
            }
        }
        let target = gfxTarget ?? captures["gfx"].flatMap { $0.count == 1 ? $0.first : nil }
        return knownIssues.filter { issue in
            issue.fingerprints.contains {
                holds($0, ruleIDs: ruleIDs, captures: captures, gfxTarget: target)
                    && $0.firmware.allSatisfy { firmware[$0.key] == $0.value }
            }
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
