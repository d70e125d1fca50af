import Testing

@testable import RocfaultSources

@Suite("KmsgSequenceTracker")
struct KmsgSequenceTrackerTests {
    @Test("consecutive records from sequence 0 need no gap")
    func consecutive() {
        var tracker = KmsgSequenceTracker(start: .beginning)
        for sequence in UInt64(0)..<5 {
            #expect(tracker.admit(sequence: sequence) == .deliver(gap: nil))
        }
        #expect(tracker.lastSequence == 4)
    }

    @Test("reading from the beginning of a wrapped ring reports the records lost since boot")
    func beginningAfterWrap() {
        var tracker = KmsgSequenceTracker(start: .beginning)
        let gap = KmsgGap(reason: .lostBeforeStart, lastSequence: nil, firstMissingSequence: 0, nextSequence: 40)
        #expect(tracker.admit(sequence: 40) == .deliver(gap: gap))
        #expect(gap.missingCount == 40)
        #expect(tracker.admit(sequence: 41) == .deliver(gap: nil))
    }

    @Test("a sequence jump is a gap from the last seen to the next")
    func jump() {
        var tracker = KmsgSequenceTracker(start: .end)
        #expect(tracker.admit(sequence: 100) == .deliver(gap: nil))
        let expected = KmsgGap(reason: .sequenceJump, lastSequence: 100, firstMissingSequence: 101, nextSequence: 105)
        #expect(tracker.admit(sequence: 105) == .deliver(gap: expected))
        #expect(expected.missingCount == 4)
    }

    @Test("EPIPE before the next record makes the gap an overrun, once")
    func overrun() {
        var tracker = KmsgSequenceTracker(start: .afterLastClear)
        #expect(tracker.admit(sequence: 7) == .deliver(gap: nil))
        tracker.noteOverrun()
        let expected = KmsgGap(reason: .overrun, lastSequence: 7, firstMissingSequence: 8, nextSequence: 300)
        #expect(tracker.admit(sequence: 300) == .deliver(gap: expected))
        #expect(
            tracker.admit(sequence: 302)
                == .deliver(
                    gap: .init(reason: .sequenceJump, lastSequence: 300, firstMissingSequence: 301, nextSequence: 302)
                )
        )
    }

    @Test("an overrun before anything was read at the end has an unknown size")
    func overrunAtEndBeforeFirstRecord() {
        var tracker = KmsgSequenceTracker(start: .end)
        tracker.noteOverrun()
        let gap = KmsgGap(reason: .overrun, lastSequence: nil, firstMissingSequence: nil, nextSequence: 50)
        #expect(tracker.admit(sequence: 50) == .deliver(gap: gap))
        #expect(gap.missingCount == nil)
    }

    @Test("resuming after a saved sequence skips records up to it")
    func resumeSkips() {
        var tracker = KmsgSequenceTracker(start: .afterSequence(10))
        #expect(tracker.admit(sequence: 8) == .skip)
        #expect(tracker.admit(sequence: 10) == .skip)
        #expect(tracker.admit(sequence: 11) == .deliver(gap: nil))
        #expect(tracker.admit(sequence: 11) == .skip)
    }

    @Test("resuming when the next record is gone from the ring reports the lost records")
    func resumeLost() {
        var tracker = KmsgSequenceTracker(start: .afterSequence(10))
        let gap = KmsgGap(reason: .lostBeforeStart, lastSequence: 10, firstMissingSequence: 11, nextSequence: 25)
        #expect(tracker.admit(sequence: 25) == .deliver(gap: gap))
        #expect(gap.description == "lost-before-start: records 11..<25 lost (14)")
    }

    @Test("after clear or at the end, the first record is accepted as it is")
    func noStartGap() {
        var clear = KmsgSequenceTracker(start: .afterLastClear)
        #expect(clear.admit(sequence: 999) == .deliver(gap: nil))
        var end = KmsgSequenceTracker(start: .end)
        #expect(end.admit(sequence: 5) == .deliver(gap: nil))
    }

    @Test("the largest sequence number does not overflow")
    func maximum() {
        var tracker = KmsgSequenceTracker(start: .afterSequence(.max))
        #expect(tracker.admit(sequence: .max) == .skip)
        var other = KmsgSequenceTracker(start: .afterSequence(.max - 1))
        #expect(other.admit(sequence: .max) == .deliver(gap: nil))
    }
}
