/// The body of a dedicated thread that sleeps in `poll()` until there is work or a stop request.
package protocol PollingLoop: Sendable {
    /// Runs on the dedicated thread until `requestStop()`.
    func run()
    /// Asks `run()` to return soon; callable from any thread.
    func requestStop()
    /// Releases what the loop holds and finishes its stream; called once, after `run()` returned
    /// or when its thread could not be started.
    func close()
}

/// Runs a `PollingLoop` on a thread of its own and stops it once, from whichever thread asks.
package final class LoopThread: Sendable {
    private let loop: any PollingLoop
    private let thread: DedicatedThread
    private let stopOnce = StopOnce()

    /// Starts the loop's thread; nil, with the loop closed, when the system refuses a thread.
    package init?(running loop: any PollingLoop) {
        guard let thread = DedicatedThread({ loop.run() }) else {
            loop.close()
            return nil
        }
        self.loop = loop
        self.thread = thread
    }

    /// Asks the loop to stop, waits for its thread and closes it. Safe to call more than once.
    package func stop() {
        stopOnce {
            loop.requestStop()
            thread.join()
            loop.close()
        }
    }
}
