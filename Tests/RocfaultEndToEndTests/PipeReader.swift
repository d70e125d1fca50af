import Foundation

/// Reads a pipe to its end on a thread of its own, keeping what arrived so far.
///
/// Foundation's `readabilityHandler` watches the descriptor with a dispatch source, and clearing
/// the handler while the source fires has crashed the test run inside libdispatch's event loop. A
/// thread blocked in `read` has no such race: it ends at end of file, when every writer has closed
/// the pipe, and the text is guarded by a lock.
final class PipeReader: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    private let finished = DispatchSemaphore(value: 0)

    /// Starts reading `handle` until end of file.
    init(_ handle: FileHandle) {
        let thread = Thread { [self] in
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                lock.withLock { data.append(chunk) }
            }
            finished.signal()
        }
        thread.start()
    }

    /// What arrived so far, as UTF-8 text (invalid bytes replaced).
    var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }

    /// Waits until end of file or `timeout`; returns whether the end came.
    @discardableResult
    func waitForEnd(timeout: Duration = .seconds(5)) -> Bool {
        let (seconds, attoseconds) = timeout.components
        let nanoseconds = Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
        return finished.wait(timeout: .now() + .nanoseconds(nanoseconds)) == .success
    }
}
