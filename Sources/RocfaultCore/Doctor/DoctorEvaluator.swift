/// Runs the check table over the facts. Pure: the same facts always give the same findings.
package struct DoctorEvaluator: Sendable {
    /// The checks, in table order.
    package var checks: [DoctorCheck]

    /// Creates an evaluator.
    package init(checks: [DoctorCheck]) { self.checks = checks }

    /// Every finding and every open (unknown) check, in table order then GPU order.
    package func evaluate(_ facts: DoctorFacts) -> [DoctorFinding] {
        let facts = DoctorDerivedFacts.adding(to: facts)
        var findings: [DoctorFinding] = []
        for check in checks {
            let targets: [DoctorGPU?] = check.scope == .gpu ? facts.gpus : [nil]
            for gpu in targets {
                if let finding = Self.evaluate(check, facts: facts, gpu: gpu) { findings.append(finding) }
            }
        }
        return findings
    }

    /// The outcome of one check on one GPU (or the machine), with the facts it rests on.
    package static func outcome(
        of check: DoctorCheck,
        facts: DoctorFacts,
        gpu: DoctorGPU?
    ) -> (outcome: DoctorOutcome, facts: [DoctorFinding.ReadFact]) {
        var unknown: [DoctorFinding.ReadFact] = []
        for alternative in check.conditions {
            var read: [DoctorFinding.ReadFact] = []
            var open: [DoctorFinding.ReadFact] = []
            var failed = false
            for clause in alternative {
                let fact = facts.fact(clause.key, gpu: gpu)
                let item = DoctorFinding.ReadFact(key: clause.key, fact: fact)
                switch clause.test.holds(on: fact) {
                case .some(true): read.append(item)
                case .some(false): failed = true
                case .none: open.append(item)
                }
                if failed { break }
            }
            if failed { continue }
            if open.isEmpty { return (.finding, read) }
            unknown += open.filter { !unknown.contains($0) }
        }
        return unknown.isEmpty ? (.none, []) : (.unknown, unknown)
    }

    private static func evaluate(_ check: DoctorCheck, facts: DoctorFacts, gpu: DoctorGPU?) -> DoctorFinding? {
        let result = outcome(of: check, facts: facts, gpu: gpu)
        guard result.outcome != .none else { return nil }
        return DoctorFinding(check: check, outcome: result.outcome, gpu: gpu, facts: result.facts)
    }
}
