import Glibc
import RocfaultCore
import Testing

@testable import RocfaultSources

extension KmsgDeviceTests {
    /// The async bridge: a dedicated thread reading `/dev/kmsg` into an `AsyncThrowingStream`.
    @Suite("KmsgSource")
    struct KmsgSourceTests {
        private static let threadName = "rocfault-kmsg"

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
            let before = ThreadCensus.count(named: Self.threadName)
            let source = try KmsgSource(start: .end)
            #expect(await ThreadCensus.waitUntil(named: Self.threadName, count: before + 1, timeout: .seconds(1)))
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
            #expect(clock.now - start < .seconds(1))
            #expect(await ThreadCensus.waitUntil(named: Self.threadName, count: before, timeout: .seconds(1)))
        }

        @Test("cancelling the consuming task stops the thread")
        func cancellationStopsThread() async throws {
            let before = ThreadCensus.count(named: Self.threadName)
            let source = try KmsgSource(start: .end)
            let consumer = Task {
                for try await _ in source.events {}
            }
            #expect(
                await ThreadCensus.waitUntil(named: Self.threadName, count: before + 1, timeout: .seconds(1))
            )
            consumer.cancel()
            _ = await consumer.result
            #expect(await ThreadCensus.waitUntil(named: Self.threadName, count: before, timeout: .seconds(1)))
        }

        @Test("opening errors are thrown by the initializer")
        func openError() {
            #expect(throws: SystemCallError(call: "open", errno: ENOENT, path: "/nonexistent/kmsg")) {
                try KmsgSource(path: "/nonexistent/kmsg")
            }
        }
    }
}
