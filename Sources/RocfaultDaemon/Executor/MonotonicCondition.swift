#if canImport(Glibc)
import Glibc
#endif
import RocfaultPlatform

/// A mutex with one condition variable whose timed waits run on `CLOCK_MONOTONIC`, so a wall-clock
/// step neither fires a timer early nor holds it back.
///
/// The pthread objects live in allocated memory: they must never move while a thread waits on them.
final class MonotonicCondition: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    init() {
        pthread_mutex_init(mutex, nil)
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        pthread_cond_init(condition, &attributes)
        pthread_condattr_destroy(&attributes)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    /// Runs `body` with the mutex held.
    func withLock<Result>(_ body: () throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }

    /// Wakes the waiting thread. Call with the mutex held.
    func signal() {
        pthread_cond_signal(condition)
    }

    /// Waits for `signal()`, or until the monotonic clock reaches `deadline` nanoseconds when given.
    /// Call with the mutex held; returns with it held. Spurious returns are possible.
    func wait(untilNanoseconds deadline: UInt64?) {
        guard let deadline else {
            pthread_cond_wait(condition, mutex)
            return
        }
        var time = timespec(
            tv_sec: Int(deadline / 1_000_000_000),
            tv_nsec: Int(deadline % 1_000_000_000)
        )
        pthread_cond_timedwait(condition, mutex, &time)
    }

    /// The monotonic clock in nanoseconds.
    static func nowNanoseconds() -> UInt64 {
        let (seconds, attoseconds) = SystemClock.monotonic().components
        return UInt64(seconds) * 1_000_000_000 + UInt64(attoseconds / 1_000_000_000)
    }
}
