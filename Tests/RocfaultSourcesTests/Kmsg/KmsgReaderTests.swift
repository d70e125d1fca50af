import Foundation
import RocfaultCore
import RocfaultTestKit
import Testing

@testable import RocfaultSources
import RocfaultPlatform

extension KmsgDeviceTests {
    /// Reads real records from `/dev/kmsg` with ``KmsgReader``.
    @Suite("KmsgReader")
    struct KmsgReaderTests {
        private func bootID() throws -> String {
            try String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "-", with: "")
        }

        @Test("a line a process writes comes back with its level, as userspace, with all kmsg facts")
        func userspaceLine() throws {
            let reader = try KmsgReader(start: .end)
            let marker = KmsgTestWriter.uniqueMarker("userspace")
            try KmsgTestWriter.write("<3>amdgpu: \(marker)")
            let events = try KmsgEventCollector.collect(from: reader) {
                !KmsgEventCollector.entries(in: $0, containing: marker).isEmpty
            }
            let entry = try #require(KmsgEventCollector.entries(in: events, containing: marker).first)
            #expect(entry.facility == 1)
            #expect(!entry.isInjected)
            #expect(entry.record.origin == .userspace)
            #expect(entry.record.priority == 3)
            #expect(entry.record.text == "amdgpu: \(marker)")
            #expect(entry.record.format == .kmsg)
            #expect(entry.record.location == SourceLocation(file: "/dev/kmsg", line: 0))
            #expect(entry.record.identifier == nil)
            #expect(try entry.record.bootID == bootID())
            let sequence = try #require(entry.record.kmsgSequence)
            #expect(reader.lastSequence == sequence)
            let uptime = try #require(entry.record.monotonicMicroseconds)
            #expect(uptime > 0)
        }

        @Test("a <0> prefix cannot fake a kernel record: the kernel forces facility LOG_USER")
        func levelZeroStaysUserspace() throws {
            let reader = try KmsgReader(start: .end)
            let marker = KmsgTestWriter.uniqueMarker("level0")
            try KmsgTestWriter.write("<0>\(marker)")
            let events = try KmsgEventCollector.collect(from: reader) {
                !KmsgEventCollector.entries(in: $0, containing: marker).isEmpty
            }
            let entry = try #require(KmsgEventCollector.entries(in: events, containing: marker).first)
            #expect(entry.facility == 1)
            #expect(entry.record.priority == 0)
            #expect(entry.record.origin == .userspace)
        }

        @Test("with acceptInjectedKernelLines, written lines count as kernel and say so")
        func acceptInjected() throws {
            let reader = try KmsgReader(start: .end, options: KmsgReaderOptions(acceptInjectedKernelLines: true))
            let marker = KmsgTestWriter.uniqueMarker("injected")
            try KmsgTestWriter.write("<4>amdgpu: \(marker)")
            let events = try KmsgEventCollector.collect(from: reader) {
                !KmsgEventCollector.entries(in: $0, containing: marker).isEmpty
            }
            let entry = try #require(KmsgEventCollector.entries(in: events, containing: marker).first)
            #expect(entry.record.origin == .kernel)
            #expect(entry.isInjected)
            #expect(entry.facility == 1)
            #expect(entry.record.priority == 4)
        }

        @Test("control characters, backslashes and invalid UTF-8 round-trip through the kernel's escaping")
        func escaping() throws {
            let reader = try KmsgReader(start: .end)
            let marker = KmsgTestWriter.uniqueMarker("escape")
            try KmsgTestWriter.write(Array("\(marker) a\tb\\c ".utf8) + [0xFF, 0x01] + Array(" ✓".utf8))
            let events = try KmsgEventCollector.collect(from: reader) {
                !KmsgEventCollector.entries(in: $0, containing: marker).isEmpty
            }
            let entry = try #require(KmsgEventCollector.entries(in: events, containing: marker).first)
            #expect(entry.record.text == "\(marker) a\tb\\c \u{FFFD}\u{01} ✓")
        }

