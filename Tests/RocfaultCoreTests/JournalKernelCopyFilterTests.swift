import RocfaultCore
import Testing

struct JournalKernelCopyFilterTests {
    @Test func beforeKmsgDeliversAnythingEveryCopyIsSkipped() {
        let filter = JournalKernelCopyFilter()
        #expect(filter.skipsJournalCopy(monotonic: 5))
        #expect(filter.skipsJournalCopy(monotonic: nil))
        #expect(filter.span == nil)
    }

    @Test func linesOlderThanKmsgsFirstRecordComeFromTheJournal() {
        var filter = JournalKernelCopyFilter()
        filter.kmsgDelivered(monotonic: 1_000)
        filter.kmsgDelivered(monotonic: 2_000)
        #expect(!filter.skipsJournalCopy(monotonic: 999), "gone from the ring before the start")
        #expect(filter.skipsJournalCopy(monotonic: 1_000))
        #expect(filter.skipsJournalCopy(monotonic: 5_000), "kmsg is about to deliver it")
        #expect(filter.span == 1_000...2_000)
    }

    /// The restart case: the journal's stored position is behind kmsg's, so the journal hands out
    /// again copies of lines an earlier run already counted from kmsg.
    @Test func afterARestartWhatEarlierRunsReadStaysSkipped() {
        var filter = JournalKernelCopyFilter(earlierRuns: 100...200)
        filter.kmsgDelivered(monotonic: 300)
        filter.kmsgDelivered(monotonic: 400)
        #expect(filter.skipsJournalCopy(monotonic: 150), "an earlier run counted it")
        #expect(!filter.skipsJournalCopy(monotonic: 250), "lost while the daemon was down")
        #expect(!filter.skipsJournalCopy(monotonic: 50), "before the first run")
        #expect(filter.skipsJournalCopy(monotonic: 350))
        #expect(filter.span == 100...400)
    }

    @Test func theStoredSpanRoundTripsForItsBootOnly() {
        var filter = JournalKernelCopyFilter(earlierRuns: 100...200)
        filter.kmsgDelivered(monotonic: 300)
        let stored = filter.storedSpan(bootID: "b0")
        #expect(stored == "b0:100:300")
        #expect(JournalKernelCopyFilter.earlierRuns(fromStored: stored ?? "", bootID: "b0") == 100...300)
        #expect(JournalKernelCopyFilter.earlierRuns(fromStored: stored ?? "", bootID: "other") == nil)
        #expect(JournalKernelCopyFilter.earlierRuns(fromStored: "b0:300:100", bootID: "b0") == nil)
        #expect(JournalKernelCopyFilter.earlierRuns(fromStored: "b0:x:1", bootID: "b0") == nil)
    }
}
