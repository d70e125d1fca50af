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
        findings(evidence: evidence, gfxTarget: gfxTarget, firmware: firmware, firmwareSource: "").map(\.issue)
    }

    /// The matching known issues, each with the firmware versions its fingerprint depended on and
    /// where each was read: `firmwareSource` for the versions given in `firmware`, a device coredump
    /// for those a `fw` capture lists (which win: they were read at the time of the fault).
    package func matchesWithFirmware(
        evidence: [Evidence],
        gfxTarget: String?,
        firmware: [String: UInt64],
        firmwareSource: String
    ) -> [KnownIssueMatch] {
        findings(evidence: evidence, gfxTarget: gfxTarget, firmware: firmware, firmwareSource: firmwareSource).map {
            var match = KnownIssueMatch($0.issue)
            match.firmware = $0.firmware.isEmpty ? nil : $0.firmware
            return match
        }
    }

    /// Each matching issue with the firmware readings of its first holding fingerprint that has a
    /// firmware condition (none when only fingerprints without one hold).
    private func findings(
        evidence: [Evidence],
        gfxTarget: String?,
        firmware given: [String: UInt64],
        firmwareSource: String
    ) -> [(issue: KnownIssue, firmware: [FirmwareReading])] {
        let ruleIDs = Set(evidence.flatMap { $0.lines.map(\.ruleID) })
        var captures: [String: Set<String>] = [:]
        var firmware = given.mapValues { (version: $0, source: firmwareSource) }
        for item in evidence {
            for (name, value) in item.captures { captures[name, default: []].insert(value.lowercased()) }
            if let listed = item.captures[FirmwareFacts.captureName] {
                for (name, version) in FirmwareFacts.parse(listed) {
                    firmware[name] = (version, FirmwareReading.devcoredumpSource)
                }
            }
        }
        let target = gfxTarget ?? captures["gfx"].flatMap { $0.count == 1 ? $0.first : nil }
        return knownIssues.compactMap { issue in
            let holding = issue.fingerprints.filter {
                holds($0, ruleIDs: ruleIDs, captures: captures, gfxTarget: target)
                    && $0.firmware.allSatisfy { firmware[$0.key]?.version == $0.value }
            }
            guard !holding.isEmpty else { return nil }
            let used = holding.first { !$0.firmware.isEmpty }?.firmware.keys.sorted() ?? []
            let readings = used.compactMap { name in
                firmware[name].map { FirmwareReading(name: name, version: $0.version, source: $0.source) }
            }
            return (issue, readings)
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
