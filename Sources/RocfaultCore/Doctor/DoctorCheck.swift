/// One entry of the doctor's check table (`doctor-checks:` in a `Rules/` file): a condition over
/// the facts, how bad it is when it holds, and what to do.
public struct DoctorCheck: Sendable, Hashable, Identifiable {
    /// A stable id: `doctor.mes-0x83-gfx11.5`.
    public var id: String
    /// One line saying what is wrong.
    public var title: String
    /// How bad it is when the condition holds.
    public var severity: DoctorSeverity
    /// The upstream report, if any.
    public var url: String?
    /// Whether the condition is tested on the machine once or on each GPU (`gpu.` keys allowed).
    public var scope: Scope
    /// Alternatives: the check holds when every clause of any one of them holds.
    public var conditions: [[Clause]]
    /// What to do now (the first, safe step).
    public var immediate: String
    /// What to try or collect to find out more.
    public var investigate: String
    /// The incident classes this finding may explain (`page-fault`, `mes-hang`).
    public var bearsOn: [FailureClass]
    /// Example fact sets with the expected outcome (`rocfault rules test`).
    public var examples: [Example]
    /// Where it was defined.
    public var location: SourceLocation

    /// Creates a check.
    public init(
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
    public enum Scope: String, Sendable, Hashable, CaseIterable {
        /// Once, on the machine's facts.
        case machine
        /// On each GPU, with its `gpu.` facts next to the machine's.
        case gpu
    }

    /// One test on one fact.
    public struct Clause: Sendable, Hashable {
        /// The fact key (`gpu.firmware.mes`).
        public var key: String
        /// The test.
        public var test: FactTest

        /// Creates a clause.
        public init(_ key: String, _ test: FactTest) {
            self.key = key
            self.test = test
        }
    }

    /// Facts with the outcome they must give.
    public struct Example: Sendable, Hashable {
        /// Fact values by key; keys not given are absent. The value `(unknown)` makes a fact unknown.
        public var facts: [String: String]
        /// The expected outcome.
        public var expect: DoctorOutcome
        /// Where it was defined.
        public var location: SourceLocation

        /// Creates an example.
        public init(facts: [String: String], expect: DoctorOutcome, location: SourceLocation) {
            self.facts = facts
            self.expect = expect
            self.location = location
        }
    }
}

/// How serious a doctor finding is.
public enum DoctorSeverity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
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

    public static func < (lhs: DoctorSeverity, rhs: DoctorSeverity) -> Bool { lhs.rank < rhs.rank }
}

/// What a check says about a machine or GPU.
public enum DoctorOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    /// The condition holds.
    case finding
    /// The condition does not hold.
    case none
    /// A fact it needs could not be read, and the rest does not rule it out.
    case unknown
}
