import RocfaultTestKit
import Glibc
import Testing

@testable import RocfaultCore
@testable import RocfaultSystem

/// The `/proc` reader behind `rocfault run --stall-after`, on a fixture tree laid out like procfs:
/// a thread asleep in a KFD ioctl cannot be made here without a GPU.
@Suite struct JobSamplerTests {
    /// A `task/TID/stat` line with utime and stime (fields 14 and 15) set.
    static func threadStat(tid: Int32, comm: String, state: String, user: Int, system: Int) -> String {
        let middle = (4...13).map(String.init)
        let rest = (16...52).map { _ in "0" }
        return "\(tid) (\(comm)) \(state) " + middle.joined(separator: " ") + " \(user) \(system) "
            + rest.joined(separator: " ") + "\n"
    }

    func fixture() -> ProcFixture {
        let proc = ProcFixture()
        proc.add(
            ProcFixture.Process(
                pid: 300,
                comm: "llama-server",
                fds: ["/dev/null", "/dev/null", "/dev/null", "/dev/kfd"]
            )
        )
        proc.tree.file("300/io", "rchar: 1000\nwchar: 24\nsyscr: 3\nread_bytes: 0\nwrite_bytes: 0\n")
        proc.tree.file(
            "300/task/300/stat",
            Self.threadStat(tid: 300, comm: "llama-server", state: "S", user: 70, system: 5)
        )
        proc.tree.file("300/task/300/wchan", "kfd_wait_on_events\n")
        proc.tree.file(
            "300/task/300/syscall",
            "16 0x3 0xc0184b0c 0x7ffd1c2b3c40 0x0 0x0 0x0 0x7ffd1c2b3b28 0x7f1c2a3b4c5d\n"
        )
        proc.tree.file("300/task/300/children", "301 ")
        proc.tree.file(
            "300/task/302/stat",
            Self.threadStat(tid: 302, comm: "llama-srv-w", state: "R", user: 900, system: 1)
        )
        proc.tree.file("300/task/302/wchan", "0\n")
        proc.tree.file("300/task/302/syscall", "running\n")
        proc.add(ProcFixture.Process(pid: 301, comm: "helper", parent: 300))
        proc.tree.file("301/io", "rchar: 10\nwchar: 6\n")
        proc.tree.file("301/task/301/stat", Self.threadStat(tid: 301, comm: "helper", state: "S", user: 0, system: 0))
        proc.tree.file("301/task/301/syscall", "230 0x0 0x0 0x7ffe 0x0 0x0 0x0 0x7ffd 0x7f1c\n")
        return proc
    }

    @Test func readsThreadsOfTheProcessAndItsChildren() throws {
        let proc = fixture()
        let sample = try #require(JobSampler(procRoot: proc.root).sample(pid: 300))
        #expect(sample.ioBytes == 1040)
        let byTID = Dictionary(uniqueKeysWithValues: sample.threads.map { ($0.tid, $0) })
        #expect(Set(byTID.keys) == [300, 301, 302])
        let main = try #require(byTID[300])
        #expect(main.cpuTicks == 75)
        #expect(main.waitChannel == "kfd_wait_on_events")
        #if arch(x86_64)
        #expect(main.syscall == "ioctl")
        #expect(main.ioctlTarget == "/dev/kfd")
        #expect(main.isInGPUWait)
        #expect(byTID[301]?.syscall == "clock_nanosleep")
        #endif
        #expect(byTID[302]?.state == "R")
        #expect(byTID[302]?.syscall == nil)
        #expect(byTID[302]?.waitChannel == nil)
        #expect(byTID[301]?.pid == 301)
    }

    @Test func goneProcessGivesNoSample() {
        let proc = fixture()
        #expect(JobSampler(procRoot: proc.root).sample(pid: 999) == nil)
    }

    @Test func unreadableIOLeavesTheCounterUnknown() throws {
        let proc = fixture()
        proc.tree.remove("301/io")
        let sample = try #require(JobSampler(procRoot: proc.root).sample(pid: 300))
        #expect(sample.ioBytes == nil)
    }

