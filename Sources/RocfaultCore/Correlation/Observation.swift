/// A finished piece of evidence with what correlation needs: when, which process, which address space.
package struct Observation: Sendable, Hashable {
    /// The evidence itself.
    package var evidence: Evidence
    /// When the first line was written.
    package var time: EventTime
    /// The GPU process it is about, when known.
    package var pid: Int32?
    /// That process's command name, when known.
    package var comm: String?
    /// The GPU address-space id, when a kernel line named one (never 0).
    package var pasid: UInt32?
    /// The input the lines came from (a file, `kmsg`, `journal`).
    package var source: String
    /// The boot the lines belong to, when known.
    package var bootID: String?
    /// For continuation lines that found no open header (their block was cut, for instance by a
    /// restart): the header rule they continue, so correlation can join them to the cut block.
    package var continues: String?
    /// What the matched rule says about the job's progress, if anything.
    package var progress: ProgressMark?

    /// Creates an observation.
    package init(
        evidence: Evidence,
        time: EventTime,
        pid: Int32?,
        comm: String?,
        pasid: UInt32?,
        source: String,
        bootID: String? = nil,
        progress: ProgressMark? = nil
    ) {
        self.evidence = evidence
        self.time = time
        self.pid = pid
        self.comm = comm
        self.pasid = pasid
        self.source = source
        self.bootID = bootID
        self.progress = progress
    }
}
