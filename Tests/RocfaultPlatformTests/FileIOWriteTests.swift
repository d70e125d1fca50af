import Glibc
import Testing

@testable import RocfaultPlatform

@Suite("FileIO.writeAll")
struct FileIOWriteTests {
    @Test("a non-blocking pipe that fills up still receives every byte, in order")
    func fullNonBlockingPipe() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { close(ends[0]) }
        let writeEnd = ends[1]
        _ = fcntl(writeEnd, F_SETFL, fcntl(writeEnd, F_GETFL) | O_NONBLOCK)
        // Four times a default pipe's 64 KiB, so EAGAIN comes back while this thread reads. The
        // writer closes its end when done (or failed), so a short write shows as a short read.
        let sent = (0..<(256 * 1024)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let writer = try #require(
            DedicatedThread(name: "pipe-writer") {
                sent.withUnsafeBytes { raw in try? FileIO.writeAll(raw, to: writeEnd) }
                close(writeEnd)
            }
        )
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(ends[0], $0.baseAddress, $0.count) }
            if count <= 0 { break }
            received += chunk[0..<count]
        }
        writer.join()
        #expect(received == sent)
    }

    @Test("a closed read end is an EPIPE error, not a hang")
    func closedReader() {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        close(ends[0])
        defer { close(ends[1]) }
        let previous = signal(SIGPIPE, SIG_IGN)
        defer { signal(SIGPIPE, previous) }
        let bytes: [UInt8] = [1, 2, 3]
        let failure = bytes.withUnsafeBytes { raw -> SystemCallError? in
            do throws(SystemCallError) { try FileIO.writeAll(raw, to: ends[1]) } catch { return error }
            return nil
        }
        #expect(failure == SystemCallError(call: "write", errno: EPIPE))
    }
}
