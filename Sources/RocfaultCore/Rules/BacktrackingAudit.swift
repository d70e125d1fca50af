/// Finds rule patterns that can backtrack catastrophically (exponential or high-polynomial time on
/// a line that almost matches), for `rocfault rules lint`.
///
/// Two checks, each enough to flag a rule:
/// - the shape of the pattern: a repetition (unbounded, or up to ``largeRepeat`` times or more) over
///   a body that holds an unbounded repetition, with nothing mandatory in the body that the inner
///   repetition cannot consume (`(a+)+`, `(\w+\s?)*$`, `(.*a){20}`); or an unbounded repetition of
///   alternatives that can start with the same character (`(a|a)*`, `(\w|\d)+`). Possessive
///   quantifiers and atomic groups never give anything back and are not flagged;
/// - a probe: the compiled pattern runs with a small match limit (``probeMatchLimit``) on
///   adversarial lines built from its own characters and the rule's literals; any line that reaches
///   the limit flags it.
package struct BacktrackingAudit: Sendable {
    /// Repetition counts from which a bounded outer repetition counts as large.
    package static let largeRepeat = 10
    /// The match limit of the probe: a pattern that needs more on a short line will need far more
    /// on a long one.
    package static let probeMatchLimit: UInt32 = 50_000
    /// How many times a probe repeats its unit.
    static let probeRepeats = 30

    package init() {}

    /// One diagnostic (file:line, rule id, pattern, why) per rule that can backtrack catastrophically.
    package func audit(_ rules: [Rule]) -> [RuleDiagnostic] {
        rules.compactMap { rule in
            guard let reason = problem(in: rule.pattern, literals: rule.literals) else { return nil }
            return RuleDiagnostic(
                rule.location,
                "rule '\(rule.id)': pattern can backtrack catastrophically (\(reason)): \(rule.pattern)"
            )
        }
    }

    /// Why `pattern` can backtrack catastrophically, or nil.
    package func problem(in pattern: String, literals: [String] = []) -> String? {
        let shape = RegexShapeParser.shape(of: pattern)
        if let reason = Self.shapeProblem(shape, pattern: pattern) { return reason }
        if let line = Self.probe(pattern, shape: shape, literals: literals) {
            let shown = line.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 ? String($0) : "\\x01" }.joined()
            return "reached the match limit on the probe line '\(shown)'"
        }
        return nil
    }

    static func shapeProblem(_ shape: RegexShape, pattern: String) -> String? {
        for repetition in shape.repetitions {
            guard case .repeated(let body, _, let max, let possessive, let offset) = repetition, !possessive else {
                continue
            }
            let isLarge = max.map { $0 >= largeRepeat } ?? true
            guard isLarge else { continue }
            if Self.hasAmbiguousNesting(body) {
                return "nested repetition over overlapping input at offset \(offset)"
            }
            if max == nil, Self.hasOverlappingAlternatives(body) {
                return "repeated alternatives that can match the same text at offset \(offset)"
            }
        }
        return nil
    }

    /// Whether an unbounded repetition inside `body` can share its characters with the next pass of
    /// the outer repetition: nothing mandatory in `body` outside it stays out of its characters.
    static func hasAmbiguousNesting(_ body: RegexShape) -> Bool {
        for inner in body.unboundedRepetitions {
            let consumed = inner.consumable
            let separators = mandatoryElements(of: body, outside: inner)
            if !separators.contains(where: { !$0.consumable.intersects(consumed) }) { return true }
        }
        return false
    }

    /// The elements of `shape`'s top-level sequence (through groups that hold `inner`) that must
    /// match and do not hold `inner`.
    static func mandatoryElements(of shape: RegexShape, outside inner: RegexShape) -> [RegexShape] {
        switch shape {
        case .sequence(let items):
            return items.flatMap { item -> [RegexShape] in
                if item.contains(inner) { return item == inner ? [] : mandatoryElements(of: item, outside: inner) }
                return item.isNullable ? [] : [item]
            }
        case .alternation(let branches):
            return branches.first { $0.contains(inner) }.map { mandatoryElements(of: $0, outside: inner) } ?? []
        case .repeated(let body, let min, _, _, _) where shape != inner && min > 0:
            return mandatoryElements(of: body, outside: inner)
        default:
            return []
        }
    }

    /// Whether `body` is (or wraps) alternatives two of which can start with the same character.
    static func hasOverlappingAlternatives(_ body: RegexShape) -> Bool {
        var shape = body
        while case .repeated(let inner, 1, 1, false, _) = shape { shape = inner }
        guard case .alternation(let branches) = shape else { return false }
        for (index, branch) in branches.enumerated() {
            for other in branches[(index + 1)...] where branch.first.intersects(other.first) {
                return true
            }
        }
        return false
    }
}
