import RocfaultCore
import RocfaultTestKit
import Testing

@testable import RocfaultSources

extension KmsgDeviceTests {
    /// The same kernel log line read through `/dev/kmsg` and through journald's copy of it.
    @Suite("kmsg through the journal", .journald)
    struct KmsgJournalTests {
        @Test("a kmsg line reaches the journal with the kmsg record's monotonic time, for deduplication")
        func kmsgThroughJournal() async throws {
            let journal = try await JournalReader(mode: .system, start: .tail)
            let kmsg = try KmsgReader(start: .end)
            let marker = KmsgTestWriter.uniqueMarker("dedup")
            try KmsgTestWriter.write("<3>\(marker)")
            let viaJournal = try #require(
                try await JournalTestReading.firstEntry(from: journal) { $0.record.text == marker }
            )
            let events = try KmsgEventCollector.collect(from: kmsg) {
                !KmsgEventCollector.entries(in: $0, containing: marker).isEmpty
            }
            let viaKmsg = try #require(KmsgEventCollector.entries(in: events, containing: marker).first)
            #expect(viaJournal.fields["_TRANSPORT"] == "kernel")
            #expect(viaJournal.fields["SYSLOG_FACILITY"] == "1")
            #expect(viaJournal.record.origin == .userspace)
            #expect(viaJournal.record.monotonicMicroseconds == viaKmsg.record.monotonicMicroseconds)
            #expect(viaJournal.record.priority == viaKmsg.record.priority)
            #expect(viaJournal.record.bootID == viaKmsg.record.bootID)
        }
    }
}
