/// A validated, compiled set of rules and known issues: what the engine matches with.
///
/// Shareable between threads: it holds only read-only parts (the rules, the JIT-compiled patterns,
/// the prefilter). Matching writes to match data, which a ``RuleMatcher`` owns; each thread makes
/// its own matcher from the shared set.
package struct RuleSet: Sendable {
    /// The rules, in file order.
    package let rules: [Rule]
    /// The known issues, in file order.
    package let knownIssues: [KnownIssue]
    /// The doctor's check table (`doctor-checks:`), in file order.
    package private(set) var doctorChecks: [DoctorCheck] = []
    /// Compiled patterns, aligned with ``rules``.
    let patterns: [CompiledPattern]
    /// The prefilter over every rule's literals.
    package let prefilter: LiteralPrefilter
    /// For each literal id, the indices of the rules listing it.
    let rulesByLiteral: [[Int]]
    /// Rule index by id.
    let indexByID: [String: Int]
    /// For each rule, whether it is a catalog family (``Rule/isCatalogFamily``): a fallback that
    /// runs only when no other rule matched the line. Families that only name (``Rule/onlyNames``)
    /// are not fallbacks.
    let isFallback: [Bool]
    /// For each rule, whether it runs on every line, beside whatever else matched, and never keeps
    /// a fallback from running: families that only name what a line is about (``Rule/onlyNames``),
    /// rules that only tag who wrote it (``Rule/onlyTags``), and continuations that count only
    /// inside their header's block (``Rule/needsHeader``), which alone say nothing about the line.
    let runsBeside: [Bool]

    /// Loads rule files, given as names and texts, in the order given.
    /// Throws every problem found, each with its file and line.
    package static func load(files: [(name: String, text: String)]) throws(RuleSetError) -> RuleSet {
        var rules: [Rule] = []
        var issues: [KnownIssue] = []
        var diagnostics: [RuleDiagnostic] = []
        var checks: [DoctorCheck] = []
        let parser = RuleFileParser()
        for file in files {
            let result = parser.parse(file.text, file: file.name)
            rules += result.rules
            issues += result.knownIssues
            checks += result.doctorChecks
            diagnostics += result.diagnostics
        }
        var set = try build(rules: rules, knownIssues: issues, diagnostics: diagnostics + duplicateIDs(of: checks))
        set.doctorChecks = checks
        return set
    }

    /// Builds a set from parsed rules, validating references, literals and patterns.
    package static func build(
        rules: [Rule],
        knownIssues: [KnownIssue],
        diagnostics: [RuleDiagnostic] = []
    ) throws(RuleSetError) -> RuleSet {
        var validator = RuleSetValidator(rules: rules, knownIssues: knownIssues)
        let patterns = validator.compilePatterns()
        validator.checkReferences()
        let all = diagnostics + validator.diagnostics
        guard all.isEmpty else { throw RuleSetError(all) }
        return RuleSet(rules: rules, knownIssues: knownIssues, patterns: patterns.compactMap { $0 })
    }

    private init(rules: [Rule], knownIssues: [KnownIssue], patterns: [CompiledPattern]) {
        self.rules = rules
        self.knownIssues = knownIssues
        self.patterns = patterns
        var literalIDs: [String: Int] = [:]
        var literals: [String] = []
        var rulesByLiteral: [[Int]] = []
        for (index, rule) in rules.enumerated() {
            for literal in rule.literals {
                let id =
                    literalIDs[literal]
                    ?? {
                        literals.append(literal)
                        rulesByLiteral.append([])
                        literalIDs[literal] = literals.count - 1
                        return literals.count - 1
                    }()
                rulesByLiteral[id].append(index)
            }
        }
        self.prefilter = LiteralPrefilter(literals: literals)
        self.rulesByLiteral = rulesByLiteral
        self.indexByID = Dictionary(rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.isFallback = rules.map { $0.isCatalogFamily && !$0.onlyNames }
        self.runsBeside = rules.map { $0.onlyNames || $0.onlyTags || ($0.needsHeader && $0.continues != nil) }
    }

    private static func duplicateIDs(of checks: [DoctorCheck]) -> [RuleDiagnostic] {
        var first: [String: SourceLocation] = [:]
        var found: [RuleDiagnostic] = []
        for check in checks {
            if let earlier = first[check.id] {
                found.append(
                    RuleDiagnostic(check.location, "duplicate doctor check id '\(check.id)' (first at \(earlier))")
                )
            } else {
                first[check.id] = check.location
            }
        }
        return found
    }

    /// The rule with an id.
    package func rule(id: String) -> Rule? { indexByID[id].map { rules[$0] } }

    /// Every rule that matches the text, through a matcher made for this one call: for a single
    /// line (explaining one line, tests). Code that matches many lines keeps a ``RuleMatcher``.
    package func matches(in text: String) -> [RuleMatch] { RuleMatcher(ruleSet: self).matches(in: text) }

    /// Runs the pattern of one rule alone, skipping the prefilter, through a matcher made for this
    /// one call (see ``RuleMatcher/captures(ofRule:in:)``).
    package func captures(ofRule id: String, in text: String) -> [String: String]? {
        RuleMatcher(ruleSet: self).captures(ofRule: id, in: text)
    }
}
