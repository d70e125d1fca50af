/// Facts about the world an incident is classified in, supplied by whoever runs the engine.
public struct IncidentContext: Sendable {
    /// Whether the kernel log was read for the incident's time.
    public var kernelLog: KernelLogCoverage
    /// The gfx target of the GPU involved, when known (`gfx1151`).
    public var gfxTarget: String?
    /// Whether a HIP API call that never returned counts as a stall (true at the end of a saved trace).
    public var unansweredCallMeansHang: Bool

    /// Creates a context.
    public init(kernelLog: KernelLogCoverage, gfxTarget: String? = nil, unansweredCallMeansHang: Bool = false) {
        self.kernelLog = kernelLog
        self.gfxTarget = gfxTarget
        self.unansweredCallMeansHang = unansweredCallMeansHang
    }
}
