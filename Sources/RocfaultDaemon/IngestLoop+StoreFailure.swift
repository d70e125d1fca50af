import Foundation
import Logging
import RocfaultCore
import RocfaultStore

#if canImport(Glibc)
import Glibc
#endif

extension IngestLoop {
    /// A commit failed: retry, set a damaged database aside and go on in a fresh one, or stop with
    /// the store's exit status (``StoreWriteFailures`` decides).
    func commitFailed(_ error: StoreError, incidents: Int) {
        let failure: StoreWriteFailures.Failure = error.code == .corrupt ? .corrupt : .other
        switch storeFailures.failed(failure, now: clock.now()) {
        case .retry(let microseconds):
            logger.error("could not record \(incidents) incidents: \(error); retrying")
            pending.coverage.removeAll()
            hub.schedule(.commit, key: "commit", after: .microseconds(microseconds))
        case .recover:
            replaceDamagedStore(error)
        case .stop:
            stop(error)
        }
    }

    /// Closes the damaged store, keeps its file under a dated name, opens a fresh one and commits
    /// the pending batch there.
    private func replaceDamagedStore(_ error: StoreError) {
        let path = store.path
        try? store.close()
        do {
            let (fresh, recovery) = try IncidentStore.setAsideCorrupt(at: path, date: Date(), reason: error.detail)
            store = fresh
            if let recovery { StoreRecoveryNotice.announce(recovery, path: path, logger: logger) }
            pending.coverage.removeAll()
            hub.schedule(.commit, key: "commit", after: .milliseconds(1))
        } catch {
            stop(error)
        }
    }

    /// Ends the daemon: reading on while nothing can be recorded would look healthy and lose
    /// everything. The cursors stored are those of the last commit, so a restart reads again.
    private func stop(_ error: StoreError) {
        let message =
            "cannot record incidents: \(error); stopping with exit status \(error.exitStatus) "
            + "(a restart resumes from the last recorded position)"
        logger.critical("\(message)")
        notifier.status("stopped: cannot record incidents: \(error.code.rawValue)")
        fflush(nil)
        exit(error.exitStatus)
    }
}
