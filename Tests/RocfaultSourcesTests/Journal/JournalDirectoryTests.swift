import Foundation
import RocfaultCore
import RocfaultTestKit
import Testing

@testable import RocfaultSources
import RocfaultPlatform

/// Reads real journal files built with `systemd-journal-remote` (no journald needed).
@Suite("JournalReader on journal files")
struct JournalDirectoryTests {
    static let bootA = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    static let bootB = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"

    /// Writes `entries` into a fresh directory and runs `body` with it.
    @discardableResult
    private func withJournal<Result>(
        _ entries: [ExportEntry],
        _ body: (String) async throws -> Result
    ) async throws -> Result {
        let directory = try JournalFileBuilder.makeDirectory()
        defer { JournalFileBuilder.remove(directory) }
        try JournalFileBuilder.write(entries, to: directory)
        return try await body(directory)
    }

    /// Five plain entries of boot A, one second apart.
    private func numbered(
        _ count: Int = 5,
        boot: String = bootA,
        from first: UInt64 = 1_700_000_000_000_000
    ) -> [ExportEntry] {
        (0..<count).map { index in
            ExportEntry.make(
                message: "entry \(index)",
                boot: boot,
                realtime: first + UInt64(index) * 1_000_000,
                monotonic: 5_000_000 + UInt64(index) * 1_000_000
            )
        }
    }

    @Test("a kernel entry becomes a kernel record with the kmsg timestamp and device fields")
    func kernelEntry() async throws {
        let entry = ExportEntry([
            "__REALTIME_TIMESTAMP": "1700000000123456", "__MONOTONIC_TIMESTAMP": "9000000",
            "_BOOT_ID": Self.bootA, "_TRANSPORT": "kernel", "SYSLOG_FACILITY": "0", "SYSLOG_IDENTIFIER": "kernel",
            "PRIORITY": "3", "_HOSTNAME": "gpubox", "_KERNEL_SUBSYSTEM": "pci",
            "_KERNEL_DEVICE": "+pci:0000:03:00.0", "_SOURCE_MONOTONIC_TIMESTAMP": "8765432",
            "MESSAGE": "amdgpu 0000:03:00.0: amdgpu: [gfxhub] page fault (src_id:0 ring:24 vmid:1 pasid:32770)",
        ])
        let directory = try JournalFileBuilder.makeDirectory()
        defer { JournalFileBuilder.remove(directory) }
        try JournalFileBuilder.write([entry], to: directory)
        let read = try await JournalTestReading.readAll(.directory(directory)).entries
        let only = try #require(read.first)
        #expect(read.count == 1)
        #expect(only.record.origin == .kernel)
        #expect(only.record.format == .journalLive)
        #expect(only.record.text.hasSuffix("pasid:32770)"))
        #expect(only.record.monotonicMicroseconds == 8_765_432)
        #expect(only.record.realtimeMicroseconds == 1_700_000_000_123_456)
        #expect(only.record.priority == 3)
        #expect(only.record.host == "gpubox")
        #expect(only.record.identifier == "kernel")
        #expect(only.record.pid == nil)
        #expect(only.record.bootID == Self.bootA)
        #expect(only.record.location == SourceLocation(file: directory, line: 0))
        #expect(only.fields["_KERNEL_DEVICE"] == "+pci:0000:03:00.0")
        #expect(only.fields["_KERNEL_SUBSYSTEM"] == "pci")
        #expect(only.fields["MESSAGE"] == nil)
        #expect(only.cursor.contains("b=\(Self.bootA)"))
    }

    @Test("a line a process wrote into /dev/kmsg has _TRANSPORT=kernel but stays userspace")
    func injectedKmsgEntry() async throws {
        let entry = ExportEntry.make(
            message: "amdgpu: fake",
            boot: Self.bootA,
            realtime: 1,
            monotonic: 2,
            transport: "kernel"
        )
        .adding("SYSLOG_FACILITY", "1")
        try await withJournal([entry]) { directory in
            let plain = try await JournalTestReading.readAll(.directory(directory)).entries
            #expect(plain.map(\.record.origin) == [.userspace])
            let accepting = JournalReaderOptions(follow: false, acceptInjectedKernelLines: true)
            let injected = try await JournalTestReading.readAll(.directory(directory), options: accepting).entries
            #expect(injected.map(\.record.origin) == [.kernel])
            #expect(injected.first?.fields["SYSLOG_FACILITY"] == "1")
        }
    }

