/// Decides an incident's side, class, known issues, summary and signature from its evidence.
///
/// Kernel evidence beats userspace beats hang; benign, not-amd and context evidence never decide a
/// side. Rules listed in another matched rule's `demotes` count as context.
package struct IncidentClassifier: Sendable {
    let ruleSet: RuleSet

    /// Creates a classifier over a rule set (for demotions and known issues).
    package init(ruleSet: RuleSet) { self.ruleSet = ruleSet }

    /// Classifies a draft.
    package func classify(_ draft: IncidentDraft, context: IncidentContext, isFinal: Bool) -> Incident {
        let tied = tiedToVendor(
            demoted(draft.evidence),
            named: context.namedGPUVendors,
            fromInput: context.vendorsReadFromInput,
            devices: context.listedGPUDevices,
            stated: context.statedGPUVendor
        )
        var evidence = Self.explainedStops(promotedOnAMDGPUStack(tied, context: context), cause: draft.stopCause)
        if let stall = endOfInputStall(draft, evidence: evidence, context: context) { evidence.append(stall) }
        let side = evidence.compactMap(\.kind.decidesSide).max() ?? .none
        let ordered = Self.strongestFirst(evidence, side: side)
        let failureClass = Self.namingClass(ordered, side: side)
        let issues = KnownIssueMatcher(knownIssues: ruleSet.knownIssues).matchesWithFirmware(
            evidence: evidence + context.machineEvidence,
            gfxTarget: context.gfxTarget,
            firmware: context.firmware,
            firmwareSource: context.firmwareSource
        )
        let deciding = ordered.filter { $0.kind.decidesSide == side && side != .none }
        let verdict = verdict(
            side: side,
            failureClass: failureClass,
            deciding: deciding,
            evidence: evidence,
            knownIssues: issues.map(\.id),
            draft: draft,
            kernelLog: side == .kernel ? .covered : context.kernelLog,
            statedVendor: context.statedGPUVendor
        )
        return Incident(
            id: draft.id,
            verdict: verdict,
            evidence: ordered,
            knownIssues: issues,
            pid: draft.pid,
            comm: draft.comm,
            pasid: draft.pasid,
            firstSeen: draft.firstSeen,
            lastSeen: draft.lastSeen,
            ruleCounts: draft.ruleCounts,
            signature: IncidentSignature.make(side: side, failureClass: failureClass, deciding: deciding),
            isFinal: isFinal
        )
    }

    /// The verdict's words: the summary and the first step, in the deciding rule's catalog words
    /// when it has an entry; a block whose header has none speaks with the entry of the line that
    /// gave it its side (an oops's amdgpu frame, the exception after a frame in AMD's code).
    private func verdict(
        side: Side,
        failureClass: FailureClass,
        deciding: [Evidence],
        evidence: [Evidence],
        knownIssues: [String],
        draft: IncidentDraft,
        kernelLog: KernelLogCoverage,
        statedVendor: GPUVendor?
    ) -> Verdict {
        let catalog = deciding.first.flatMap { item in
            ruleSet.rule(id: item.ruleID)?.catalog
                ?? item.lines.lazy.compactMap { self.ruleSet.rule(id: $0.ruleID) }
                .first { $0.kind == item.kind && $0.catalog != nil }?.catalog
        }
        return Verdict(
            side: side,
            failureClass: failureClass,
            kernelLog: kernelLog,
            knownIssues: knownIssues,
            summary: VerdictSummary.text(
                side: side,
                failureClass: failureClass,
                deciding: deciding,
                evidence: evidence,
                catalog: catalog,
                comm: draft.comm,
                pid: draft.pid,
                kernelLog: kernelLog,
                statedVendor: statedVendor
            ),
            firstStep: VerdictSummary.firstStep(side: side, failureClass: failureClass, catalog: catalog)
        )
    }

    /// How the note of a demoted line begins.
    static let demotedNotePrefix = "not decisive here: "

    /// Whether another matched rule demoted this evidence (its note says so).
    static func isDemoted(_ item: Evidence) -> Bool { item.note?.hasPrefix(demotedNotePrefix) ?? false }

    /// Deciding evidence first (by class rank), then the rest by kind and rank.
    static func strongestFirst(_ evidence: [Evidence], side: Side) -> [Evidence] {
        func weight(_ item: Evidence) -> (Int, Int) {
            let decides = item.kind.decidesSide
            let tier =
                decides == side && side != .none
                ? 3 : decides != nil ? 2 : item.kind == .notAMD ? 1 : 0
            return (tier, item.failureClass.rank)
        }
        return evidence.enumerated().sorted { lhs, rhs in
            let (a, b) = (weight(lhs.element), weight(rhs.element))
            return a != b ? a > b : lhs.offset < rhs.offset
        }.map(\.element)
    }
}
