import Glibc
import Testing

@testable import RocfaultSystem

@Suite("Hang detection from D-state samples")
struct HangTrackerTests {
    static func sample(
        _ seconds: Int,
        _ states: [Int32: Character],
        pid: Int32 = 100,
        start: UInt64 = 7
    )
        -> ProcessSample
    {
        ProcessSample(pid: pid, startTime: start, comm: "python3", threadStates: states, time: .seconds(seconds))
    }

    @Test("A thread in D past the threshold starts a candidate once, and leaving D clears it")
    func startsAndClears() throws {
        var tracker = HangTracker(threshold: .seconds(10))
        #expect(tracker.record(Self.sample(0, [100: "S", 101: "D"])).isEmpty)
        #expect(tracker.record(Self.sample(5, [100: "S", 101: "D"])).isEmpty)
        let started = tracker.record(Self.sample(10, [100: "S", 101: "D"]))
        guard case .started(let candidate) = try #require(started.first) else {
            Issue.record("expected a start, got \(started)")
            return
        }
        #expect(candidate.threads == [101])
        #expect(candidate.blockedSince == .seconds(0))
        #expect(candidate.blockedFor == .seconds(10))
        #expect(tracker.record(Self.sample(15, [100: "S", 101: "D"])).isEmpty)
        #expect(tracker.candidates.map(\.blockedFor) == [.seconds(15)])
        #expect(tracker.record(Self.sample(16, [100: "S", 101: "S"])) == [.cleared(pid: 100, time: .seconds(16))])
        #expect(tracker.candidates.isEmpty)
    }

    @Test("One sample out of D resets the clock")
    func interruptionResets() {
        var tracker = HangTracker(threshold: .seconds(10))
        _ = tracker.record(Self.sample(0, [100: "D"]))
        _ = tracker.record(Self.sample(5, [100: "R"]))
        _ = tracker.record(Self.sample(6, [100: "D"]))
        #expect(tracker.record(Self.sample(15, [100: "D"])).isEmpty)
        let started = tracker.record(Self.sample(16, [100: "D"]))
        #expect(started.count == 1)
        #expect(tracker.candidates.first?.blockedSince == .seconds(6))
    }

    @Test("A thread that vanishes stops counting; other stuck threads keep the candidate")
    func threadsTrackedSeparately() {
        var tracker = HangTracker(threshold: .seconds(3))
        _ = tracker.record(Self.sample(0, [100: "D", 101: "D"]))
        _ = tracker.record(Self.sample(2, [100: "S", 101: "D", 102: "D"]))
        #expect(tracker.record(Self.sample(3, [100: "S", 101: "D", 102: "D"])).count == 1)
        #expect(tracker.candidates.first?.threads == [101])
        #expect(tracker.record(Self.sample(5, [100: "S", 102: "D"])).isEmpty)
        #expect(tracker.candidates.first?.threads == [102])
        #expect(tracker.candidates.first?.blockedSince == .seconds(2))
    }

    @Test("A new process on the same pid clears the old candidate and starts from zero")
    func pidReuse() {
        var tracker = HangTracker(threshold: .seconds(1))
        _ = tracker.record(Self.sample(0, [100: "D"]))
        #expect(tracker.record(Self.sample(1, [100: "D"])).count == 1)
        let reused = tracker.record(Self.sample(2, [100: "D"], start: 99))
        #expect(reused == [.cleared(pid: 100, time: .seconds(2))])
        #expect(tracker.candidates.isEmpty)
        #expect(tracker.forget(pid: 100, time: .seconds(3)) == nil)
        #expect(tracker.forget(pid: 555, time: .seconds(3)) == nil)
    }

    @Test("Forgetting a candidate reports it cleared")
    func forget() {
        var tracker = HangTracker(threshold: .zero)
        #expect(tracker.record(Self.sample(0, [100: "D"])).count == 1)
        #expect(tracker.forget(pid: 100, time: .seconds(1)) == .cleared(pid: 100, time: .seconds(1)))
        #expect(tracker.candidates.isEmpty)
    }

    @Test("The sampler reads every thread of this real process")
    func samplesSelf() throws {
        let pid = getpid()
        let sample = try #require(ProcessStateSampler().sample(pid: pid, at: .seconds(42)))
        let tasks = Set(FileIO.list("/proc/\(pid)/task").compactMap { Int32($0) })
        #expect(sample.time == .seconds(42))
        #expect(sample.startTime == ProcStat(path: "/proc/self/stat")?.startTime)
        #expect(sample.threadStates[pid] != nil)
        // Pool threads may come and go between the two listings; nearly all must be shared.
        #expect(Set(sample.threadStates.keys).intersection(tasks).count >= tasks.count - 2)
        #expect(sample.threadStates.values.allSatisfy { "RSDTtIXZ".contains($0) })
        #expect(sample.threadStates.values.contains("R"))
    }

    @Test("A sleeping child samples as S with a wait channel; a gone pid samples as nil")
    func samplesChild() throws {
        let child = ChildProcess("/bin/sleep", ["30"])
        let sampler = ProcessStateSampler()
        #expect(ChildProcess.eventually { sampler.sample(pid: child.pid)?.threadStates[child.pid] == "S" })
        #expect(sampler.sample(pid: child.pid)?.blockedThreads == [])
        // The kernel reports no channel ("0") until the task has left the CPU, so allow a moment.
        #expect(ChildProcess.eventually { sampler.waitChannel(pid: child.pid, thread: child.pid) != nil })
        child.signal(SIGKILL)
        child.waitForExit()
        #expect(sampler.sample(pid: child.pid) == nil)
        #expect(ProcessStateSampler(procRoot: "/nonexistent").sample(pid: 1) == nil)
    }

    @Test("A fixture process with a thread in D becomes a hang candidate through the sampler")
    func fixtureDState() throws {
        let proc = ProcFixture()
        proc.add(ProcFixture.Process(pid: 500, state: "S"))
        proc.tree.file("500/task/500/stat", ProcFixture.statLine(ProcFixture.Process(pid: 500, state: "S")))
        proc.tree.file("500/task/501/stat", ProcFixture.statLine(ProcFixture.Process(pid: 501, state: "D")))
        proc.tree.file("500/task/502/stat", "garbage")
        let sampler = ProcessStateSampler(procRoot: proc.root)
        var tracker = HangTracker(threshold: .seconds(120))
        for seconds in stride(from: 0, through: 120, by: 30) {
            let sample = try #require(sampler.sample(pid: 500, at: .seconds(seconds)))
            #expect(sample.blockedThreads == [501])
            let transitions = tracker.record(sample)
            #expect(transitions.isEmpty == (seconds < 120))
        }
        #expect(tracker.candidates.first?.threads == [501])
    }
}
