import RocfaultCore
import Testing

@testable import RocfaultSources

@Suite("JournalEntryDecoder")
struct JournalEntryDecoderTests {
    private let decoder = JournalEntryDecoder(options: JournalReaderOptions(), sourceName: "journal")

    private func decode(_ fields: [String: String], monotonic: UInt64? = 77, bootID: String? = "b0") -> JournalEntry {
        decoder.entry(
            fields: fields.mapValues { Array($0.utf8) },
            cursor: "s=1;i=2",
            realtime: 1_000,
            monotonic: monotonic,
            bootID: bootID
        )
    }

    @Test("syslog entries fall back to SYSLOG_PID; journal timestamps fill in what fields lack")
    func fallbacks() {
        let entry = decode(["_TRANSPORT": "syslog", "SYSLOG_PID": "321", "MESSAGE": "m"])
        #expect(entry.record.pid == 321)
        #expect(entry.record.monotonicMicroseconds == 77)
        #expect(entry.record.realtimeMicroseconds == 1_000)
        #expect(entry.record.bootID == "b0")
        #expect(entry.record.location == SourceLocation(file: "journal", line: 0))
        #expect(entry.cursor == "s=1;i=2")
        #expect(entry.fields == ["_TRANSPORT": "syslog", "SYSLOG_PID": "321"])
    }

    @Test("priorities outside 0...7 and non-numbers are dropped", arguments: ["8", "-1", "err", ""])
    func badPriority(_ value: String) {
        #expect(decode(["_TRANSPORT": "journal", "PRIORITY": value]).record.priority == nil)
    }

    @Test("kernel origin needs _TRANSPORT=kernel and facility 0 or none")
    func origins() {
        #expect(decode(["_TRANSPORT": "kernel"]).record.origin == .kernel)
        #expect(decode(["_TRANSPORT": "kernel", "SYSLOG_FACILITY": "0"]).record.origin == .kernel)
        #expect(decode(["_TRANSPORT": "kernel", "SYSLOG_FACILITY": "3"]).record.origin == .userspace)
        #expect(decode(["_TRANSPORT": "journal", "SYSLOG_FACILITY": "0"]).record.origin == .userspace)
        #expect(decode([:]).record.origin == .unknown)
    }

    @Test("extra fields follow the options' names and prefixes")
    func customExtras() {
        let options = JournalReaderOptions(extraFieldNames: ["GPU"], extraFieldPrefixes: ["HIP_"])
        let custom = JournalEntryDecoder(options: options, sourceName: "x")
        let raw: [String: [UInt8]] = [
            "GPU": [0x31], "HIP_VISIBLE_DEVICES": [0x30], "ROCFAULT_RULE": [0x61], "_TRANSPORT": [0x6B],
        ]
        let entry = custom.entry(fields: raw, cursor: "c", realtime: nil, monotonic: nil, bootID: nil)
        #expect(entry.fields == ["GPU": "1", "HIP_VISIBLE_DEVICES": "0"])
        #expect(custom.wants("_TRANSPORT"))
        #expect(!custom.wants("ROCFAULT_RULE"))
        #expect(entry.record.realtimeMicroseconds == nil)
    }
}
