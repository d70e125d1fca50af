import Glibc
import RocfaultCore
import RocfaultTestKit
import Testing

@testable import RocfaultSources
import RocfaultPlatform

extension KmsgDeviceTests {
    /// The async bridge: a dedicated thread reading `/dev/kmsg` into an `AsyncThrowingStream`.
    @Suite("KmsgSource")
    struct KmsgSourceTests {
        /// A thread name no other test uses, so counting threads by name is exact.
        private static func uniqueThreadName() -> String { "rfk-\(UInt16.random(in: 0...UInt16.max))" }

        @Test("records written after the start arrive through the stream, in order")
        func delivers() async throws {
            let source = try KmsgSource(start: .end)
            defer { source.stop() }
            let marker = KmsgTestWriter.uniqueMarker("source")
            for index in 1...3 { try KmsgTestWriter.write("<2>\(marker) #\(index)") }
            var texts: [String] = []
            for try await event in source.events {
                if case .record(let entry) = event, entry.record.text.hasPrefix(marker) {
                    texts.append(entry.record.text)
                    #expect(entry.record.priority == 2)
                }
                if texts.count == 3 { break }
            }
            #expect(texts == (1...3).map { "\(marker) #\($0)" })
        }

        @Test("stop() ends the stream and the thread promptly while it is blocked in poll")
        func stopIsPrompt() async throws {
            let threadName = Self.uniqueThreadName()
            let source = try KmsgSource(start: .end, options: KmsgReaderOptions(threadName: threadName))
            #expect(await ThreadCensus.waitUntil(named: threadName, count: 1, timeout: .seconds(1)))
            let consumer = Task {
                var count = 0
                for try await _ in source.events { count += 1 }
                return count
            }
            try await Task.sleep(for: .milliseconds(100))
            let clock = ContinuousClock()
            let start = clock.now
            source.stop()
            _ = try await consumer.value
            #expect(
                clock.now - start < .seconds(20),
                "stop() must wake the blocked read; the bound only catches a hang"
            )
            #expect(await ThreadCensus.waitUntil(named: threadName, count: 0, timeout: .seconds(10)))
        }

        @Test("cancelling the consuming task stops the thread")
        func cancellationStopsThread() async throws {
            let threadName = Self.uniqueThreadName()
            let source = try KmsgSource(start: .end, options: KmsgReaderOptions(threadName: threadName))
            let consumer = Task {
                for try await _ in source.events {}
            }
            #expect(
                await ThreadCensus.waitUntil(named: threadName, count: 1, timeout: .seconds(1))
            )
            consumer.cancel()
            _ = await consumer.result
            #expect(await ThreadCensus.waitUntil(named: threadName, count: 0, timeout: .seconds(1)))
        }

        @Test("a stalled consumer pauses the thread at the buffer limit; stop still ends it")
        func backpressure() async throws {
            let threadName = Self.uniqueThreadName()
            let options = KmsgReaderOptions(threadName: threadName, bufferLimit: 2)
            let source = try KmsgSource(start: .end, options: options)
            let marker = KmsgTestWriter.uniqueMarker("stall")
            for index in 1...6 { try KmsgTestWriter.write("\(marker) #\(index)") }
            // Rounds, not a deadline: other tests of a full run can hold the test threads for a while.
            for _ in 0..<500 where source.events.gate.outstandingCount < 1 {
                try await Task.sleep(for: .milliseconds(10))
            }
            try await Task.sleep(for: .milliseconds(100))
            // The thread hands out what one read gave as one batch and takes its credits whole: a lone
            // record read first (1), then a batch of two that no longer fits, or two at once (2).
            let held = source.events.gate.outstandingCount
            #expect((1...2).contains(held), "\(held) records handed out with a limit of 2")
            #expect(ThreadCensus.count(named: threadName) == 1)
            // It waited rather than stopped: taking what it handed out lets the rest through, in order.
            var texts: [String] = []
            for try await event in source.events {
                if case .record(let entry) = event, entry.record.text.hasPrefix(marker) {
                    texts.append(entry.record.text)
                }
                if texts.count == 6 { break }
            }
            #expect(texts == (1...6).map { "\(marker) #\($0)" })
            source.stop()
            #expect(await ThreadCensus.waitUntil(named: threadName, count: 0, timeout: .seconds(1)))
        }

        @Test("opening errors are thrown by the initializer")
        func openError() {
            #expect(throws: SystemCallError(call: "open", errno: ENOENT, path: "/nonexistent/kmsg")) {
                try KmsgSource(path: "/nonexistent/kmsg")
            }
        }
    }
}
