import Synchronization
import Testing

@testable import RocfaultDaemon

struct OneShotTimerTests {
    /// Records which firings happened, and lets a test wait for the first.
    final class Firings: Sendable {
        private let names = Mutex<[String]>([])
        private let stream = AsyncStream<Void>.makeStream()

        func record(_ name: String) {
            names.withLock { $0.append(name) }
            stream.continuation.yield()
        }

        var all: [String] { names.withLock { $0 } }

        func waitForOne() async {
            var iterator = stream.stream.makeAsyncIterator()
            _ = await iterator.next()
        }
    }

    @Test(.timeLimit(.minutes(1))) func aLaterRequestLeavesTheSoonerFiringAlone() async throws {
        let timer = OneShotTimer()
        let firings = Firings()
        timer.armUnlessSooner(after: .milliseconds(50)) { firings.record("sooner") }
        timer.armUnlessSooner(after: .seconds(30)) { firings.record("later") }
        await firings.waitForOne()
        try await Task.sleep(for: .milliseconds(50))
        #expect(firings.all == ["sooner"])
        timer.cancel()
    }

    @Test(.timeLimit(.minutes(1))) func aSoonerRequestReplacesTheLaterFiring() async throws {
        let timer = OneShotTimer()
        let firings = Firings()
        timer.armUnlessSooner(after: .milliseconds(300)) { firings.record("later") }
        timer.armUnlessSooner(after: .milliseconds(20)) { firings.record("sooner") }
        await firings.waitForOne()
        try await Task.sleep(for: .milliseconds(500))
        #expect(firings.all == ["sooner"], "the replaced firing never runs")
    }

    @Test(.timeLimit(.minutes(1))) func afterFiringTheTimerCanBeArmedAgain() async throws {
        let timer = OneShotTimer()
        let firings = Firings()
        timer.armUnlessSooner(after: .milliseconds(10)) { firings.record("first") }
        await firings.waitForOne()
        timer.armUnlessSooner(after: .milliseconds(10)) { firings.record("second") }
        await firings.waitForOne()
        #expect(firings.all == ["first", "second"])
    }
}
