/// What the daemon does when committing to its store fails: never go on reading while recording
/// nothing.
///
/// - A damaged database (SQLite reported corruption) is set aside and replaced by a fresh one
///   (``Action/recover``), at most once per ``recoveryInterval``; damage again within it stops the
///   daemon (the disk itself may be failing).
/// - Any other failure (disk full, I/O error, a lock held too long, a batch the schema rejects) is
///   retried every ``retryInterval`` while it lasts less than ``giveUpAfter``; then the daemon stops
///   (``Action/stop``) with a non-zero exit status, so the service manager shows it failed and
///   restarts it. The stored cursors are those of the last commit, so a restart reads again what
///   was not recorded.
///
/// Times are microseconds of any monotonic clock.
package struct StoreWriteFailures: Sendable, Hashable {
    /// The kind of failure.
    package enum Failure: Sendable, Hashable {
        /// SQLite found the database damaged (`SQLITE_CORRUPT`, `SQLITE_NOTADB`).
        case corrupt
        /// Anything else.
        case other
    }

    /// What to do about a failed commit.
    package enum Action: Sendable, Hashable {
        /// Keep the batch and commit again after this many microseconds.
        case retry(afterMicroseconds: Int64)
        /// Set the database aside, open a fresh one, and commit the batch there.
        case recover
        /// Stop the daemon with a non-zero exit status.
        case stop
    }

    /// How long commits may keep failing before the daemon stops.
    package let giveUpAfter: Int64
    /// How long after a recovery another one is refused.
    package let recoveryInterval: Int64
    /// The pause between attempts.
    package let retryInterval: Int64

    private var failingSince: Int64?
    private var lastRecovery: Int64?

    /// A policy: by default 30 s of failures, one recovery per 10 minutes, a retry a second.
    package init(
        giveUpAfter: Int64 = 30_000_000,
        recoveryInterval: Int64 = 600_000_000,
        retryInterval: Int64 = 1_000_000
    ) {
        self.giveUpAfter = giveUpAfter
        self.recoveryInterval = recoveryInterval
        self.retryInterval = retryInterval
    }

    /// Whether commits are failing now.
    package var isFailing: Bool { failingSince != nil }

    /// A commit failed at `now`.
    package mutating func failed(_ failure: Failure, now: Int64) -> Action {
        switch failure {
        case .corrupt:
            if let lastRecovery, now - lastRecovery < recoveryInterval { return .stop }
            lastRecovery = now
            failingSince = nil
            return .recover
        case .other:
            let since = failingSince ?? now
            failingSince = since
            return now - since >= giveUpAfter ? .stop : .retry(afterMicroseconds: retryInterval)
        }
    }

    /// A commit succeeded.
    package mutating func succeeded() {
        failingSince = nil
    }
}
