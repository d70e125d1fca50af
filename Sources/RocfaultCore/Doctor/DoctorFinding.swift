/// A check that holds (or cannot be ruled out) on this machine or one of its GPUs, with what was read.
package struct DoctorFinding: Sendable, Hashable, Codable {
    /// The check's id.
    package var checkID: String
    /// The check's title.
    package var title: String
    /// How bad it is.
    package var severity: DoctorSeverity
    /// `finding` when the condition holds, `unknown` when an unreadable fact leaves it open.
    package var outcome: DoctorOutcome
    /// The upstream report, if any.
    package var url: String?
    /// The GPU it was found on (GPU-scope checks).
    package var gpu: String?
    /// That GPU's gfx target.
    package var gfxTarget: String?
    /// The facts the decision rests on: for a finding, those of the alternative that held; for an
    /// unknown outcome, the facts that could not be read.
    package var facts: [ReadFact]
    /// What to do now.
    package var immediate: String
    /// What to try or collect next.
    package var investigate: String
    /// The incident classes it may explain.
    package var bearsOn: [FailureClass]

    /// Creates a finding.
    package init(
        check: DoctorCheck,
        outcome: DoctorOutcome,
        gpu: DoctorGPU?,
        facts: [ReadFact]
    ) {
        checkID = check.id
        title = check.title
        severity = check.severity
        self.outcome = outcome
        url = check.url
        self.gpu = gpu?.name
        gfxTarget = gpu?.gfxTarget
        self.facts = facts
        immediate = check.immediate
        investigate = check.investigate
        bearsOn = check.bearsOn
    }

    /// One fact as read: key, value or reason, source.
    package struct ReadFact: Sendable, Hashable, Codable {
        /// The key (`gpu.firmware.mes`).
        package var key: String
        /// The fact.
        package var fact: DoctorFact

        /// Creates a read fact.
        package init(key: String, fact: DoctorFact) {
            self.key = key
            self.fact = fact
        }

        /// `gpu.firmware.mes = 0x00000083 (/sys/kernel/debug/dri/1/amdgpu_firmware_info)`.
        package var description: String {
            let absent = key.hasPrefix("cmdline.") || key.hasPrefix("env.") ? "not set" : "not found"
            return fact.isUnknown ? "\(key) \(fact.description)" : "\(key) = \(fact.description(absent: absent))"
        }
    }

    /// Whether this finding may explain an incident of this class on this GPU: the class is one it
    /// bears on, and when both the finding and the incident name a gfx target, they are the same.
    package func bears(on failureClass: FailureClass, gfxTarget incidentTarget: String?) -> Bool {
        guard bearsOn.contains(failureClass) else { return false }
        guard let gfxTarget, let incidentTarget else { return true }
        return gfxTarget == incidentTarget
    }
}
