package import RocfaultCore

/// One incident to record, with what the store keeps beside the core ``Incident``.
package struct IncidentEntry: Sendable, Hashable {
    /// The incident. Its `id` is the upsert key: recording an id again replaces that incident's
    /// row and all its evidence. The caller makes ids unique across daemon restarts (for example by
    /// including the boot id).
    package var incident: Incident
    /// The boot the incident happened in, when known.
    package var bootID: String?
    /// The start time of the incident's process (see ``ProcessKey/startTime``). With ``bootID`` and
    /// the incident's `pid` it names the ``ProcessRecord`` the incident is about.
    package var processStartTime: UInt64?
    /// Context lines per evidence, keyed by the index of the evidence in `incident.evidence`.
    /// A key outside that range fails the batch with ``StoreError/Code/invalidData``.
    package var context: [Int: EvidenceContext]

    /// Creates an entry.
    package init(
        _ incident: Incident,
        bootID: String? = nil,
        processStartTime: UInt64? = nil,
        context: [Int: EvidenceContext] = [:]
    ) {
        self.incident = incident
        self.bootID = bootID
        self.processStartTime = processStartTime
        self.context = context
    }
}
