import Testing

@testable import RocfaultCore

/// `journalctl -o json` and `-o export`.
@Suite struct LogLineParserJournalTests {
    static let bootID = "0123456789abcdef0123456789abcdef"

    @Test func jsonKernelEntry() throws {
        let line =
            #"{"__CURSOR":"s=1;i=2","__REALTIME_TIMESTAMP":"1759834703944235","__MONOTONIC_TIMESTAMP":"2237944300","#
            + #""_SOURCE_MONOTONIC_TIMESTAMP":"2237944235","_BOOT_ID":"\#(Self.bootID)","_TRANSPORT":"kernel","#
            + #""PRIORITY":"3","SYSLOG_FACILITY":"0","SYSLOG_IDENTIFIER":"kernel","_HOSTNAME":"Ubuntu-Desktop","#
            + #""MESSAGE":"amdgpu 0000:0a:00.0: amdgpu: GPU reset begin!"}"#
        let record = try #require(ParserHarness.parseOne(line))
        #expect(record.format == .journalJSON)
        #expect(record.origin == .kernel)
        #expect(record.text == "amdgpu 0000:0a:00.0: amdgpu: GPU reset begin!")
        #expect(record.realtimeMicroseconds == 1_759_834_703_944_235)
        #expect(record.monotonicMicroseconds == 2_237_944_235)
        #expect(record.priority == 3)
        #expect(record.identifier == "kernel")
        #expect(record.host == "Ubuntu-Desktop")
        #expect(record.bootID == Self.bootID)
    }

    @Test func jsonUserspaceEntryUsesCommandAndPID() throws {
        let line =
            #"{"__REALTIME_TIMESTAMP":"1","__MONOTONIC_TIMESTAMP":"2","_TRANSPORT":"stdout","_PID":"4242","#
            + #""_COMM":"ollama","MESSAGE":"Memory access fault by GPU node-1"}"#
        let record = try #require(ParserHarness.parseOne(line))
        #expect(record.origin == .userspace)
        #expect(record.pid == 4242)
        #expect(record.identifier == "ollama")
        #expect(record.monotonicMicroseconds == 2)
        #expect(record.realtimeMicroseconds == 1)
    }

    @Test func jsonByteArrayMessageIsLossyUTF8() throws {
        let line = #"{"__CURSOR":"x","_TRANSPORT":"stdout","MESSAGE":[77,101,109,255,10,9,79,75]}"#
        let record = try #require(ParserHarness.parseOne(line))
        #expect(record.text == "Mem\u{FFFD}\n\tOK")
    }

    @Test func jsonStringEscapes() throws {
        let line = #"{"__CURSOR":"x","MESSAGE":"t\tq\" s\/ \u00e9 \ud83d\ude00 \ud800x"}"#
        let record = try #require(ParserHarness.parseOne(line))
        #expect(record.text == "t\tq\" s/ é 😀 \u{FFFD}x")
    }

    @Test func jsonRepeatedFieldTakesFirstValue() throws {
        let line = #"{"__CURSOR":"x","SYSLOG_IDENTIFIER":["a","b"],"MESSAGE":[[104,105],"second"]}"#
        let record = try #require(ParserHarness.parseOne(line))
        #expect(record.identifier == "a")
        #expect(record.text == "hi")
    }

    @Test func jsonKernelTransportWithUserFacilityIsUserspace() throws {
        let line =
            #"{"__CURSOR":"x","_TRANSPORT":"kernel","SYSLOG_FACILITY":"3","SYSLOG_IDENTIFIER":"systemd","#
            + #""MESSAGE":"Inserted module"}"#
        #expect(ParserHarness.parseOne(line)?.origin == .userspace)
    }

    @Test func jsonSeqRecordSeparatorIsSkipped() throws {
        let record = try #require(
            ParserHarness.parseOne("\u{1E}" + #"{"__CURSOR":"x","_TRANSPORT":"kernel","MESSAGE":"m"}"#)
        )
        #expect(record.format == .journalJSON)
        #expect(record.text == "m")
        #expect(ParserHarness.parseOne("\u{1E}not json")?.format == .plain)
    }

    @Test func jsonEntryWithoutMessageGivesNothing() {
        #expect(ParserHarness.parseOne(#"{"__CURSOR":"x","_TRANSPORT":"journal","MESSAGE":null}"#) == nil)
    }

    @Test(arguments: [
        #"{"__CURSOR":"s=1","MESSAGE":"truncated"#,
        #"{"level":"error","msg":"an application's own JSON"}"#,
        #"{"MESSAGE":"x"} trailing"#,
        #"{"MESSAGE":"bad escape \q"}"#,
        #"{"MESSAGE":tru}"#,
        "{" + String(repeating: "[", count: 5000),
        #"{"a":"# + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "}",
    ])
    func malformedOrForeignJSONIsPlain(line: String) throws {
        let record = try #require(ParserHarness.parseOne(line))
        #expect(record.format == .plain)
        #expect(record.text == line)
    }

