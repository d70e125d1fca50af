import Testing

@testable import RocfaultDaemon

struct DeadlineQueueTests {
    @Test func popsEarliestFirstAndEqualDeadlinesInInsertionOrder() {
        var queue = DeadlineQueue<String>()
        queue.insert("late", deadline: 300)
        queue.insert("first-at-100", deadline: 100)
        queue.insert("middle", deadline: 200)
        queue.insert("second-at-100", deadline: 100)
        #expect(queue.earliestDeadline == 100)
        var popped: [String] = []
        while let next = queue.popDue(now: 1_000) { popped.append(next) }
        #expect(popped == ["first-at-100", "second-at-100", "middle", "late"])
        #expect(queue.earliestDeadline == nil)
    }

    @Test func nothingIsDueBeforeItsDeadline() {
        var queue = DeadlineQueue<Int>()
        queue.insert(1, deadline: 500)
        #expect(queue.popDue(now: 499) == nil)
        #expect(queue.count == 1)
        #expect(queue.popDue(now: 500) == 1)
        #expect(queue.count == 0)
    }
}
