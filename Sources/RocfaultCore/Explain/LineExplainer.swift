/// Explains single log lines from the rule catalog: which rule knows the line and what it means.
package struct LineExplainer: Sendable {
    /// The rules and catalog entries.
    package let ruleSet: RuleSet
    /// The time context handed to the line parser (only layouts are recognised; times are unused).
    package let timeContext: TimeContext

    /// Creates an explainer.
    package init(ruleSet: RuleSet, timeContext: TimeContext) {
        self.ruleSet = ruleSet
        self.timeContext = timeContext
    }

    /// Explains one line: its timestamp and syslog layout are stripped as `check` strips them, then
    /// the strongest matching rule answers (kernel over userspace over hang over not-AMD over
    /// benign over context; a rule that demotes another wins over it).
    package func explain(_ line: String) -> LineExplanation {
        var parser = LogLineParser(file: "-", timeContext: timeContext)
        let text = parser.parse(line, lineNumber: 1)?.text ?? parser.finish()?.text ?? line
        let matcher = RuleMatcher(ruleSet: ruleSet)
        var matches = matcher.matches(in: text).map(\.rule)
        if matches.isEmpty, text != line { matches = matcher.matches(in: line).map(\.rule) }
        let demoted = Set(matches.flatMap(\.demotes))
        let kept = matches.filter { !demoted.contains($0.id) }
        guard let best = (kept.isEmpty ? matches : kept).min(by: Self.stronger) else { return .unknown(line) }
        return Self.explanation(of: line, by: best)
    }

    /// Whether `lhs` explains a line better than `rhs`.
    static func stronger(_ lhs: Rule, _ rhs: Rule) -> Bool {
        let left = (rank(lhs.kind), lhs.catalog == nil ? 1 : 0, lhs.location.file, lhs.location.line)
        let right = (rank(rhs.kind), rhs.catalog == nil ? 1 : 0, rhs.location.file, rhs.location.line)
        return left < right
    }

    private static func rank(_ kind: EvidenceKind) -> Int {
        switch kind {
        case .kernel: 0
        case .userspace: 1
        case .hang: 2
        case .notAMD: 3
        case .benign: 4
        case .context: 5
        }
    }

    static func explanation(of line: String, by rule: Rule) -> LineExplanation {
        let entry = rule.catalog
        return LineExplanation(
            line: line,
            side: (rule.kind.decidesSide ?? .none).rawValue,
            catalogSide: entry?.side ?? derivedSide(of: rule),
            rule: rule.id,
            kind: rule.kind,
            failureClass: rule.failureClass,
            subsystem: entry?.subsystem,
            meaning: entry?.meaning ?? rule.description,
            action: entry?.action ?? rule.failureClass.guidance.firstStep,
            investigate: entry?.investigate,
            kernels: entry?.kernels ?? []
        )
    }

    /// The catalog side of a rule that does not state one.
    static func derivedSide(of rule: Rule) -> CatalogSide {
        switch rule.kind {
        case .kernel: .kernelFault
        case .userspace, .hang: .userspace
        case .notAMD: .none
        case .benign, .context: rule.origin == .kernel ? .kernelBenign : .none
        }
    }
}
