#if compiler(>=6.3)
@_spi(ExperimentalCustomExecutors) @_spi(ExperimentalScheduling) import _Concurrency

/// Runs every Swift concurrency job of the daemon on the one thread that calls `run()`, sleeping
/// on a condition variable between jobs.
///
/// Why not the default executor: on Linux it is libdispatch's thread pool, and the first worker
/// thread arms a pool monitor that wakes the process once a second for as long as it lives. The
/// daemon's own work is one processing loop fed by reader threads, so one thread runs it just as
/// well, and with this executor an idle daemon sleeps until a reader hands over a line, a signal
/// arrives or one of its own timers (watchdog, correlation window, commit) is due.
///
/// Jobs run in the order they were enqueued; delayed jobs (`Task.sleep`) become ready when the
/// monotonic clock reaches their deadline. Blocking inside a job blocks the whole daemon, as a
/// blocked event-loop thread would.
final class SingleThreadExecutor: MainExecutor, TaskExecutor, SchedulingExecutor, @unchecked Sendable {
    private let condition = MonotonicCondition()
    private var ready: [UnownedJob] = []
    private var readyHead = 0
    private var delayed = DeadlineQueue<UnownedJob>()
    private var stopRequested = false

    init() {}

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.withLock {
            ready.append(job)
            condition.signal()
        }
    }

    func enqueue<C: Clock>(
        _ job: consuming ExecutorJob,
        after delay: C.Duration,
        tolerance: C.Duration?,
        clock: C
    ) {
        let job = UnownedJob(job)
        let deadline = MonotonicCondition.nowNanoseconds() &+ Self.nanoseconds(delay)
        condition.withLock {
            delayed.insert(job, deadline: deadline)
            condition.signal()
        }
    }

    /// Runs jobs on the calling thread until `stop()`.
    func run() throws {
        while let job = nextJob() {
            job.runSynchronously(isolatedTo: asUnownedSerialExecutor(), taskExecutor: asUnownedTaskExecutor())
        }
    }

    /// Makes `run()` return once the job in progress, if any, has finished.
    func stop() {
        condition.withLock {
            stopRequested = true
            condition.signal()
        }
    }

    var isMainExecutor: Bool { true }

    /// Waits for the next job that is ready to run; nil once stopped.
    private func nextJob() -> UnownedJob? {
        condition.withLock {
            while true {
                if stopRequested { return nil }
                let now = MonotonicCondition.nowNanoseconds()
                while let due = delayed.popDue(now: now) { ready.append(due) }
                if readyHead < ready.count {
                    return takeReady()
                }
                condition.wait(untilNanoseconds: delayed.earliestDeadline)
            }
        }
    }

    private func takeReady() -> UnownedJob {
        let job = ready[readyHead]
        readyHead += 1
        if readyHead == ready.count {
            ready.removeAll(keepingCapacity: ready.count <= 1024)
            readyHead = 0
        }
        return job
    }

    /// A delay in nanoseconds; the standard clocks all measure in `Duration`, others run at once.
    private static func nanoseconds<D>(_ delay: D) -> UInt64 {
        guard let duration = delay as? Duration, duration > .zero else { return 0 }
        let (seconds, attoseconds) = duration.components
        return UInt64(seconds) &* 1_000_000_000 &+ UInt64(attoseconds / 1_000_000_000)
    }
}
#endif
