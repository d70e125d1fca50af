extension RuleSet {
    /// Every rule that matches the text: the prefilter picks the rules whose literals occur, then
    /// their patterns run.
    public func matches(in text: String) -> [RuleMatch] {
        var text = text
        return text.withUTF8 { matches(inUTF8: UnsafeRawBufferPointer($0)) }
    }

    /// Every rule that matches UTF-8 bytes. Catalog families run only when no other rule matched:
    /// a rule written for the line (a fault, a harmless boot line, a hang cause) knows it better
    /// than the family's word of failure, and skipping them keeps known lines cheap.
    public func matches(inUTF8 bytes: UnsafeRawBufferPointer) -> [RuleMatch] {
        guard prefilter.containsCandidate(bytes) else { return [] }
        let literalIDs = prefilter.literalIDs(in: bytes)
        guard !literalIDs.isEmpty else { return [] }
        var candidates = literalIDs.flatMap { rulesByLiteral[$0] }
        if candidates.count > 1 { candidates = Array(Set(candidates)).sorted() }
        let specific = candidates.filter { !isFallback[$0] }.compactMap { match(rule: $0, in: bytes) }
        guard specific.isEmpty else { return specific }
        return candidates.filter { isFallback[$0] }.compactMap { match(rule: $0, in: bytes) }
    }

    private func match(rule index: Int, in bytes: UnsafeRawBufferPointer) -> RuleMatch? {
        patterns[index].firstMatch(in: bytes).map { RuleMatch(rule: rules[index], captures: $0) }
    }

    /// Runs the pattern of one rule alone, skipping the prefilter (used by rule examples).
    public func captures(ofRule id: String, in text: String) -> [String: String]? {
        guard let index = indexByID[id] else { return nil }
        return patterns[index].firstMatch(in: text)
    }

    /// How often each rule's pattern gave up at the match limit (counted as no match) since this set
    /// was loaded; rules that never did are left out. Copies made with ``copyForAnotherThread()``
    /// count on their own.
    public func matchLimitHits() -> [String: Int] {
        var hits: [String: Int] = [:]
        for (index, pattern) in patterns.enumerated() where pattern.matchLimitHits > 0 {
            hits[rules[index].id, default: 0] += pattern.matchLimitHits
        }
        return hits
    }
}
