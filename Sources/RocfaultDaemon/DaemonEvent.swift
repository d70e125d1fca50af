import RocfaultCore
import RocfaultSources
import RocfaultSystem

/// Everything the daemon's single processing loop reacts to, from every producer.
enum DaemonEvent: Sendable {
    /// A kernel log record or gap.
    case kmsg(KmsgEvent)
    /// The kernel log reader ended (error or stop).
    case kmsgEnded(String?)
    /// A journal entry; `previousBoot` marks the one-off scan of the boot before this one.
    case journal(JournalEntry, previousBoot: Bool)
    /// The previous-boot scan is complete.
    case previousBootScanned(String)
    /// The journal reader ended.
    case journalEnded(String?)
    /// Processes found using the GPU.
    case processes([GPUProcess])
    /// A watched process exited.
    case processExited(pid: Int32, realtime: Int64)
    /// Time to commit pending changes.
    case commit
    /// Time to finalise quiet incidents and close quiet multi-line blocks.
    case tick
    /// Time to tell systemd we are alive.
    case watchdog
    /// SIGHUP: reload the rules.
    case reloadRules
}
