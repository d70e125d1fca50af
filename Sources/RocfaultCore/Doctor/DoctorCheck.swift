/// One entry of the doctor's check table (`doctor-checks:` in a `Rules/` file): a condition over
/// the facts, how bad it is when it holds, and what to do.
package struct DoctorCheck: Sendable, Hashable, Identifiable {
    /// A stable id: `doctor.mes-0x83-gfx11.5`.
    package var id: String
    /// One line saying what is wrong.
    package var title: String
    /// How bad it is when the condition holds.
    package var severity: DoctorSeverity
    /// The upstream report, if any.
    package var url: String?
    /// Whether the condition is tested on the machine once or on each GPU (`gpu.` keys allowed).
    package var scope: Scope
    /// Alternatives: the check holds when every clause of any one of them holds.
    package var conditions: [[Clause]]
    /// What to do now (the first, safe step).
    package var immediate: String
    /// What to try or collect to find out more.
    package var investigate: String
    /// The incident classes this finding may explain (`page-fault`, `mes-hang`).
    package var bearsOn: [FailureClass]
    /// Example fact sets with the expected outcome (`rocfault rules test`).
    package var examples: [Example]
    /// Where it was defined.
    package var location: SourceLocation

    /// Creates a check.
    package init(
        id: String,
        title: String,
        severity: DoctorSeverity,
        url: String? = nil,
        scope: Scope = .machine,
        conditions: [[Clause]],
        immediate: String,
        investigate: String,
        bearsOn: [FailureClass] = [],
        examples: [Example] = [],
        location: SourceLocation
    ) {
        self.id = id
        self.title = title
        self.severity = severity
        self.url = url
        self.scope = scope
        self.conditions = conditions
        self.immediate = immediate
        self.investigate = investigate
        self.bearsOn = bearsOn
        self.examples = examples
        self.location = location
    }

    /// Where a check's condition is tested.
    package enum Scope: String, Sendable, Hashable, CaseIterable {
        /// Once, on the machine's facts.
        case machine
        /// On each GPU, with its `gpu.` facts next to the machine's.
        case gpu
    }

    /// One test on one fact.
    package struct Clause: Sendable, Hashable {
        /// The fact key (`gpu.firmware.mes`).
        package var key: String
        /// The test.
        package var test: FactTest

        /// Creates a clause.
        package init(_ key: String, _ test: FactTest) {
            self.key = key
            self.test = test
        }
    }

    /// Facts with the outcome they must give.
    package struct Example: Sendable, Hashable {
        /// Fact values by key; keys not given are absent. The value `(unknown)` makes a fact unknown.
        package var facts: [String: String]
        /// The expected outcome.
        package var expect: DoctorOutcome
        /// Where it was defined.
        package var location: SourceLocation

        /// Creates an example.
        package init(facts: [String: String], expect: DoctorOutcome, location: SourceLocation) {
            self.facts = facts
            self.expect = expect
            self.location = location
        }
    }
}

/// How serious a doctor finding is.
package enum DoctorSeverity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Worth knowing; not known to break anything by itself.
    case notice
    /// Known to cause failures in some workloads.
    case warning
    /// Known to break GPU work.
    case error

    private var rank: Int {
        switch self {
        case .notice: 0
        case .warning: 1
        case .error: 2
        }
    }

    package static func < (lhs: DoctorSeverity, rhs: DoctorSeverity) -> Bool { lhs.rank < rhs.rank }
}

/// What a check says about a machine or GPU.
package enum DoctorOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    /// The condition holds.
    case finding
    /// The condition does not hold.
    case none
    /// A fact it needs could not be read, and the rest does not rule it out.
    case unknown
}
