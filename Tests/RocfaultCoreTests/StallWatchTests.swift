import Testing

@testable import RocfaultCore

/// The stall watch of `rocfault run`: samples and time in, notices out.
@Suite struct StallWatchTests {
    private func watch(threshold: Duration = .seconds(10)) -> StallWatch {
        StallWatch(threshold: threshold, pid: 100, comm: "llama-server", ticksPerSecond: 100, start: .zero)
    }

    private func notices(_ actions: [StallWatch.Action]) -> [StallNotice] {
        actions.compactMap { if case .notice(let notice) = $0 { notice } else { nil } }
    }

    @Test func busyThreadWithNoIOGetsOneNoticeAtTheThreshold() {
        var watch = watch()
        var given: [(Duration, StallNotice)] = []
        for second in 0...20 {
            let sample = JobSample(
                threads: [
                    sampledThread(100, state: "R", ticks: UInt64(second) * 100),
                    sampledThread(101, state: "S", ticks: 5),
                ],
                ioBytes: 4096
            )
            for notice in notices(watch.sample(sample, at: .seconds(second))) {
                given.append((.seconds(second), notice))
            }
        }
        #expect(given.count == 1)
        let (time, notice) = given[0]
        #expect(time == .seconds(10))
        #expect(notice.activity == .spinning(threads: 1))
        #expect(notice.threads.first?.cpuPercent == 100)
        #expect(
            notice.headline
                == "rocfault: no output from llama-server (pid 100) for 10 s and no progress: 1 thread spinning in user mode, no I/O"
        )
        #expect(watch.isStalled)
    }

    @Test func ioProgressOrOutputKeepsTheNoticeAway() {
        var watch = watch()
        for second in 0...30 {
            let sample = JobSample(
                threads: [sampledThread(100, state: "D", ticks: 0)],
                ioBytes: UInt64(second) * 1_000_000
            )
            #expect(notices(watch.sample(sample, at: .seconds(second))).isEmpty)
        }
        var quiet = self.watch()
        for second in 0...30 {
            if second % 5 == 0 { _ = quiet.output(at: .seconds(second)) }
            let sample = JobSample(threads: [sampledThread(100, state: "S", ticks: 0)], ioBytes: 0)
            #expect(notices(quiet.sample(sample, at: .seconds(second))).isEmpty)
        }
    }

    @Test func gpuWaitIsNamedAndOutputAfterwardsResumes() {
        var watch = watch()
        let sleeping = JobSample(
            threads: [
                sampledThread(100, state: "S", ticks: 3, syscall: "ioctl", target: "/dev/kfd"),
                sampledThread(101, state: "S", ticks: 1, wchan: "futex_wait_queue", syscall: "futex"),
            ],
            ioBytes: nil
        )
        var found: [StallNotice] = []
        for second in 0...12 { found += notices(watch.sample(sleeping, at: .seconds(second))) }
        #expect(found.map(\.activity) == [.gpuWait(threads: 1, detail: "ioctl on /dev/kfd")])
        #expect(watch.output(at: .seconds(15)) == [.resumed(after: .seconds(5))])
        #expect(!watch.isStalled)
    }

    @Test func ordinarySleepIsNamedByItsWaitChannel() {
        var watch = watch(threshold: .seconds(2))
        let sample = JobSample(
            threads: [sampledThread(100, state: "S", ticks: 0, wchan: "hrtimer_nanosleep")],
            ioBytes: 10
        )
        var found: [StallNotice] = []
        for tenth in 0...30 { found += notices(watch.sample(sample, at: .milliseconds(tenth * 100))) }
        #expect(found.map(\.activity) == [.asleep(threads: 1, detail: "in hrtimer_nanosleep")])
    }

    @Test func samplingIntervalFollowsTheThreshold() {
        #expect(watch(threshold: .seconds(2)).interval == .milliseconds(500))
        #expect(watch(threshold: .seconds(300)).interval == .seconds(10))
        #expect(watch(threshold: .seconds(20)).interval == .seconds(5))
    }
}
