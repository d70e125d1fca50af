/// An incident while evidence is still being gathered: the correlator's working state for one incident.
package struct IncidentDraft: Sendable, Hashable {
    /// Identifier given by the correlator.
    package var id: String
    /// Distinct evidence, in arrival order (repeats folded into counts).
    package var evidence: [Evidence] = []
    /// Matches per rule id, including folded repeats and evidence dropped past the cap.
    package var ruleCounts: [String: Int] = [:]
    /// The process, when known.
    package var pid: Int32?
    /// Its command name, when known.
    package var comm: String?
    /// The GPU address-space id, when known.
    package var pasid: UInt32?
    /// Earliest evidence time on each clock.
    package var firstSeen = EventTime()
    /// Latest evidence time on each clock.
    package var lastSeen = EventTime()
    /// The boot, when known.
    package var bootID: String?
    /// Sources that contributed.
    package var sources: Set<String> = []
    /// The last HIP API call seen in a trace that has not returned, with its line.
    package var unansweredCall: Evidence?
    /// The last long phase that started (`progress: starts`) with no `done` line after it.
    package var openPhase: Evidence?
    /// An interrupt (`progress: interrupt`) that came after other GPU evidence.
    package var interruption: Evidence?
    /// What ended the job other than a stall (a host OOM kill), if a line said so.
    package var stopCause: Evidence?
    /// Whether evidence other than interrupts and non-AMD failures arrived (GPU work was seen).
    var sawGPUWork = false
    /// The correlator clock reading when evidence last arrived.
    package var lastActivity: Int64 = 0
    /// Order of the last update among all drafts (larger is more recent).
    var touch = 0
    /// Fold keys of ``evidence``, aligned by index.
    var foldKeys: [String] = []
    /// The PCI addresses its kernel lines name (`amdgpu 0000:03:00.0: ...`): the GPUs it is about.
    var pciAddresses: Set<String> = []

    /// Creates an empty draft.
    package init(id: String) { self.id = id }

    /// The draft of a recorded incident that is not final yet, to take it up again after a restart.
    /// What correlation does not record (sources, an unanswered API call) starts empty.
    package init(resuming incident: Incident, bootID: String?) {
        self.id = incident.id
        self.evidence = incident.evidence
        self.ruleCounts = incident.ruleCounts
        self.pid = incident.pid
        self.comm = incident.comm
        self.pasid = incident.pasid
        self.firstSeen = incident.firstSeen
        self.lastSeen = incident.lastSeen
        self.bootID = bootID
        self.pciAddresses = Self.pciAddresses(of: incident.evidence)
    }

    /// The PCI addresses the kernel lines of `evidence` name.
    static func pciAddresses(of evidence: [Evidence]) -> Set<String> {
        var addresses: Set<String> = []
        for item in evidence {
            for line in item.lines where line.origin == .kernel {
                if let address = Incident.firstPCIAddress(in: line.text) { addresses.insert(address) }
            }
        }
        return addresses
    }
}