    @Test func exportEntriesEndAtBlankLines() {
        let records = ParserHarness.parseAll(lines: [
            "__CURSOR=s=1;i=1",
            "__REALTIME_TIMESTAMP=1759834703944235",
            "__MONOTONIC_TIMESTAMP=2237944235",
            "_BOOT_ID=\(Self.bootID)",
            "_TRANSPORT=kernel",
            "PRIORITY=3",
            "SYSLOG_IDENTIFIER=kernel",
            "MESSAGE=amdgpu: GPU reset begin!",
            "",
            "__CURSOR=s=1;i=2",
            "_TRANSPORT=stdout",
            "_PID=7",
            "SYSLOG_IDENTIFIER=python3",
            "MESSAGE=HIP error: invalid device function",
            "",
        ])
        #expect(records.map(\.text) == ["amdgpu: GPU reset begin!", "HIP error: invalid device function"])
        #expect(records.map(\.origin) == [.kernel, .userspace])
        #expect(records.map(\.format) == [.journalExport, .journalExport])
        #expect(records.map(\.location.line) == [8, 14])
        #expect(records.first?.realtimeMicroseconds == 1_759_834_703_944_235)
        #expect(records.first?.monotonicMicroseconds == 2_237_944_235)
        #expect(records.first?.bootID == Self.bootID)
        #expect(records.last?.pid == 7)
    }

    @Test func exportRecordComesOnlyWhenEntryEnds() {
        var parser = LogLineParser(file: "x.export", timeContext: ParserHarness.utc)
        #expect(parser.parse("__CURSOR=s=1", lineNumber: 1) == nil)
        #expect(parser.parse("MESSAGE=hello", lineNumber: 2) == nil)
        #expect(parser.parse("_TRANSPORT=stdout", lineNumber: 3) == nil)
        #expect(parser.finish()?.text == "hello")
        #expect(parser.finish() == nil)
    }

    @Test func exportBinaryFieldsAreRejoined() {
        // MESSAGE of 10 bytes: the size's first byte is '\n', so the split leaves an empty line.
        var bytes = Array("__CURSOR=s=1\n_TRANSPORT=journal\nMESSAGE\n".utf8)
        bytes += [10, 0, 0, 0, 0, 0, 0, 0] + Array("ab\ncd\u{1}efgh".utf8) + [10]
        bytes += Array("_PID=9\n\n".utf8)
        let records = ParserHarness.parseAll(bytes)
        #expect(records.map(\.text) == ["ab\ncd\u{1}efgh"])
        #expect(records.first?.pid == 9)
        #expect(records.first?.location.line == 3)
    }

    @Test func exportCorruptBinarySizeDoesNotSwallowTheFile() {
        let records = ParserHarness.parseAll(lines: [
            "__CURSOR=s=1",
            "MESSAGE=kept",
            "BLOB",
            "this line is not a little-endian size",
            "",
            "[    1.000000] amdgpu: after",
        ])
        // The size read from text is absurd, so the line is read as what it is.
        #expect(records.map(\.text) == ["kept", "this line is not a little-endian size", "amdgpu: after"])
    }

    @Test func exportEntryCutShortByAnotherFormat() {
        let records = ParserHarness.parseAll(lines: [
            "__CURSOR=s=1",
            "_TRANSPORT=kernel",
            "MESSAGE=from export",
            "[ 2742.462312] amdgpu: from dmesg",
            "Memory access fault by GPU node-1",
        ])
        #expect(records.map(\.text) == ["from export", "amdgpu: from dmesg", "Memory access fault by GPU node-1"])
        #expect(records.map(\.format) == [.journalExport, .dmesg, .plain])
        #expect(records.map(\.location.line) == [3, 4, 5])
    }

    @Test func exportEntryWithoutBlankLineBeforeNextCursor() {
        let records = ParserHarness.parseAll(lines: [
            "__CURSOR=s=1", "MESSAGE=first", "__CURSOR=s=2", "MESSAGE=second", "",
        ])
        #expect(records.map(\.text) == ["first", "second"])
    }

    @Test func exportEntryStartIsDetectable() {
        #expect(LogLineParser.looksLikeExportEntryStart(Array("__CURSOR=s=1;i=2".utf8)))
        #expect(LogLineParser.looksLikeExportEntryStart(Array("__REALTIME_TIMESTAMP=1".utf8)))
        #expect(!LogLineParser.looksLikeExportEntryStart(Array("MESSAGE=x".utf8)))
        #expect(!LogLineParser.looksLikeExportEntryStart(Array("PYTORCH_CUDA_ALLOC_CONF=x".utf8)))
    }
}
