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
}
