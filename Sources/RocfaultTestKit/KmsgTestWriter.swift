import Foundation
import Glibc

/// Writes lines into the real `/dev/kmsg`, as root, for tests that read them back.
///
/// Each line goes through a fresh open: the kernel rate-limits writes per open file
/// (`printk_devkmsg=ratelimit`, 10 lines per 5 s), not per process.
package enum KmsgTestWriter {
    /// A marker unique to this test run, to find one's own records among everything else.
    package static func uniqueMarker(_ label: String) -> String {
        "rocfault-test-\(label)-\(UUID().uuidString.prefix(13).lowercased())"
    }

    /// Writes one record. The kernel stores it with facility `LOG_USER` (or the facility given
    /// in the `<N>` prefix if that is non-zero) and the level from the prefix.
    ///
    /// A newline is appended when missing: without one the kernel keeps the record open for a
    /// continuation, and readers do not see it until the next record is written.
    package static func write(_ line: [UInt8], path: String = "/dev/kmsg") throws {
        try recordLock.withLock { try writeRecord(line, path: path) }
    }

    /// Writes lines as one block: no other record this process writes lands between them.
    ///
    /// Tests of one run share the kernel ring and run in parallel; a continuation line another test
    /// wrote between a block's header and its own lines (`Process NAME pid N` after a page fault)
    /// would attach to the wrong header, and the incident would name another test's process.
    package static func writeBlock(_ lines: [String], path: String = "/dev/kmsg") throws {
        try recordLock.withLock {
            for line in lines { try writeRecord(Array(line.utf8), path: path) }
        }
    }

    /// Serialises this process's writes, so blocks stay whole.
    private static let recordLock = NSLock()

    private static func writeRecord(_ line: [UInt8], path: String) throws {
        let bytes = line.last == UInt8(ascii: "\n") ? line : line + [UInt8(ascii: "\n")]
        let descriptor = open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    /// Waits until `quiet` has passed since the newest record a process wrote into the ring.
    ///
    /// A daemon reads the whole ring when it starts, so the lines an earlier test (of this run or
    /// of one a moment ago) wrote are fresh evidence to it: evidence without a pid that is close
    /// enough in time (the correlator's 10 s attach window) joins whatever the next test provokes.
    /// Tests that check one incident's side wait this out first. The kernel's own records
    /// (facility 0) do not count, so a chatty kernel cannot make this wait forever.
    package static func waitUntilQuiet(for quiet: Duration, path: String = "/dev/kmsg") async throws {
        guard let newest = try newestInjectedRecordMicroseconds(path: path) else { return }
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let nowMicroseconds = Int64(now.tv_sec) * 1_000_000 + Int64(now.tv_nsec) / 1_000
        let remaining = quiet - .microseconds(nowMicroseconds - newest)
        if remaining > .zero { try await Task.sleep(for: remaining) }
    }

    /// The monotonic time (µs) of the newest record in the ring with a non-kernel facility.
    private static func newestInjectedRecordMicroseconds(path: String) throws -> Int64? {
        var newest: Int64?
        try forEachRecord(path: path) { record in
            // "prefix,seq,usec,flags;message": a prefix of 8 or more carries a facility.
            let fields = record.split(separator: UInt8(ascii: ";"), maxSplits: 1)[0].split(separator: UInt8(ascii: ","))
            guard fields.count >= 3, let prefix = Int(String(decoding: fields[0], as: UTF8.self)),
                prefix >= 8, let usec = Int64(String(decoding: fields[2], as: UTF8.self))
            else { return }
            newest = max(newest ?? usec, usec)
        }
        return newest
    }

    /// The PASIDs (`pasid:N`) that records still in the ring name, whoever wrote them.
    package static func pasidsInRing(path: String = "/dev/kmsg") throws -> Set<UInt32> {
        var found: Set<UInt32> = []
        try forEachRecord(path: path) { record in
            var rest = Substring(String(decoding: record, as: UTF8.self))
            while let marker = rest.range(of: "pasid:") {
                rest = rest[marker.upperBound...]
                if let pasid = UInt32(rest.prefix { $0.isASCII && $0.isNumber }) { found.insert(pasid) }
            }
        }
        return found
    }

    /// Reads every record in the ring, oldest first, without waiting for new ones.
    private static func forEachRecord(path: String, _ body: (ArraySlice<UInt8>) -> Void) throws {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            // Non-blocking: the read ends at the ring's end (EAGAIN) and never waits, so no signal
            // interrupts it; an overrun (EPIPE) only skips the records overwritten meanwhile.
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EPIPE { continue }
            guard count > 0 else { return }
            body(buffer[..<count])
        }
    }

    /// Writes one text record.
    package static func write(_ line: String, path: String = "/dev/kmsg") throws {
        try write(Array(line.utf8), path: path)
    }
}
