import RocfaultCore
import RocfaultSources
import RocfaultSystem

/// Everything the daemon's single processing loop reacts to, from every producer.
enum DaemonEvent: Sendable {
    /// Kernel log records and gaps, in the batches the reader thread handed over.
    case kmsg([KmsgEvent])
    /// The kernel log reader ended (error or stop).
    case kmsgEnded(String?)
    /// Journal entries; `previousBoot` marks the one-off scan of the boot before this one.
    case journal([JournalEntry], previousBoot: Bool)
    /// The previous-boot scan is complete.
    case previousBootScanned(String)
    /// The journal reader ended.
    case journalEnded(String?)
    /// Processes found using the GPU.
    case processes([GPUProcess])
    /// A GPU process started or stopped hanging (blocked in `D`, busy-waiting, or asleep in a GPU
    /// wait past the hang threshold).
    case processHang(HangWatch.Transition)
    /// A watched process exited.
    case processExited(pid: Int32, realtime: Int64)
    /// How a watched process ended (from the kernel's process events; may come before or after
    /// its `processExited`).
    case processExitStatus(ProcessExitStatus)
    /// Time to commit pending changes.
    case commit
    /// Time to finalise quiet incidents and close quiet multi-line blocks.
    case tick
    /// Time to tell systemd we are alive.
    case watchdog
    /// SIGHUP: reload the rules.
    case reloadRules
    /// Time to give memory back after start-up or a burst, unless the burst goes on.
    case releaseMemory
    /// Time to write the metrics file (changes since the last write were held back).
    case writeMetrics
    /// A `devcoredump` device appeared or went away (udev, the scan at start, or the test FIFO).
    case deviceEvent(DeviceEvent)
    /// Bytes from a GPU's KFD SMI event descriptor (empty: the subscription just started).
    case kfdEvents(gpuID: UInt32, chunk: DescriptorReader.Chunk)
    /// A GPU's KFD SMI event descriptor ended.
    case kfdEnded(gpuID: UInt32)
    /// A device coredump's read or save, done off the loop (DevcoredumpWorker), has finished.
    case devcoredumpWork(name: String, outcome: DevcoredumpWorker.Outcome)
}
