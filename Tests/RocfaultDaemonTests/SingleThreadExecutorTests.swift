#if compiler(>=6.3)
import Foundation
import Glibc
import Testing

@testable import RocfaultDaemon

/// The executor used as a task executor in the test process (the process-wide installation is
/// covered by the daemon end-to-end tests): jobs run on its one thread, in order, and sleeping
/// tasks resume there after at least their delay.
struct SingleThreadExecutorTests {
    /// Starts `run()` on a new thread; returns the executor and that thread's id.
    static func startExecutor() async -> (SingleThreadExecutor, pthread_t) {
        let executor = SingleThreadExecutor()
        let started = AsyncStream<UInt>.makeStream()
        let thread = Thread {
            started.continuation.yield(UInt(pthread_self()))
            try? executor.run()
        }
        thread.start()
        var iterator = started.stream.makeAsyncIterator()
        let id = await iterator.next() ?? 0
        return (executor, pthread_t(id))
    }

    @Test func jobsRunOnTheExecutorThreadInOrder() async {
        let (executor, thread) = await Self.startExecutor()
        defer { executor.stop() }
        let order = await withTaskExecutorPreference(executor) {
            await withTaskGroup(of: (Int, Bool).self) { group in
                for index in 0..<20 {
                    group.addTask { (index, pthread_equal(pthread_self(), thread) != 0) }
                }
                var results: [(Int, Bool)] = []
                for await result in group { results.append(result) }
                return results
            }
        }
        #expect(order.map(\.0) == Array(0..<20))
        #expect(order.allSatisfy { $0.1 })
    }

    @Test func sleepingTaskResumesOnTheExecutorAfterItsDelay() async throws {
        let (executor, thread) = await Self.startExecutor()
        defer { executor.stop() }
        let (elapsed, onThread) = try await withTaskExecutorPreference(executor) {
            let start = ContinuousClock.now
            try await Task.sleep(for: .milliseconds(40))
            return (ContinuousClock.now - start, pthread_equal(pthread_self(), thread) != 0)
        }
        #expect(elapsed >= .milliseconds(40))
        #expect(onThread)
    }

    @Test func stopEndsRun() async {
        let executor = SingleThreadExecutor()
        let finished = AsyncStream<Void>.makeStream()
        Thread {
            try? executor.run()
            finished.continuation.yield()
        }.start()
        executor.stop()
        var iterator = finished.stream.makeAsyncIterator()
        let returned: Void? = await iterator.next()
        #expect(returned != nil)
    }
}
#endif
