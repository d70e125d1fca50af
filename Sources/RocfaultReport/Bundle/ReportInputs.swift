package import RocfaultCore
package import RocfaultPlatform
package import RocfaultStore

/// Everything a report is built from; the CLI gathers it, ``ReportBuilder`` only formats.
package struct ReportInputs: Sendable {
    /// The incident with its context lines and process, from the store.
    package var stored: StoredIncident
    /// The machine.
    package var machine: MachineFacts
    /// `rocminfo --support`, when it was run.
    package var rocminfo: BoundedCommand.Result?
    /// Extra log lines of the incident window read live (journal, `/dev/kmsg`), if still available.
    package var liveLines: [EvidenceLine]
    /// Where the live lines came from, or why there are none.
    package var liveLinesNote: String?
    /// The boot's amdgpu/amdkfd/drm kernel lines up to the incident, when they could be read.
    package var bootKernel: BootKernelLog?
    /// The rocfault version that writes the report.
    package var rocfaultVersion: String
    /// The amdgpu device coredumps that joined the incident, with their text.
    package var devcoredumps: [ReportDevcoredump] = []

    /// Creates inputs.
    package init(
        stored: StoredIncident,
        machine: MachineFacts,
        rocminfo: BoundedCommand.Result?,
        liveLines: [EvidenceLine] = [],
        liveLinesNote: String? = nil,
        bootKernel: BootKernelLog? = nil,
        rocfaultVersion: String
    ) {
        self.stored = stored
        self.machine = machine
        self.rocminfo = rocminfo
        self.liveLines = liveLines
        self.liveLinesNote = liveLinesNote
        self.bootKernel = bootKernel
        self.rocfaultVersion = rocfaultVersion
    }
}

/// A device coredump attached to a report: `devcoredump-NAME.txt` in the bundle, its summary quoted
/// in `report.md`.
package struct ReportDevcoredump: Sendable {
    /// `devcd1`.
    package var name: String
    /// The summary lines (ring, process, GPU, fault, firmware, VBIOS, kernel).
    package var summary: [String]
    /// The dump's text.
    package var text: String
    /// Whether the daemon's copy stopped at its size cap.
    package var truncated: Bool

    /// Creates one.
    package init(name: String, summary: [String], text: String, truncated: Bool) {
        self.name = name
        self.summary = summary
        self.text = text
        self.truncated = truncated
    }
}
