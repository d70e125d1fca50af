import Logging

#if canImport(Glibc)
import Glibc
#endif
import RocfaultSources

extension IngestLoop {
    /// Memory is given back this long after start-up or a burst has been seen.
    static let releaseDelay: Duration = .seconds(30)
    /// A burst: this many records read since memory was last given back.
    static let burstRecords = 10_000
    /// Still busy: more than this many records read during the last `releaseDelay`.
    static let busyRecords = 1_000

    /// Called after each commit: once start-up or a burst (a boot's backlog, a fault storm) has
    /// been seen, arms the one-shot check that gives memory back. A trickle of lines never arms
    /// it, so an idle daemon has no timer for this.
    func armMemoryReleaseAfterBurst() {
        if memory.recordsRead - memory.recordsAtRelease >= Self.burstRecords { memory.releaseDue = true }
        guard memory.releaseDue, !memory.armed else { return }
        memory.armed = true
        memory.recordsAtCheck = memory.recordsRead
        hub.schedule(.releaseMemory, key: "release-memory", after: Self.releaseDelay)
    }

    /// Gives memory back unless the burst is still going on, in which case it checks again
    /// later: the heap glibc keeps after a burst, and the clean file pages of the program and its
    /// libraries that only start-up or the burst used.
    func releaseMemoryUnlessBusy() {
        memory.armed = false
        if memory.recordsRead - memory.recordsAtCheck > Self.busyRecords {
            armMemoryReleaseAfterBurst()
            return
        }
        memory.releaseDue = false
        memory.recordsAtRelease = memory.recordsRead
        _ = glibcMallocTrim(0)
        do {
            let outcome = try CleanPageReleaser.release()
            let mebibytes = outcome.pagesReleased * Int(sysconf(Int32(_SC_PAGESIZE))) >> 20
            logger.info("gave back memory: heap trimmed, \(mebibytes) MiB of clean file pages dropped")
        } catch {
            logger.debug("could not release clean pages: \(error)")
        }
    }
}

/// When the processing loop last gave memory back, and whether it should again.
struct MemoryReleaseState {
    /// Records fed to the engine since start.
    var recordsRead = 0
    /// `recordsRead` when memory was last given back.
    var recordsAtRelease = 0
    /// `recordsRead` when the pending check was armed.
    var recordsAtCheck = 0
    /// Start-up or a burst has been seen and memory not given back since.
    var releaseDue = true
    /// The check is armed.
    var armed = false
}

/// glibc's `malloc_trim`, which the Glibc module map does not export.
@_silgen_name("malloc_trim")
private func glibcMallocTrim(_ pad: Int) -> Int32
