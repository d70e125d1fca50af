import Glibc
import RocfaultTestKit

@testable import RocfaultSources

extension KmsgTestWriter {
    /// Writes filler records until the kernel has overwritten the record `reader` would read
    /// next (its descriptor polls `POLLERR`), so that its next `read()` fails with `EPIPE`.
    /// Gives up after `limit` records; returns how many it wrote.
    static func overrun(_ reader: KmsgReader, marker: String, limit: Int = 40_000) throws -> Int {
        let filler = String(repeating: "x", count: 900)
        var written = 0
        while written < limit {
            for _ in 0..<32 {
                try write("\(marker) \(written) \(filler)")
                written += 1
            }
            var entry = pollfd(fd: reader.fileDescriptor, events: Int16(POLLIN), revents: 0)
            if poll(&entry, 1, 0) > 0, entry.revents & Int16(POLLERR) != 0 { break }
        }
        return written
    }
}
