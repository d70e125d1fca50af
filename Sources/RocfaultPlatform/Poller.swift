#if canImport(Glibc)
package import Glibc
#endif

/// Waits with `poll(2)` until one of a few file descriptors is readable.
package enum Poller {
    /// Blocks until a descriptor is readable (or reports an error or hang-up) or the timeout
    /// passes, and returns the indices of the ready descriptors (empty on timeout).
    ///
    /// - Parameters:
    ///   - descriptors: The descriptors to watch for `POLLIN`.
    ///   - events: The poll events for each descriptor; `POLLIN` when shorter than `descriptors`.
    ///   - timeoutMilliseconds: `-1` waits forever, `0` only checks.
    package static func wait(
        for descriptors: [Int32],
        events: [Int16] = [],
        timeoutMilliseconds: Int32
    ) throws(SystemCallError) -> [Int] {
        var entries = descriptors.enumerated().map { index, descriptor in
            let wanted = index < events.count ? events[index] : Int16(POLLIN)
            return pollfd(fd: descriptor, events: wanted, revents: 0)
        }
        let count = entries.count
        _ = try SystemCall.retrying("poll") {
            entries.withUnsafeMutableBufferPointer { Glibc.poll($0.baseAddress, nfds_t(count), timeoutMilliseconds) }
        }
        return entries.indices.filter { entries[$0].revents != 0 }
    }

    /// Sleeps in `poll(2)` until `descriptor` has events or `wake` was woken (and then drains it),
    /// and returns the descriptor's `revents` (0 when only woken): the loop of a reader thread
    /// that `stop()` wakes from another thread.
    package static func wait(for descriptor: Int32, orWake wake: WakePipe) throws(SystemCallError) -> Int16 {
        var entries = [
            pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wake.readEnd, events: Int16(POLLIN), revents: 0),
        ]
        try poll(&entries, timeoutMilliseconds: -1)
        if entries[1].revents != 0 { wake.drain() }
        return entries[0].revents
    }

    /// `poll(2)` over caller-built entries (their `revents` are filled in), `EINTR` retried: for
    /// loops that keep their `pollfd` array between rounds. Returns how many entries are ready.
    @discardableResult
    package static func poll(_ entries: inout [pollfd], timeoutMilliseconds: Int32) throws(SystemCallError) -> Int32 {
        let count = entries.count
        return try SystemCall.retrying("poll") {
            entries.withUnsafeMutableBufferPointer { Glibc.poll($0.baseAddress, nfds_t(count), timeoutMilliseconds) }
        }
    }

    /// Milliseconds for `poll` from an optional duration: `nil` is forever (`-1`), and positive
    /// sub-millisecond values round up so they do not turn into a busy check.
    package static func milliseconds(_ timeout: Duration?) -> Int32 {
        guard let timeout else { return -1 }
        let (seconds, attoseconds) = timeout.components
        if seconds < 0 || (seconds == 0 && attoseconds <= 0) { return 0 }
        if seconds >= Int64(Int32.max) / 1000 { return Int32.max }
        let millis = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: millis)
    }
}
