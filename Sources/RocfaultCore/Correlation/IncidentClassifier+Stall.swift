/// Stalls recognised from how a saved log ends, and the stops that a non-AMD failure explains.
extension IncidentClassifier {
    /// Hang evidence inferred at the end of a saved input, when nothing else decides the incident:
    /// a HIP call that never returned, a long phase that never completed, or an interrupt after
    /// GPU work. Its note says how sure the inference is. A stall of a line that names no vendor, in
    /// an input that names only other vendors' GPUs, is not AMD evidence (``tiedStall(_:context:)``).
    func endOfInputStall(_ draft: IncidentDraft, evidence: [Evidence], context: IncidentContext) -> Evidence? {
        // Any failure in the incident, before the phase or after it, says the job failed: a saved
        // log interleaves streams (a progress bar redrawn after the exception that ended it), so
        // line order does not tell which came first.
        guard context.unansweredCallMeansHang, draft.stopCause == nil,
            !evidence.contains(where: { $0.kind.decidesSide != nil || namesAFailure($0) })
        else { return nil }
        guard let stall = inferredStall(draft) else { return nil }
        return tiedStall(stall, context: context)
    }

    /// The stall a saved log's end implies, before any vendor tie.
    private func inferredStall(_ draft: IncidentDraft) -> Evidence? {
        if let call = draft.unansweredCall {
            let api = call.captures["api"] ?? "a HIP call"
            return Self.stall(from: call, note: "the trace ends inside \(api), which never returned")
        }
        if let phase = draft.openPhase {
            return Self.stall(
                from: phase,
                note: "the log ends during this phase, with no completion and no error after it; a stall is likely"
            )
        }
        if let interrupt = draft.interruption {
            return Self.stall(
                from: interrupt,
                note: "the job was interrupted after GPU work with no error reported; it had probably stalled"
            )
        }
        return nil
    }

    /// An inferred stall is tied to the GPU vendors the input names, as the rule of its line says
    /// (`gpu-vendor: amd-if-named` for lines NCCL and RCCL print alike); a line with no vendor of its
    /// own (a load phase, a health probe) is a stall of whatever GPU the input names, so it is not
    /// AMD evidence when the input names only other vendors' GPUs.
    private func tiedStall(_ stall: Evidence, context: IncidentContext) -> Evidence {
        let named = context.namedGPUVendors
        let tied =
            tiedToVendor(
                [stall],
                named: named,
                fromInput: context.vendorsReadFromInput,
                devices: context.listedGPUDevices
            ).first ?? stall
        guard tied.kind == .hang, vendor(of: tied) == nil, !named.isEmpty, !named.contains(.amd) else { return tied }
        return Self.notAMD(tied, other: named.sorted().first, named: named)
    }

    /// Whether evidence reports a failure even though it decides no side: a non-AMD failure (CUDA,
    /// a CPU trap, a failure line tied to another vendor's GPU or to no named vendor), or a context
    /// rule of a failure class (a core dump, a shell `Aborted`, a vendor-neutral out-of-memory line).
    /// Evidence demoted from a deciding kind was judged harmless and does not count.
    func namesAFailure(_ evidence: Evidence) -> Bool {
        let ruleKind = ruleSet.rule(id: evidence.ruleID)?.kind ?? evidence.kind
        if ruleKind == .notAMD || evidence.kind == .notAMD { return true }
        guard ruleKind == .context else { return false }
        return ![.stall, .benign, .apiTrace, .noEvidence].contains(evidence.failureClass)
    }

    /// Hang evidence stops deciding when a line of the incident says what else ended the job
    /// (`progress: killed`, a host OOM kill): that explains why it stopped.
    static func explainedStops(_ evidence: [Evidence], cause: Evidence?) -> [Evidence] {
        guard let cause else { return evidence }
        return evidence.map { item in
            guard item.kind == .hang else { return item }
            var changed = item
            changed.kind = .context
            changed.note = "not decisive here: \(cause.ruleID) explains the stop"
            return changed
        }
    }

    private static func stall(from evidence: Evidence, note: String) -> Evidence {
        var stall = evidence
        stall.kind = .hang
        stall.failureClass = .stall
        stall.note = note
        return stall
    }

    /// The class that names an incident. A phase line (a load starting, an interrupt) is
    /// `stall`-class context; when no stall was inferred it is no finding and does not name a
    /// `none` incident ("the input shows a stall" would be wrong).
    static func namingClass(_ ordered: [Evidence], side: Side) -> FailureClass {
        let naming = ordered.filter { side != .none || !($0.kind == .context && $0.failureClass == .stall) }
        // A line another rule demoted does not name the class while one that was not demoted can.
        let undemoted = naming.first { !isDemoted($0) }
        return (undemoted ?? naming.first)?.failureClass ?? .noEvidence
    }
}
