/// Matches lines against a ``RuleSet`` on one thread: the rule set is the shareable compiled half,
/// the matcher owns the match data (a ``PatternMatcher``) and the per-rule match-limit counts.
///
/// Not `Sendable`, on purpose: a checker, an engine or a run makes its own from a shared rule set.
package final class RuleMatcher {
    /// The rules matched with.
    package let ruleSet: RuleSet
    private let matcher = PatternMatcher()
    private var limitHits: [Int]

    /// A matcher for a rule set.
    package init(ruleSet: RuleSet) {
        self.ruleSet = ruleSet
        self.limitHits = Array(repeating: 0, count: ruleSet.patterns.count)
    }

    /// Every rule that matches the text: the prefilter picks the rules whose literals occur, then
    /// their patterns run.
    package func matches(in text: String) -> [RuleMatch] {
        var text = text
        return text.withUTF8 { matches(inUTF8: UnsafeRawBufferPointer($0)) }
    }

    /// Every rule that matches UTF-8 bytes. Catalog families run only when no other rule matched:
    /// a rule written for the line (a fault, a harmless boot line, a hang cause) knows it better
    /// than the family's word of failure, and skipping them keeps known lines cheap.
    package func matches(inUTF8 bytes: UnsafeRawBufferPointer) -> [RuleMatch] {
        let prefilter = ruleSet.prefilter
        guard prefilter.containsCandidate(bytes) else { return [] }
        let literalIDs = prefilter.literalIDs(in: bytes)
        guard !literalIDs.isEmpty else { return [] }
        var candidates = literalIDs.flatMap { ruleSet.rulesByLiteral[$0] }
        if candidates.count > 1 { candidates = Array(Set(candidates)).sorted() }
        let isFallback = ruleSet.isFallback
        let runsBeside = ruleSet.runsBeside
        let beside = candidates.filter { runsBeside[$0] }.compactMap { match(rule: $0, in: bytes) }
        let specific = candidates.filter { !isFallback[$0] && !runsBeside[$0] }.compactMap {
            match(rule: $0, in: bytes)
        }
        guard specific.isEmpty else { return specific + beside }
        return candidates.filter { isFallback[$0] }.compactMap { match(rule: $0, in: bytes) } + beside
    }

    private func match(rule index: Int, in bytes: UnsafeRawBufferPointer) -> RuleMatch? {
        switch matcher.outcome(of: ruleSet.patterns[index], in: bytes) {
        case .matched(let captures): return RuleMatch(rule: ruleSet.rules[index], captures: captures)
        case .noMatch: return nil
        case .gaveUp:
            limitHits[index] += 1
            return nil
        }
    }

    /// Runs the pattern of one rule alone, skipping the prefilter (used by rule examples).
    package func captures(ofRule id: String, in text: String) -> [String: String]? {
        guard let index = ruleSet.indexByID[id] else { return nil }
        var text = text
        return text.withUTF8 { bytes -> [String: String]? in
            match(rule: index, in: UnsafeRawBufferPointer(bytes))?.captures
        }
    }

    /// How often each rule's pattern gave up at the match limit (counted as no match) through this
    /// matcher; rules that never did are left out.
    package func matchLimitHits() -> [String: Int] {
        var hits: [String: Int] = [:]
        for (index, count) in limitHits.enumerated() where count > 0 {
            hits[ruleSet.rules[index].id, default: 0] += count
        }
        return hits
    }
}
