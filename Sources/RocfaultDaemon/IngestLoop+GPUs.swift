import Logging
import RocfaultCore
import RocfaultSystem

/// The GPUs' firmware versions for known-issue matching: read at start (DaemonSetup) and again when
/// a GPU device appears, changes (a reset) or goes; no polling.
extension IngestLoop {
    /// Fills in the gfx target and firmware of the GPU the draft's evidence is on, when one is.
    func describeGPU(of draft: IncidentDraft, in context: inout IncidentContext) {
        guard let gpu = gpus.gpu(for: draft.evidence) else { return }
        context.gfxTarget = gpu.gfxTarget ?? context.gfxTarget
        context.firmware = gpu.firmware
        context.firmwareSource = gpu.firmwareSource
    }

    /// Reads the AMD GPUs from sysfs again after a device event, and logs what changed.
    func rereadGPUs(after event: DeviceEvent) {
        let read = KnownGPUs(GPUInventory(sysfsRoot: configuration.sysfsRoot).amdDevices().map(\.knownGPU))
        guard read != gpus else { return }
        let before = Set(gpus.gpus.map(\.summary))
        for gpu in read.gpus where !before.contains(gpu.summary) {
            logger.notice("GPU \(gpu.summary) (read again after device \(event.action) of \(event.sysname ?? "?"))")
        }
        let after = Set(read.gpus.map(\.card))
        for gpu in gpus.gpus where !after.contains(gpu.card) {
            logger.notice("GPU \(gpu.name) is gone (device \(event.action) of \(event.sysname ?? "?"))")
        }
        gpus = read
    }
}