    @Test("coredump and rocfault fields are kept; _COMM stands in for a missing identifier")
    func extraFields() async throws {
        let entry = ExportEntry.make(
            message: "Process 4242 (python3) of user 1000 dumped core.",
            boot: Self.bootA,
            realtime: 5,
            monotonic: 6
        )
        .adding("_PID", "777").adding("_COMM", "systemd-coredum").adding("PRIORITY", "2")
        .adding("MESSAGE_ID", "fc2e22bc6ee647b6b90729ab34a250b1").adding("COREDUMP_PID", "4242")
        .adding("COREDUMP_SIGNAL", "6").adding("COREDUMP_SIGNAL_NAME", "SIGABRT")
        .adding("COREDUMP_COMM", "python3").adding("COREDUMP_EXE", "/usr/bin/python3.11")
        .adding("ROCFAULT_RULE", "rocr-memory-access-fault").adding("UNWANTED_FIELD", "x")
        try await withJournal([entry]) { directory in
            let only = try #require(try await JournalTestReading.readAll(.directory(directory)).entries.first)
            #expect(only.record.pid == 777)
            #expect(only.record.identifier == "systemd-coredum")
            #expect(only.record.priority == 2)
            #expect(only.record.origin == .userspace)
            #expect(
                only.fields == [
                    "_TRANSPORT": "stdout", "MESSAGE_ID": "fc2e22bc6ee647b6b90729ab34a250b1", "COREDUMP_PID": "4242",
                    "COREDUMP_SIGNAL": "6", "COREDUMP_SIGNAL_NAME": "SIGABRT", "COREDUMP_COMM": "python3",
                    "COREDUMP_EXE": "/usr/bin/python3.11", "ROCFAULT_RULE": "rocr-memory-access-fault",
                ]
            )
        }
    }

    @Test("non-UTF-8 messages decode lossily; missing fields give defaults; no _TRANSPORT is unknown")
    func oddEntries() async throws {
        var binary = ExportEntry.make(message: "", boot: Self.bootA, realtime: 10, monotonic: 11)
        binary.fields.removeAll { $0.name == "MESSAGE" }
        let entries = [
            binary.adding("MESSAGE", bytes: Array("bad ".utf8) + [0xFF, 0xFE] + Array(" end\nsecond line".utf8)),
            ExportEntry.make(message: "unused", boot: Self.bootA, realtime: 12, monotonic: 13)
                .adding("PRIORITY", "banana").adding("_PID", "-x"),
            ExportEntry([
                "__REALTIME_TIMESTAMP": "14", "__MONOTONIC_TIMESTAMP": "15", "_BOOT_ID": Self.bootA, "FOO": "bar",
            ]),
        ]
        try await withJournal(entries) { directory in
            let read = try await JournalTestReading.readAll(.directory(directory)).entries
            #expect(read.count == 3)
            #expect(read[0].record.text == "bad \u{FFFD}\u{FFFD} end\nsecond line")
            #expect(read[1].record.priority == nil)
            #expect(read[1].record.pid == nil)
            #expect(read[2].record.text == "")
            #expect(read[2].record.origin == .unknown)
            #expect(read[2].record.identifier == nil)
            #expect(read[2].record.monotonicMicroseconds == 15)
            #expect(read[2].record.bootID == Self.bootA)
        }
    }

    @Test("a message far larger than the data threshold comes back whole")
    func largeMessage() async throws {
        let text = (0..<40_000).map { "line \($0) " }.joined()
        #expect(text.utf8.count > 4 * JournalEntryLoader.enumerationThreshold)
        let entry = ExportEntry.make(message: text, boot: Self.bootA, realtime: 1, monotonic: 1)
            .adding("ROCFAULT_BLOB", String(repeating: "y", count: 100_000))
        try await withJournal([entry]) { directory in
            let only = try #require(try await JournalTestReading.readAll(.directory(directory)).entries.first)
            #expect(only.record.text == text)
            #expect(only.fields["ROCFAULT_BLOB"]?.utf8.count == 100_000)
        }
    }

    @Test("resuming after each cursor delivers exactly the later entries, without loss or duplicates")
    func cursorResume() async throws {
        try await withJournal(numbered()) { directory in
            let all = try await JournalTestReading.readAll(.directory(directory)).entries
            #expect(all.map(\.record.text) == (0..<5).map { "entry \($0)" })
            for (index, entry) in all.enumerated() {
                let resumed = try await JournalTestReading.readAll(
                    .directory(directory),
                    from: .afterCursor(entry.cursor)
                )
                #expect(resumed.outcome == .exact)
                #expect(resumed.entries.map(\.cursor) == all[(index + 1)...].map(\.cursor))
            }
        }
    }

    @Test("without a cursor for every entry, each batch's last entry still has its own, the end included")
    func cursorPerBatch() async throws {
        try await withJournal(numbered(20)) { directory in
            let all = try await JournalTestReading.readAll(.directory(directory)).entries
            let options = JournalReaderOptions(follow: false, bufferLimit: 8, cursorOfEveryEntry: false)
            let reader = try await JournalReader(mode: .directory(directory), start: .head, options: options)
            var batches: [[JournalEntry]] = []
            for try await batch in reader.entries.batches { batches.append(batch) }
            #expect(batches.map(\.count) == [8, 8, 4])
            let read = batches.flatMap { $0 }
            #expect(read.map(\.record) == all.map(\.record))
            for (index, entry) in read.enumerated() {
                let isLast = batches.reduce(0) { $0 + $1.count } == index + 1 || (index + 1) % 8 == 0
                #expect(entry.cursor == (isLast ? all[index].cursor : ""))
            }
        }
    }

    @Test("a cursor whose entry is gone resumes at the closest later entry and says so")
    func vanishedCursor() async throws {
        let other = try JournalFileBuilder.makeDirectory()
        defer { JournalFileBuilder.remove(other) }
        let stray = ExportEntry.make(message: "gone", boot: Self.bootB, realtime: 1_700_000_002_500_000, monotonic: 1)
        try JournalFileBuilder.write([stray], to: other)
        let goneCursor = try #require(try await JournalTestReading.readAll(.directory(other)).entries.first?.cursor)
        try await withJournal(numbered()) { directory in
            let resumed = try await JournalTestReading.readAll(.directory(directory), from: .afterCursor(goneCursor))
            #expect(resumed.outcome == .cursorEntryMissing)
            #expect(resumed.entries.map(\.record.text) == ["entry 3", "entry 4"])
        }
    }

    @Test("a malformed cursor is an error from sd_journal_seek_cursor")
    func malformedCursor() async throws {
        try await withJournal(numbered(1)) { directory in
            await #expect(throws: SystemCallError(call: "sd_journal_seek_cursor", errno: EINVAL, path: directory)) {
                _ = try await JournalReader(mode: .directory(directory), start: .afterCursor("garbage"))
            }
        }
    }

    @Test("a missing directory is an error naming it")
    func missingDirectory() async {
        await #expect(
            throws: SystemCallError(call: "sd_journal_open_directory", errno: ENOENT, path: "/nonexistent/journal")
        ) {
            _ = try await JournalReader(mode: .directory("/nonexistent/journal"))
        }
    }

    @Test("a boot's start reads only that boot; boots are listed oldest first with their spans")
    func boots() async throws {
        let first = numbered(3, boot: Self.bootB, from: 1_600_000_000_000_000)
        let second = numbered(2, boot: Self.bootA, from: 1_700_000_000_000_000)
        try await withJournal(first + second) { directory in
            let onlyA = try await JournalTestReading.readAll(.directory(directory), from: .bootStart(Self.bootA))
                .entries
            #expect(onlyA.map(\.record.text) == ["entry 0", "entry 1"])
            #expect(onlyA.allSatisfy { $0.record.bootID == Self.bootA })
            let onlyB = try await JournalTestReading.readAll(.directory(directory), from: .bootStart(Self.bootB))
                .entries
            #expect(onlyB.count == 3)
            let boots = try await JournalBoot.list(in: .directory(directory))
            #expect(
                boots == [
                    JournalBoot(
                        id: Self.bootB,
                        firstRealtimeMicroseconds: 1_600_000_000_000_000,
                        lastRealtimeMicroseconds: 1_600_000_002_000_000
                    ),
                    JournalBoot(
                        id: Self.bootA,
                        firstRealtimeMicroseconds: 1_700_000_000_000_000,
                        lastRealtimeMicroseconds: 1_700_000_001_000_000
                    ),
                ]
            )
        }
    }

    @Test("a boot from a time starts at the first entry of that boot at or after it, skipping the rest")
    func bootFromTime() async throws {
        let otherBoot = numbered(3, boot: Self.bootB, from: 1_700_000_001_500_000)
        let entries = numbered(5, boot: Self.bootA, from: 1_700_000_000_000_000)
        try await withJournal(entries + otherBoot) { directory in
            let fromMiddle = try await JournalTestReading.readAll(
                .directory(directory),
                from: .bootFrom(Self.bootA, realtimeMicroseconds: 1_700_000_002_000_000)
            ).entries
            #expect(fromMiddle.map(\.record.text) == ["entry 2", "entry 3", "entry 4"])
            let betweenEntries = try await JournalTestReading.readAll(
                .directory(directory),
                from: .bootFrom(Self.bootA, realtimeMicroseconds: 1_700_000_002_500_000)
            ).entries
            #expect(betweenEntries.map(\.record.text) == ["entry 3", "entry 4"])
            let afterEnd = try await JournalTestReading.readAll(
                .directory(directory),
                from: .bootFrom(Self.bootA, realtimeMicroseconds: 1_800_000_000_000_000)
            ).entries
            #expect(afterEnd.isEmpty)
        }
    }

    @Test("the tail delivers nothing old; a journal file appearing later is followed live")
    func followDirectory() async throws {
        let directory = try JournalFileBuilder.makeDirectory()
        defer { JournalFileBuilder.remove(directory) }
        try JournalFileBuilder.write(numbered(3), to: directory, name: "old.journal")
        let reader = try await JournalReader(mode: .directory(directory), start: .tail)
        // Entries of one boot are ordered by monotonic time across files: the late one is later.
        let late = ExportEntry.make(
            message: "late arrival",
            boot: Self.bootA,
            realtime: 1_800_000_000_000_000,
            monotonic: 90_000_000
        )
        try JournalFileBuilder.write([late], to: directory, name: "new.journal")
        let first = try await JournalTestReading.firstEntry(from: reader) { _ in true }
        #expect(first?.record.text == "late arrival")
    }

    @Test("stop() ends a following reader at once and its thread with it")
    func stopIsPrompt() async throws {
        let threadName = "rfj-\(UInt16.random(in: 0...UInt16.max))"
        try await withJournal(numbered(2)) { directory in
            let options = JournalReaderOptions(threadName: threadName)
            let reader = try await JournalReader(mode: .directory(directory), start: .head, options: options)
            #expect(ThreadCensus.count(named: threadName) == 1)
            let consumer = Task {
                var count = 0
                for try await _ in reader.entries { count += 1 }
                return count
            }
            try await Task.sleep(for: .milliseconds(200))
            let clock = ContinuousClock()
            let start = clock.now
            reader.stop()
            #expect(try await consumer.value == 2)
            #expect(
                clock.now - start < .seconds(20),
                "stop() must wake the reader's poll, which has no timeout here; the bound only catches a hang"
            )
            #expect(await ThreadCensus.waitUntil(named: threadName, count: 0, timeout: .seconds(10)))
        }
    }

    @Test("a consumer that falls behind pauses the reader at the buffer limit, and loses nothing")
    func backpressure() async throws {
        try await withJournal(numbered(300)) { directory in
            let options = JournalReaderOptions(follow: false, bufferLimit: 8)
            let reader = try await JournalReader(mode: .directory(directory), start: .head, options: options)
            try await Task.sleep(for: .milliseconds(300))
            #expect(reader.entries.gate.outstandingCount == 8)
            var texts: [String] = []
            for try await entry in reader.entries { texts.append(entry.record.text) }
            #expect(texts == (0..<300).map { "entry \($0)" })
            #expect(reader.entries.gate.outstandingCount == 0)
        }
    }
}
