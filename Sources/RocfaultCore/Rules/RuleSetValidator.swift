/// Cross-rule checks: unique ids, references that resolve, literals the prefilter can use, patterns that compile.
struct RuleSetValidator {
    let rules: [Rule]
    let knownIssues: [KnownIssue]
    private(set) var diagnostics: [RuleDiagnostic] = []

    init(rules: [Rule], knownIssues: [KnownIssue]) {
        self.rules = rules
        self.knownIssues = knownIssues
    }

    mutating func compilePatterns() -> [CompiledPattern?] {
        rules.map { rule in
            checkLiterals(of: rule)
            do {
                return try CompiledPattern(rule.pattern)
            } catch {
                diagnostics.append(
                    RuleDiagnostic(rule.location, "rule '\(rule.id)': pattern does not compile: \(error)")
                )
                return nil
            }
        }
    }

    private mutating func checkLiterals(of rule: Rule) {
        for literal in rule.literals where literal.utf8.count < 4 || literal.contains("\n") {
            diagnostics.append(
                RuleDiagnostic(
                    rule.location,
                    "rule '\(rule.id)': literal '\(literal)' must be at least 4 bytes on one line"
                )
            )
        }
    }

    mutating func checkReferences() {
        var firstLocation: [String: SourceLocation] = [:]
        for rule in rules {
            if let earlier = firstLocation[rule.id] {
                diagnostics.append(
                    RuleDiagnostic(rule.location, "duplicate rule id '\(rule.id)' (first at \(earlier))")
                )
            } else {
                firstLocation[rule.id] = rule.location
            }
            checkRuleReferences(rule, known: firstLocation)
        }
        let ids = Set(rules.map(\.id))
        let headers = Set(rules.compactMap(\.continues))
        for rule in rules {
            for target in rule.demotes where !ids.contains(target) {
                diagnostics.append(RuleDiagnostic(rule.location, "rule '\(rule.id)' demotes unknown rule '\(target)'"))
            }
            for target in rule.ends where !headers.contains(target) {
                diagnostics.append(
                    RuleDiagnostic(rule.location, "rule '\(rule.id)' ends '\(target)', which no continuation follows")
                )
            }
        }
        checkKnownIssues(ruleIDs: ids)
    }

    private mutating func checkRuleReferences(_ rule: Rule, known: [String: SourceLocation]) {
        if rule.within < 1 {
            diagnostics.append(RuleDiagnostic(rule.location, "rule '\(rule.id)': 'within' must be at least 1"))
        }
        if let reach = rule.demotesWithin, reach < 1 || rule.demotes.isEmpty {
            diagnostics.append(
                RuleDiagnostic(rule.location, "rule '\(rule.id)': 'demotes-within' needs 'demotes' and at least 1")
            )
        }
        guard let header = rule.continues else {
            if rule.needsHeader {
                diagnostics.append(RuleDiagnostic(rule.location, "rule '\(rule.id)': 'needs-header' needs 'continues'"))
            }
            return
        }
        guard let headerRule = rules.first(where: { $0.id == header }) else {
            diagnostics.append(RuleDiagnostic(rule.location, "rule '\(rule.id)' continues unknown rule '\(header)'"))
            return
        }
        if rule.needsHeader, headerRule.kind.decidesSide != nil {
            diagnostics.append(
                RuleDiagnostic(
                    rule.location,
                    "rule '\(rule.id)' needs its header '\(header)', which decides a side itself; 'needs-header' is for headers that decide nothing"
                )
            )
        }
        if headerRule.continues != nil {
            diagnostics.append(
                RuleDiagnostic(rule.location, "rule '\(rule.id)' continues '\(header)', which is itself a continuation")
            )
        }
    }

    private mutating func checkKnownIssues(ruleIDs: Set<String>) {
        var seen: Set<String> = []
        for issue in knownIssues {
            if !seen.insert(issue.id).inserted {
                diagnostics.append(RuleDiagnostic(issue.location, "duplicate known issue id '\(issue.id)'"))
            }
            let referenced = issue.fingerprints.flatMap { $0.all + $0.any + $0.none }
            for id in referenced where !ruleIDs.contains(id) {
                diagnostics.append(
                    RuleDiagnostic(issue.location, "known issue '\(issue.id)' names unknown rule '\(id)'")
                )
            }
        }
    }
}
