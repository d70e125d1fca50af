import Glibc
import Testing

@testable import RocfaultPlatform

/// The reader threads' round, `Poller.wait(for:orWake:)`, on a real pipe and a real wake pipe.
@Suite struct PollerTests {
    /// A pipe whose ends are closed when the test ends.
    final class Pipe {
        let readEnd: Int32
        let writeEnd: Int32

        init() throws {
            var ends: [Int32] = [-1, -1]
            try #require(pipe(&ends) == 0)
            readEnd = ends[0]
            writeEnd = ends[1]
        }

        deinit {
            close(readEnd)
            close(writeEnd)
        }

        func write(_ text: String) {
            var bytes = Array(text.utf8)
            _ = Glibc.write(writeEnd, &bytes, bytes.count)
        }
    }

    @Test func aWakeReturnsNoEventsAndDrainsThePipe() throws {
        let data = try Pipe()
        let wake = try WakePipe()
        wake.wake()
        wake.wake()
        #expect(try Poller.wait(for: data.readEnd, orWake: wake) == 0)
        let stillReadable = try Poller.wait(for: [wake.readEnd], timeoutMilliseconds: 0)
        #expect(stillReadable.isEmpty, "the wake pipe was drained, so the next round sleeps")
    }

    @Test func dataOnTheDescriptorIsReportedAndLeftToRead() throws {
        let data = try Pipe()
        let wake = try WakePipe()
        data.write("x")
        let events = try Poller.wait(for: data.readEnd, orWake: wake)
        #expect(events & Int16(POLLIN) != 0)
        var byte: UInt8 = 0
        #expect(read(data.readEnd, &byte, 1) == 1 && byte == UInt8(ascii: "x"))
    }

    @Test func aClosedWriterIsAHangUp() throws {
        var ends: [Int32] = [-1, -1]
        try #require(pipe(&ends) == 0)
        defer { close(ends[0]) }
        close(ends[1])
        let wake = try WakePipe()
        #expect(try Poller.wait(for: ends[0], orWake: wake) & Int16(POLLHUP) != 0)
    }

    @Test func aWakeFromAnotherThreadEndsTheWait() throws {
        let data = try Pipe()
        let wake = try WakePipe()
        let waker = try #require(
            DedicatedThread(name: "poller-test") {
                usleep(50_000)
                wake.wake()
            }
        )
        #expect(try Poller.wait(for: data.readEnd, orWake: wake) == 0)
        waker.join()
    }
}
