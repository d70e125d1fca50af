extension BacktrackingAudit {
    /// Runs `pattern` with ``probeMatchLimit`` on adversarial lines; returns the first line that
    /// reached the limit.
    ///
    /// Each line is a run of one character (or a pair) of those the pattern consumes, repeated
    /// ``probeRepeats`` times and ended by a byte nothing expects (`\x01`), bare and after each of
    /// the rule's literals, so the part behind a literal prefix is reached too.
    static func probe(_ pattern: String, shape: RegexShape, literals: [String]) -> String? {
        guard let compiled = try? CompiledPattern(pattern, matchLimit: probeMatchLimit) else { return nil }
        let matcher = PatternMatcher()
        let units = probeUnits(shape)
        let prefixes = [""] + literals.map { $0 + " " } + literals.map { $0 }
        for prefix in prefixes {
            for unit in units {
                let line = prefix + String(repeating: unit, count: probeRepeats) + "\u{01}"
                _ = matcher.firstMatch(of: compiled, in: line)
                if matcher.matchLimitHits > 0 { return line }
            }
        }
        return nil
    }

    /// Single characters and pairs drawn from what the pattern's repetitions consume.
    static func probeUnits(_ shape: RegexShape) -> [String] {
        var characters: [UInt8] = []
        for repetition in shape.repetitions {
            guard case .repeated(let body, _, _, _, _) = repetition else { continue }
            for set in characterSets(in: body) {
                if let byte = set.representative, !characters.contains(byte) { characters.append(byte) }
            }
        }
        characters = Array(characters.prefix(10))
        var units = characters.map { String(decoding: [$0], as: UTF8.self) }
        for first in characters.prefix(5) {
            for second in characters.prefix(5) where second != first {
                units.append(String(decoding: [first, second], as: UTF8.self))
            }
        }
        return units
    }

    private static func characterSets(in shape: RegexShape) -> [ByteSet] {
        switch shape {
        case .character(let set): [set]
        case .zeroWidth: []
        case .sequence(let items): items.flatMap(characterSets)
        case .alternation(let branches): branches.flatMap(characterSets)
        case .repeated(let body, _, _, _, _): characterSets(in: body)
        }
    }
}
