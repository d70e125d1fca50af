/// Demotes: a matched line that makes another rule's lines decide nothing in the same incident (a
/// package install error over the failures it causes, a hung task's frame of another vendor's
/// driver, fence fallbacks right after a resume or a driver teardown).
///
/// A demote aims at a rule. Evidence of that rule is demoted wherever it is in the incident, or,
/// for a rule with `demotes-within`, only within that many lines of the demoting line. A
/// block (a header with continuation lines) answers for its continuations too, but more narrowly:
/// the demoting line must be outside the block, come before it, and the block must be a short burst,
/// since a resume or a teardown explains the few lines right after it, not a flood that goes on.
extension IncidentClassifier {
    /// How many folded repeats of a block a demoting line outside it still explains.
    static let maxExplainedBurst = 4

    /// A rule that demotes another, and the line of the evidence that matched it.
    private struct Demoter {
        var ruleID: String
        var line: EvidenceLine
        var reach: Int?
    }

    func demoted(_ evidence: [Evidence]) -> [Evidence] {
        var demoters: [String: [Demoter]] = [:]
        for item in evidence {
            for line in item.lines {
                guard let rule = ruleSet.rule(id: line.ruleID) else { continue }
                for target in rule.demotes {
                    demoters[target, default: []].append(
                        Demoter(ruleID: rule.id, line: line, reach: rule.demotesWithin)
                    )
                }
            }
        }
        guard !demoters.isEmpty else { return evidence }
        // A demoted context line keeps its kind but gets the note too, so the AMD-stack layer (which
        // promotes only context lines without a note) cannot make it decide after all.
        return evidence.map { item in
            guard item.kind.decidesSide != nil || item.kind == .context,
                let by = demoter(of: item, among: demoters)
            else { return item }
            var changed = item
            changed.kind = .context
            changed.note = Self.demotedNotePrefix + "\(by) also matched"
            return changed
        }
    }

    /// The rule that demotes this evidence, the first by name when several do (so the note is the
    /// same in every run): one aimed at the evidence's own rule, else one aimed at a continuation of
    /// the block from a line outside it that explains the block.
    private func demoter(of item: Evidence, among demoters: [String: [Demoter]]) -> String? {
        let near = demoters[item.ruleID]?.filter { Self.reaches($0.line, item.header, within: $0.reach) }
        if let direct = near?.map(\.ruleID).min() { return direct }
        let own = Set(item.lines.map(\.ruleID))
        let continuations = item.lines.dropFirst().flatMap { demoters[$0.ruleID] ?? [] }
        return continuations.filter {
            !own.contains($0.ruleID) && Self.explains($0.line, block: item)
                && Self.reaches($0.line, item.header, within: $0.reach)
        }
        .map(\.ruleID).min()
    }

    /// Whether a demoting line reaches a demoted one: always without a reach; with one, lines of the
    /// same file at most `reach` lines apart. Lines without places to compare (live journal entries,
    /// two files) fall back to the incident, as a demote without a reach does.
    static func reaches(_ cause: EvidenceLine, _ target: EvidenceLine, within reach: Int?) -> Bool {
        guard let reach, cause.location.file == target.location.file, cause.location.line > 0,
            target.location.line > 0
        else { return true }
        return abs(cause.location.line - target.location.line) <= reach
    }

    /// Whether a demoting line outside a block explains it: the block is a short burst, and the
    /// demoting line comes first (by time when both lines carry one, else by line in the same file).
    static func explains(_ cause: EvidenceLine, block: Evidence) -> Bool {
        guard block.count <= maxExplainedBurst else { return false }
        return precedes(cause, block.header)
    }

    /// Whether one line comes before another, as far as their times or places tell; lines that
    /// cannot be ordered count as in order.
    static func precedes(_ first: EvidenceLine, _ second: EvidenceLine) -> Bool {
        if let a = first.realtimeMicroseconds, let b = second.realtimeMicroseconds, a != b { return a < b }
        if let a = first.monotonicMicroseconds, let b = second.monotonicMicroseconds, a != b { return a < b }
        guard first.location.file == second.location.file, first.location.line > 0, second.location.line > 0 else {
            return true
        }
        return first.location.line <= second.location.line
    }
}
