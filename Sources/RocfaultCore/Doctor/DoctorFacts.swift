/// Everything `rocfault doctor` read about a machine: machine-wide facts (`kernel.release`,
/// `cmdline.amdgpu.gttsize`, `env.HSA_OVERRIDE_GFX_VERSION`, `rocm.version`, ...) and each GPU's.
///
/// A key that was not recorded is looked up through its parents: `cmdline.amdgpu.gttsize` falls back
/// to `cmdline`, so a readable command line without that parameter makes it absent, and an unreadable
/// one makes it unknown with the same reason. Keys with no recorded parent are unknown ("not collected").
package struct DoctorFacts: Sendable, Hashable, Codable {
    /// Machine-wide facts by key.
    package var machine: [String: DoctorFact]
    /// The AMD GPUs, in card order.
    package var gpus: [DoctorGPU]
    /// Whether a key with no recorded parent counts as absent rather than unknown (rule examples).
    package var missingIsAbsent: Bool

    /// Creates a fact record.
    package init(machine: [String: DoctorFact] = [:], gpus: [DoctorGPU] = [], missingIsAbsent: Bool = false) {
        self.machine = machine
        self.gpus = gpus
        self.missingIsAbsent = missingIsAbsent
    }

    /// The fact for a key; `gpu.` keys are read from `gpu` (unknown when there is none).
    package func fact(_ key: String, gpu: DoctorGPU?) -> DoctorFact {
        let isGPUKey = key.hasPrefix("gpu.")
        if isGPUKey && gpu == nil { return .unknown("no AMD GPU found", source: "") }
        let table = isGPUKey ? gpu?.facts ?? [:] : machine
        if let found = table[key] { return found }
        var parent = Substring(key)
        while let dot = parent.lastIndex(of: ".") {
            parent = parent[..<dot]
            guard let found = table[String(parent)] else { continue }
            if let reason = found.unknownReason { return .unknown(reason, source: found.source) }
            return .absent(from: found.source)
        }
        return missingIsAbsent ? .absent(from: "") : .unknown("not collected", source: "")
    }
}