        @Test("resuming after a saved sequence number delivers the next record and nothing before")
        func resumeAfterSequence() throws {
            let writerSide = try KmsgReader(start: .end)
            let marker = KmsgTestWriter.uniqueMarker("resume")
            for index in 1...3 { try KmsgTestWriter.write("\(marker) #\(index)") }
            let written = try KmsgEventCollector.collect(from: writerSide) {
                KmsgEventCollector.entries(in: $0, containing: marker).count == 3
            }
            let first = try #require(
                KmsgEventCollector.entries(in: written, containing: marker).first?.record.kmsgSequence
            )

            let resumed = try KmsgReader(start: .afterSequence(first))
            let events = try KmsgEventCollector.collect(from: resumed) {
                KmsgEventCollector.entries(in: $0, containing: marker).count == 2
            }
            let texts = KmsgEventCollector.entries(in: events, containing: marker).map(\.record.text)
            #expect(texts == ["\(marker) #2", "\(marker) #3"])
            #expect(KmsgEventCollector.gaps(in: events).isEmpty)
            #expect(events.first == .record(KmsgEventCollector.entries(in: written, containing: marker)[1]))
        }

        @Test("reading from the beginning starts at sequence 0 or reports what was lost before it")
        func beginning() throws {
            let reader = try KmsgReader(start: .beginning)
            let first = try #require(try reader.next())
            switch first {
            case .gap(let gap):
                #expect(gap.reason == .lostBeforeStart)
                #expect(gap.firstMissingSequence == 0)
                guard case .record(let entry) = try reader.next() else {
                    Issue.record("a gap must be followed by a record")
                    return
                }
                #expect(entry.record.kmsgSequence == gap.nextSequence)
            case .record(let entry):
                #expect(entry.record.kmsgSequence == 0)
            }
        }

        @Test("an overrun (EPIPE) is reported as a gap from the last record read to the next one")
        func overrun() throws {
            let reader = try KmsgReader(start: .end)
            let marker = KmsgTestWriter.uniqueMarker("overrun")
            try KmsgTestWriter.write("\(marker) before")
            let before = try KmsgEventCollector.collect(from: reader) {
                !KmsgEventCollector.entries(in: $0, containing: marker).isEmpty
            }
            let last = try #require(
                KmsgEventCollector.entries(in: before, containing: marker).last?.record.kmsgSequence
            )
            // The ring holds 128 KiB to a few MiB: fill it until our next record is overwritten.
            let written = try KmsgTestWriter.overrun(reader, marker: marker)
            #expect(written < 40_000, "the ring never overwrote the reader's position")

            let gapEvent = try #require(try reader.next())
            guard case .gap(let gap) = gapEvent else {
                Issue.record("expected an overrun gap, got \(gapEvent)")
                return
            }
            #expect(gap.reason == .overrun)
            #expect(gap.lastSequence == last)
            #expect(gap.firstMissingSequence == last + 1)
            #expect(gap.nextSequence > last + 1)
            guard case .record(let next) = try reader.next() else {
                Issue.record("a gap must be followed by a record")
                return
            }
            #expect(next.record.kmsgSequence == gap.nextSequence)
        }

        @Test("waitUntilReadable blocks without busy-looping and wakes for a new record")
        func waiting() throws {
            let reader = try KmsgReader(start: .end)
            while try reader.next() != nil {}
            let clock = ContinuousClock()
            let start = clock.now
            if try !reader.waitUntilReadable(timeout: .milliseconds(200)) {
                #expect(clock.now - start >= .milliseconds(150))
            }
            try KmsgTestWriter.write(KmsgTestWriter.uniqueMarker("wake"))
            #expect(try reader.waitUntilReadable(timeout: .seconds(5)))
        }

        @Test("a missing device is an error naming the call and path")
        func missingDevice() {
            #expect(throws: SystemCallError(call: "open", errno: ENOENT, path: "/nonexistent/kmsg")) {
                try KmsgReader(path: "/nonexistent/kmsg")
            }
        }
    }
}
