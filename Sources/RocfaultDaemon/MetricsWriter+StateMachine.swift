extension MetricsWriter {
    /// When the metrics file is written, as a pure value: changes and clock readings (µs) in,
    /// actions out. A change writes at once unless the last write is less than `minimumInterval`
    /// ago; then one flush is scheduled for when the interval ends, and every change until then
    /// joins it. Nothing is scheduled without a change, so an idle daemon has no timer for this.
    struct StateMachine: Equatable {
        /// What the shell does.
        enum Action: Equatable {
            /// Collect the metrics and write the file now; report ``written(now:)`` or ``writeFailed(now:)``.
            case write
            /// Deliver ``flushDue(now:)`` after this delay.
            case scheduleFlush(after: Duration)
            /// Log that writing failed (once until a write succeeds again).
            case reportFailure
            /// Log that writing works again after a failure.
            case reportRecovery
        }

        /// Writes are at least this far apart (µs).
        let minimumInterval: Int64
        /// When the last write was attempted.
        private(set) var lastWrite: Int64?
        /// Something changed since the last write.
        private(set) var dirty = false
        /// A flush is scheduled.
        private(set) var flushScheduled = false
        /// The last write failed.
        private(set) var failing = false

        init(minimumInterval: Duration) {
            let (seconds, attoseconds) = minimumInterval.components
            self.minimumInterval = seconds * 1_000_000 + attoseconds / 1_000_000_000_000
        }

        /// The daemon started: write the file at once, so a scrape finds it from the start.
        mutating func start(now: Int64) -> [Action] {
            dirty = true
            return [.write]
        }

        /// Something the metrics show changed.
        mutating func changed(now: Int64) -> [Action] {
            dirty = true
            if flushScheduled { return [] }
            if let lastWrite, now - lastWrite < minimumInterval {
                flushScheduled = true
                return [.scheduleFlush(after: .microseconds(minimumInterval - (now - lastWrite)))]
            }
            return [.write]
        }

        /// The scheduled flush is due.
        mutating func flushDue(now: Int64) -> [Action] {
            flushScheduled = false
            return dirty ? [.write] : []
        }

        /// The file was written.
        mutating func written(now: Int64) -> [Action] {
            lastWrite = now
            dirty = false
            defer { failing = false }
            return failing ? [.reportRecovery] : []
        }

        /// Writing failed: the next change tries again (no timer retries a broken path).
        mutating func writeFailed(now: Int64) -> [Action] {
            lastWrite = now
            defer { failing = true }
            return failing ? [] : [.reportFailure]
        }

        /// The daemon stops: write what changed since the last write.
        mutating func stop(now: Int64) -> [Action] {
            flushScheduled = false
            return dirty ? [.write] : []
        }
    }
}
