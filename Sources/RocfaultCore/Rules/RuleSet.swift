/// A validated, compiled set of rules and known issues: what the engine matches with.
public struct RuleSet: Sendable {
    /// The rules, in file order.
    public let rules: [Rule]
    /// The known issues, in file order.
    public let knownIssues: [KnownIssue]
    /// The doctor's check table (`doctor-checks:`), in file order.
    public private(set) var doctorChecks: [DoctorCheck] = []
    /// Compiled patterns, aligned with ``rules``.
    let patterns: [CompiledPattern]
    /// The prefilter over every rule's literals.
    public let prefilter: LiteralPrefilter
    /// For each literal id, the indices of the rules listing it.
    let rulesByLiteral: [[Int]]
    /// Rule index by id.
    let indexByID: [String: Int]
    /// For each rule, whether it is a catalog family (``Rule/isCatalogFamily``): a fallback that
    /// runs only when no other rule matched the line.
    let isFallback: [Bool]

    /// Loads rule files, given as names and texts, in the order given.
    /// Throws every problem found, each with its file and line.
    public static func load(files: [(name: String, text: String)]) throws(RuleSetError) -> RuleSet {
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
    public static func build(
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
        self.isFallback = rules.map(\.isCatalogFamily)
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
    public func rule(id: String) -> Rule? { indexByID[id].map { rules[$0] } }

    /// A copy whose compiled patterns may be used on another thread.
    public func copyForAnotherThread() -> RuleSet {
        var copy = self
        copy.replacePatterns(patterns.map { $0.copyForAnotherThread() })
        return copy
    }

    private mutating func replacePatterns(_ patterns: [CompiledPattern]) {
        self = RuleSet(copying: self, patterns: patterns)
    }

    private init(copying other: RuleSet, patterns: [CompiledPattern]) {
        rules = other.rules
        knownIssues = other.knownIssues
        doctorChecks = other.doctorChecks
        self.patterns = patterns
        prefilter = other.prefilter
        rulesByLiteral = other.rulesByLiteral
        indexByID = other.indexByID
        isFallback = other.isFallback
    }
}
