import Foundation
import RocfaultCore
import RocfaultTestKit
import Testing

@testable import RocfaultSources
import RocfaultPlatform

/// Writes to a real `systemd-journald` and reads the system journal live.
@Suite(
    "JournalReader and JournalWriter with a live journald",
    .enabled(if: TestPrivileges.isRoot, "starting systemd-journald and writing /dev/kmsg need root"),
    .journald
)
struct JournalLiveTests {
    @Test("an entry sent with JournalWriter is read live with its fields")
    func writerToReader() async throws {
        let reader = try await JournalReader(mode: .system, start: .tail)
        let marker = KmsgTestWriter.uniqueMarker("writer")
        try JournalWriter().send(
            message: "\(marker) incident\nsecond line",
            priority: 2,
            fields: [
                JournalField("SYSLOG_IDENTIFIER", "rocfaultd"),
                JournalField("MESSAGE_ID", "0123456789abcdef0123456789abcdef"),
                JournalField("ROCFAULT_PID", "4242"), JournalField("ROCFAULT_RULE", "rocr-memory-access-fault"),
            ]
        )
        let found = try await JournalTestReading.firstEntry(from: reader) { $0.record.text.hasPrefix(marker) }
        let entry = try #require(found)
        #expect(entry.record.text == "\(marker) incident\nsecond line")
        #expect(entry.record.origin == .userspace)
        #expect(entry.record.priority == 2)
        #expect(entry.record.identifier == "rocfaultd")
        #expect(entry.record.pid == getpid())
        #expect(try entry.record.bootID == JournalBoot.currentID())
        #expect(entry.record.realtimeMicroseconds != nil)
        #expect(entry.fields["MESSAGE_ID"] == "0123456789abcdef0123456789abcdef")
        #expect(entry.fields["ROCFAULT_PID"] == "4242")
        #expect(entry.fields["ROCFAULT_RULE"] == "rocr-memory-access-fault")
        #expect(entry.fields["_TRANSPORT"] == "journal")

        let resumed = try await JournalReader(mode: .system, start: .afterCursor(entry.cursor))
        #expect(resumed.startOutcome == .exact)
        resumed.stop()
    }

    @Test("a tail start names the entry it starts after; resuming there reads what was written since")
    func tailCursor() async throws {
        let first = KmsgTestWriter.uniqueMarker("before-tail")
        let watcher = try await JournalReader(mode: .system, start: .tail)
        try JournalWriter().send(message: first, priority: 6, fields: [])
        let written = try await JournalTestReading.firstEntry(from: watcher) { $0.record.text == first }
        #expect(written != nil)
        watcher.stop()
        let tail = try await JournalReader(mode: .system, start: .tail)
        let cursor = try #require(tail.tailCursor)
        tail.stop()
        let later = KmsgTestWriter.uniqueMarker("after-tail")
        try JournalWriter().send(message: later, priority: 6, fields: [])
        let resumed = try await JournalReader(mode: .system, start: .afterCursor(cursor))
        #expect(resumed.startOutcome == .exact)
        let found = try await JournalTestReading.firstEntry(from: resumed) { $0.record.text == later }
        #expect(found != nil, "an entry written after the tail start was not read after its cursor")
        resumed.stop()
    }

    @Test("a systemd-cat line arrives with its identifier and priority")
    func systemdCat() async throws {
        let reader = try await JournalReader(mode: .system, start: .tail)
        let marker = KmsgTestWriter.uniqueMarker("cat")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/systemd-cat")
        process.arguments = ["-t", "rocfault-test", "-p", "err", "echo", marker]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let entry = try #require(try await JournalTestReading.firstEntry(from: reader) { $0.record.text == marker })
        #expect(entry.record.identifier == "rocfault-test")
        #expect(entry.record.priority == 3)
        #expect(entry.fields["_TRANSPORT"] == "stdout")
    }

    @Test("the current boot is listed, last")
    func currentBootListed() async throws {
        let current = try JournalBoot.currentID()
        #expect(current.count == 32)
        let boots = try await JournalBoot.list(in: .system)
        #expect(boots.last?.id == current)
    }

    @Test("invalid field names are rejected before anything is sent", arguments: ["_PID", "lower", "", "1ABC", "A-B"])
    func invalidFieldName(_ name: String) {
        #expect(
            throws: SystemCallError(call: "sd_journal_sendv", errno: EINVAL, detail: "invalid field name '\(name)'")
        ) {
            try JournalWriter().send(message: "x", priority: 6, fields: [JournalField(name, "v")])
        }
    }
}
