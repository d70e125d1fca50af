/// Facts about the world an incident is classified in, supplied by whoever runs the engine.
package struct IncidentContext: Sendable {
    /// Whether the kernel log was read for the incident's time.
    package var kernelLog: KernelLogCoverage
    /// The gfx target of the GPU involved, when known (`gfx1151`).
    package var gfxTarget: String?
    /// Whether the input has ended (a saved log): a HIP API call that never returned, a long phase
    /// that never completed or an interrupt after GPU work then counts as a stall.
    package var unansweredCallMeansHang: Bool
    /// Evidence about the machine rather than the incident (boot-time firmware lines, say) that known-issue
    /// fingerprints may use alongside the incident's own evidence.
    package var machineEvidence: [Evidence]
    /// The GPU vendors the input names (driver prefixes, device lists, PCI ids): a line every
    /// vendor prints alike is not AMD evidence when these name only other vendors.
    package var namedGPUVendors: Set<GPUVendor>
    /// Whether `namedGPUVendors` was read from a saved input rather than left empty because the engine
    /// watches its own machine: only then does a `gpu-vendor: amd-if-named` line need an AMD GPU named.
    package var vendorsReadFromInput = false
    /// The one GPU maker of the machine the input came from, as the user stated it or this machine's
    /// sysfs lists it, when the input itself names no GPU maker (`namedGPUVendors` then holds it): a
    /// line other vendors print alike counts for it, with a note that says why.
    package var statedGPUVendor: GPUVendor?
    /// The GPUs the input's device lists name by index, with their vendors: a line that names one of
    /// them (`device lost on Vulkan1`) is tied to that device's vendor.
    package var listedGPUDevices: [GPUDeviceReference: GPUVendor] = [:]
    /// Whether the saved input shows AMD's GPU stack at work (ROCm, HIP, a gfx target, a Radeon
    /// device in a program's own output), not only the amdgpu driver's boot lines: then a line that
    /// reports the job failing counts as a userspace failure on that stack.
    package var namesAMDGPUStack = false
    /// The GPU's firmware versions, by upper-case name (`MES`), when known (the daemon reads sysfs).
    package var firmware: [String: UInt64] = [:]
    /// Where `firmware` was read, as a known-issue match names it (`sysfs card1 (0000:c5:00.0)`).
    package var firmwareSource = "sysfs"

    /// Creates a context.
    package init(
        kernelLog: KernelLogCoverage,
        gfxTarget: String? = nil,
        unansweredCallMeansHang: Bool = false,
        machineEvidence: [Evidence] = [],
        namedGPUVendors: Set<GPUVendor> = []
    ) {
        self.kernelLog = kernelLog
        self.gfxTarget = gfxTarget
        self.unansweredCallMeansHang = unansweredCallMeansHang
        self.machineEvidence = machineEvidence
        self.namedGPUVendors = namedGPUVendors
    }
}
