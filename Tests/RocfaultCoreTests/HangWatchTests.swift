import Testing

@testable import RocfaultCore

/// The daemon's hang watch: `/proc` samples and time in, hang-started and hang-cleared out.
@Suite struct HangWatchTests {
    private func activity(_ threads: [ThreadActivity], io: UInt64? = 500, start: UInt64 = 1) -> ProcessActivity {
        ProcessActivity(
            pid: 100,
            startTime: start,
            comm: "llama-server",
            sample: JobSample(threads: threads, ioBytes: io)
        )
    }

    private func watch(threshold: Duration = .seconds(60)) -> HangWatch {
        HangWatch(threshold: threshold, ticksPerSecond: 100)
    }

    private func started(_ transitions: [HangWatch.Transition]) -> [ProcessHang] {
        transitions.compactMap { if case .started(let hang) = $0 { hang } else { nil } }
    }

    private func cleared(_ transitions: [HangWatch.Transition]) -> [(ProcessHang, Bool)] {
        transitions.compactMap { if case .cleared(let hang, let exited, _) = $0 { (hang, exited) } else { nil } }
    }

    /// Samples every 30 s; a thread at a full core, the I/O counters still.
    @Test func busyWaitWithNoIOStartsOnceAtTheThreshold() throws {
        var watch = watch()
        var starts: [(Int, ProcessHang)] = []
        for step in 0...4 {
            let spinning = sampledThread(101, state: "R", ticks: UInt64(step) * 3000)
            let idle = sampledThread(100, state: "S", ticks: 40, wchan: "futex_wait_queue", syscall: "futex")
            let transitions = watch.record(activity([idle, spinning]), at: .seconds(step * 30))
            starts += started(transitions).map { (step, $0) }
            #expect(cleared(transitions).isEmpty)
        }
        #expect(starts.map(\.0) == [2], "stuck from 0 s, so 60 s at the third sample")
        let hang = try #require(starts.first?.1)
        #expect(hang.kind == .busyWait)
        #expect(hang.threads.map(\.tid) == [101])
        #expect(hang.seconds == 60)
        #expect(
            hang.line
                == "GPU process llama-server (pid 100) busy-waiting for 60 s: 1 thread spinning in user mode, no I/O"
        )
        #expect(watch.hangs.map(\.pid) == [100])
    }

    @Test func aSpinningThreadThatMovesIOIsWorkNotAHang() {
        var watch = watch()
        for step in 0...6 {
            let spinning = sampledThread(101, state: "R", ticks: UInt64(step) * 3000)
            let transitions = watch.record(activity([spinning], io: UInt64(step) * 4096), at: .seconds(step * 30))
            #expect(transitions.isEmpty, "step \(step)")
        }
    }

    @Test func unreadableIOCountersNeverMakeABusyWait() {
        var watch = watch()
        for step in 0...6 {
            let spinning = sampledThread(101, state: "R", ticks: UInt64(step) * 3000)
            #expect(watch.record(activity([spinning], io: nil), at: .seconds(step * 30)).isEmpty)
        }
    }

    @Test func kfdIoctlSleepStartsAGPUWaitAndClearsWhenItReturns() throws {
        var watch = watch()
        let waiting = sampledThread(
            100,
            state: "S",
            ticks: 12,
            wchan: "kfd_wait_on_events",
            syscall: "ioctl",
            target: "/dev/kfd"
        )
        #expect(watch.record(activity([waiting]), at: .seconds(0)).isEmpty)
        #expect(watch.record(activity([waiting]), at: .seconds(30)).isEmpty)
        let hang = try #require(started(watch.record(activity([waiting]), at: .seconds(60))).first)
        #expect(hang.kind == .gpuWait)
        #expect(
            hang.line
                == "GPU process llama-server (pid 100) waiting on the GPU for 60 s: 1 thread asleep in ioctl on /dev/kfd, no I/O"
        )
        #expect(watch.record(activity([waiting]), at: .seconds(90)).isEmpty, "reported once")

        let working = sampledThread(100, state: "R", ticks: 800)
        let ended = cleared(watch.record(activity([working], io: 9000), at: .seconds(120)))
        #expect(ended.count == 1)
        #expect(ended.first?.0.kind == .gpuWait)
        #expect(ended.first?.1 == false, "recovered, not exited")
        #expect(watch.hangs.isEmpty)
    }

    @Test func aSleepOutsideTheGPUIsNoHang() {
        var watch = watch()
        let sleeper = sampledThread(100, state: "S", ticks: 3, wchan: "hrtimer_nanosleep", syscall: "clock_nanosleep")
        let reader = sampledThread(101, state: "S", ticks: 3, syscall: "ioctl", target: "/dev/tty")
        for step in 0...6 {
            #expect(watch.record(activity([sleeper, reader]), at: .seconds(step * 30)).isEmpty)
        }
    }

    @Test func dStateCountsFromItsFirstSampleAndOneSampleOutResetsIt() {
        var watch = watch()
        let blocked = sampledThread(101, state: "D", ticks: 5, wchan: "amdgpu_amdkfd_fence_wait")
        let awake = sampledThread(101, state: "S", ticks: 5)
        #expect(watch.record(activity([blocked]), at: .seconds(10)).isEmpty)
        #expect(watch.record(activity([awake]), at: .seconds(40)).isEmpty)
        #expect(watch.record(activity([blocked]), at: .seconds(70)).isEmpty)
        #expect(watch.record(activity([blocked]), at: .seconds(100)).isEmpty, "30 s since the reset")
        let hang = started(watch.record(activity([blocked], io: 777), at: .seconds(130)))
        #expect(hang.map(\.kind) == [.blocked], "D needs no I/O stillness")
        #expect(
            hang.first?.line
                == "GPU process llama-server (pid 100) blocked in uninterruptible sleep for 60 s, in amdgpu_amdkfd_fence_wait"
        )
    }

    @Test func blockedOutranksASpinningThreadInTheSameProcess() {
        var watch = watch(threshold: .seconds(30))
        for step in 0...2 {
            let spinning = sampledThread(101, state: "R", ticks: UInt64(step) * 3000)
            let blocked = sampledThread(102, state: "D", ticks: 1)
            let hangs = started(watch.record(activity([spinning, blocked]), at: .seconds(step * 30)))
            if step == 1 { #expect(hangs.map(\.kind) == [.blocked]) }
        }
    }

    @Test func aGoneOrReplacedProcessClearsAsExited() {
        var watch = watch(threshold: .seconds(30))
        let blocked = sampledThread(100, state: "D", ticks: 1)
        _ = watch.record(activity([blocked]), at: .seconds(0))
        #expect(started(watch.record(activity([blocked]), at: .seconds(30))).count == 1)
        let reused = cleared(watch.record(activity([blocked], start: 2), at: .seconds(60)))
        #expect(reused.map(\.1) == [true], "a new process on the pid: the old one exited")
        #expect(watch.hangs.isEmpty, "the new one starts from zero")
        #expect(started(watch.record(activity([blocked], start: 2), at: .seconds(90))).count == 1)
        let gone = cleared(watch.retain([], at: .seconds(100)))
        #expect(gone.map(\.1) == [true])
        #expect(watch.retain([], at: .seconds(110)).isEmpty, "cleared once")
    }

    @Test func clearedLineSaysHowTheHangEnded() {
        let hang = ProcessHang(
            pid: 7,
            startTime: 1,
            comm: "ollama",
            kind: .busyWait,
            threads: [],
            since: .seconds(5),
            time: .seconds(65)
        )
        #expect(
            hang.clearedLine(exited: true, afterSeconds: 300)
                == "GPU process ollama (pid 7) is no longer hung (busy-wait) after 300 s: the process exited while stuck"
        )
        #expect(hang.clearedLine(exited: false, afterSeconds: 9).hasSuffix("after 9 s: the process recovered"))
    }
}
