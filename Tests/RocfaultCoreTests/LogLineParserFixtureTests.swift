import Testing

@testable import RocfaultCore

/// Whole files, as users save or paste them (`Fixtures/formats/`).
@Suite struct LogLineParserFixtureTests {
    /// The lines of a fixture as text, split at `\n` like `ParserHarness.parseAll`.
    static func lines(_ bytes: [UInt8]) -> [String] {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        if bytes.last == 0x0A { lines.removeLast() }
        return lines.map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func stderrThenDmesg() throws {
        // ROCm-5616: a ROCr line, a blank line, then dmesg.
        let bytes = try ParserHarness.fixture("dmesg-after-stderr.log")
        let lines = Self.lines(bytes)
        let records = ParserHarness.parseAll(bytes, file: "dmesg-after-stderr.log")
        #expect(records.count == lines.filter { !$0.isEmpty }.count)
        #expect(records.first?.format == .plain)
        #expect(records.first?.origin == .unknown)
        let kernel = records.dropFirst()
        #expect(kernel.allSatisfy { $0.format == .dmesg && $0.origin == .kernel && $0.monotonicMicroseconds != nil })
        #expect(
            kernel.contains { $0.text == "amdgpu 0000:65:00.0: amdgpu: \t Faulty UTCL2 client ID: SQC (inst) (0x9)" }
        )
        #expect(records.map(\.location.line) == lines.indices.filter { !lines[$0].isEmpty }.map { $0 + 1 })
        #expect(records.allSatisfy { $0.location.file == "dmesg-after-stderr.log" })
    }

    @Test func syslogWithInnerStamps() throws {
        let bytes = try ParserHarness.fixture("syslog-inner-stamp.log")
        let lines = Self.lines(bytes)
        let records = ParserHarness.parseAll(bytes)
        #expect(records.count == lines.count)
        for (record, line) in zip(records, lines) {
            #expect(record.format == .journalShort)
            #expect(record.origin == .kernel)
            #expect(record.host == "Ubuntu-Desktop")
            #expect(record.monotonicMicroseconds != nil)
            // The text is what follows `kernel: [ 2237.944235] `.
            let identifier = try #require(line.firstRange(of: "kernel: ["))
            let stampEnd = try #require(line[identifier.upperBound...].firstRange(of: "] "))
            #expect(record.text == String(line[stampEnd.upperBound...]))
        }
    }

    @Test func shortPreciseFile() throws {
        let records = ParserHarness.parseAll(try ParserHarness.fixture("journal-short-precise.log"))
        #expect(!records.isEmpty)
        #expect(records.allSatisfy { $0.format == .journalShortPrecise && $0.origin == .kernel })
        let times = records.compactMap(\.realtimeMicroseconds)
        #expect(times.count == records.count)
        #expect(times == times.sorted())
    }

    @Test func dmesgCtimeAfterApplicationOutput() throws {
        let records = ParserHarness.parseAll(try ParserHarness.fixture("dmesg-ctime.log"))
        let kernel = records.filter { $0.format == .dmesgCtime }
        #expect(records.prefix(4).allSatisfy { $0.format == .plain })
        #expect(kernel.count == records.count - 4)
        #expect(kernel.allSatisfy { $0.origin == .kernel && $0.realtimeMicroseconds != nil })
    }

    @Test func decoratedJournalPaste() throws {
        let records = ParserHarness.parseAll(try ParserHarness.fixture("journal-decorated.log"))
        #expect(records.first?.text == "Process 797 (swww) of user 1000 dumped core.")
        #expect(records.first?.identifier == "systemd-coredump")
        #expect(records.dropFirst().allSatisfy { $0.format == .plain && $0.text.hasPrefix("      ") })
    }

    @Test func rsyslogFile() throws {
        let bytes = try ParserHarness.fixture("rsyslog.log")
        let lines = Self.lines(bytes)
        let records = ParserHarness.parseAll(bytes)
        #expect(records.count == lines.count)
        #expect(records.allSatisfy { !$0.text.contains("#011") && $0.origin == .kernel })
        #expect(records.filter { $0.text.contains("amdgpu: \t ") }.count == lines.filter { $0.contains("#011") }.count)
    }

    @Test func kmsgDump() throws {
        let records = ParserHarness.parseAll(try ParserHarness.fixture("kmsg.txt"))
        #expect(records.map(\.kmsgSequence) == [1000, 1004, 1010, 1011])
        #expect(records.map(\.origin) == [.kernel, .kernel, .userspace, .userspace])
        #expect(records.map(\.location.line) == [1, 4, 7, 8])
        #expect(records[1].text == "amdgpu 0000:65:00.0: amdgpu: \t Faulty UTCL2 client ID: SQC (inst) (0x9)")
    }

    @Test func journalJSONFile() throws {
        let records = ParserHarness.parseAll(try ParserHarness.fixture("journal.json"))
        // The null MESSAGE gives nothing; the foreign and the truncated objects stay as text.
        #expect(records.map(\.format) == [.journalJSON, .journalJSON, .journalJSON, .plain, .plain])
        #expect(records.map(\.origin) == [.kernel, .userspace, .userspace, .unknown, .unknown])
        #expect(records[1].text == "Mem\u{FFFD}\n\tOK")
        #expect(records[0].monotonicMicroseconds == 2_237_944_235)
    }

    @Test func journalExportFile() throws {
        let records = ParserHarness.parseAll(try ParserHarness.fixture("journal.export"))
        #expect(records.count == 4)
        #expect(records.map(\.origin) == [.kernel, .userspace, .userspace, .userspace])
        #expect(records.allSatisfy { $0.format == .journalExport })
        #expect(records[1].text == "Memory access fault by GPU node-1\n\tReason: \u{FFFD} Page not present")
        #expect(records[1].pid == 4242)
        #expect(records[2].text == "ab\ncd\u{1}efgh")
        #expect(records[3].text == "HW Exception by GPU node-1 (Agent handle: 0x5b522e50) reason :GPU Hang")
        #expect(records[0].realtimeMicroseconds == 1_759_834_703_944_235)
    }

    @Test func mixedFileWithCRLF() throws {
        let records = ParserHarness.parseAll(try ParserHarness.fixture("mixed-crlf.log"))
        #expect(records.map(\.format) == [.plain, .plain, .dmesg, .journalShort])
        #expect(records.allSatisfy { !$0.text.hasSuffix("\r") })
        #expect(records.map(\.origin) == [.unknown, .unknown, .kernel, .kernel])
    }
}