    /// The daemon's path: the process alone (not its children), with its start time, read twice
    /// 30 s apart from a tree where the main thread sleeps in a KFD ioctl and a worker in an ioctl
    /// on a render node whose `fdinfo` names amdgpu; the hang watch calls it a GPU wait.
    @Test func kfdIoctlWaitFromAProcTreeIsAGPUWaitHang() throws {
        #if arch(x86_64)
        let proc = fixture()
        proc.tree.remove("300/task/302")
        proc.tree.link("300/fd/5", to: "/dev/dri/renderD128")
        proc.tree.file(
            "300/fdinfo/5",
            "pos:\t0\nflags:\t02100002\nmnt_id:\t25\nino:\t1193\ndrm-driver:\tamdgpu\ndrm-client-id:\t87\n"
        )
        proc.tree.file("300/fdinfo/3", "pos:\t0\nflags:\t02100002\nmnt_id:\t25\nino:\t1187\n")
        proc.tree.file(
            "300/task/303/stat",
            Self.threadStat(tid: 303, comm: "llama-srv-w", state: "S", user: 3, system: 1)
        )
        proc.tree.file("300/task/303/wchan", "dma_fence_default_wait\n")
        proc.tree.file(
            "300/task/303/syscall",
            "16 0x5 0xc0186444 0x7f0a1c0fe9a0 0x0 0x0 0x0 0x7f0a1c0fe928 0x7f1c2a3b4c5d\n"
        )
        let sampler = JobSampler(procRoot: proc.root)
        let first = try #require(sampler.activity(pid: 300))
        #expect(first.startTime == 123_456)
        #expect(first.comm == "llama-server")
        #expect(first.sample.ioBytes == 1024, "rchar + wchar + read_bytes + write_bytes of the process alone")
        #expect(Set(first.sample.threads.map(\.tid)) == [300, 303])
        let worker = try #require(first.sample.threads.first { $0.tid == 303 })
        #expect(worker.ioctlTarget == "/dev/dri/renderD128")
        #expect(worker.ioctlDriver == "amdgpu")
        #expect(first.sample.threads.first { $0.tid == 300 }?.ioctlDriver == nil, "/dev/kfd has no drm-driver")

        var watch = HangWatch(threshold: .seconds(30), ticksPerSecond: 100)
        #expect(watch.record(first, at: .seconds(100)).isEmpty)
        let second = try #require(sampler.activity(pid: 300))
        let transitions = watch.record(second, at: .seconds(130))
        let hang = try #require(transitions.compactMap { if case .started(let hang) = $0 { hang } else { nil } }.first)
        #expect(hang.kind == .gpuWait)
        #expect(hang.threads.map(\.tid) == [300, 303])
        #expect(hang.line.hasSuffix("waiting on the GPU for 30 s: 2 threads asleep in ioctl on /dev/kfd, no I/O"))
        #endif
    }

    @Test func fdinfoDriverIsReadOnlyFromItsOwnField() {
        #expect(JobSampler.drmDriver(fdinfo: "pos:\t0\ndrm-driver:\tamdgpu\ndrm-pdev:\t0000:c5:00.0\n") == "amdgpu")
        #expect(JobSampler.drmDriver(fdinfo: "pos:\t0\nflags:\t02\n") == nil)
    }

    /// The daemon's sample of a real process: a sleeping child is asleep in `clock_nanosleep`, not
    /// stuck; a spinning one busy-waits between two samples; a gone one samples as nil.
    @Test func realChildrenSampleAsSleepingAndSpinning() throws {
        let sampler = JobSampler()
        let sleeper = ChildProcess("/bin/sleep", ["3600"])
        #expect(eventually { sampler.activity(pid: sleeper.pid)?.sample.threads.first?.state == "S" })
        let asleep = try #require(sampler.activity(pid: sleeper.pid))
        #expect(asleep.startTime == ProcStat(path: "/proc/\(sleeper.pid)/stat")?.startTime)
        #expect(asleep.sample.ioBytes != nil, "root reads /proc/PID/io")
        #if arch(x86_64)
        #expect(asleep.sample.threads.first?.syscall == "clock_nanosleep")
        #endif
        sleeper.signal(SIGKILL)
        sleeper.waitForExit()
        #expect(sampler.activity(pid: sleeper.pid) == nil)

        let spinner = ChildProcess("/bin/sh", ["-c", "while :; do :; done"])
        defer {
            spinner.signal(SIGKILL)
            spinner.waitForExit()
        }
        var watch = HangWatch(threshold: .milliseconds(400), ticksPerSecond: JobSampler.ticksPerSecond)
        let start = ContinuousClock.now
        var kinds: [HangKind] = []
        for _ in 0..<12 where kinds.isEmpty {
            usleep(200_000)
            let activity = try #require(sampler.activity(pid: spinner.pid))
            let time = ContinuousClock.now - start
            kinds += watch.record(activity, at: time).compactMap {
                if case .started(let hang) = $0 { hang.kind } else { nil }
            }
        }
        #expect(kinds == [.busyWait])
    }
}
