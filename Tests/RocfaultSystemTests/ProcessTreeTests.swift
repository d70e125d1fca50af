import Glibc
import RocfaultPlatform
import RocfaultSystem
import RocfaultTestKit
import Testing

/// The processes below one process: what a hook's guard kills when its lifeline ends.
@Suite struct ProcessTreeTests {
    static func stat(_ pid: Int32, parent: Int32, state: Character = "S") -> ProcStat {
        ProcStat(pid: pid, comm: "p\(pid)", state: state, parentPID: parent, startTime: UInt64(pid))
    }

    @Test func grandchildrenAndChildrenOfZombiesCountButNotSiblingsOrTheRoot() {
        let processes = [
            Self.stat(1, parent: 0), Self.stat(10, parent: 1), Self.stat(11, parent: 10),
            Self.stat(12, parent: 11, state: "Z"), Self.stat(13, parent: 12), Self.stat(20, parent: 1),
            Self.stat(21, parent: 20),
        ]
        let below = ProcessTree.descendants(of: 10, in: processes).map(\.pid).sorted()
        #expect(below == [11, 12, 13])
        #expect(ProcessTree.descendants(of: 21, in: processes).isEmpty)
    }

    @Test func aParentLoopInGarbledInputEnds() {
        let processes = [Self.stat(5, parent: 6), Self.stat(6, parent: 5)]
        #expect(ProcessTree.descendants(of: 5, in: processes).map(\.pid) == [6])
    }

    /// The shell's state and what runs below it, for a failure message.
    static func diagnose(_ pid: Int32) -> String {
        let stat = FileIO.text("/proc/\(pid)/stat") ?? "gone"
        let below = ProcessTree.descendants(of: pid, in: ProcessTree.processes()).map { "\($0.pid) \($0.comm)" }
        return "stat: \(stat) below: \(below)"
    }

    /// A real shell with two sleeps, one of which left its session: both are below the shell. The
    /// waits count rounds, not time: in a full parallel run other tests can hold the test threads
    /// for a minute, and a deadline would pass before the first look.
    @Test func aRealShellsChildrenAreFoundEvenOutsideItsGroup() async throws {
        let directory = TemporaryTree()
        let pidsFile = directory.path("pids")
        let script =
            "sleep 600 & a=$!; setsid sleep 600 & echo \"$a $!\" > \(pidsFile).tmp; mv \(pidsFile).tmp \(pidsFile); wait"
        let shell = ChildProcess("/bin/sh", ["-c", script], environment: ["PATH=/usr/bin:/bin"])
        var sleeps: [Int32] = []
        for _ in 0..<500 where sleeps.count < 2 {
            try await Task.sleep(for: .milliseconds(20))
            sleeps = (FileIO.text(pidsFile) ?? "").split(whereSeparator: \.isWhitespace).compactMap { Int32($0) }
        }
        try #require(sleeps.count == 2, "the shell started its sleeps: \(Self.diagnose(shell.pid))")
        defer { for pid in sleeps { kill(pid, SIGKILL) } }
        let below = ProcessTree.livingDescendants(of: shell.pid)
        let found = below.filter { sleeps.contains($0.pid) }
        #expect(found.count == 2, "below the shell: \(below.map(\.pid)); \(Self.diagnose(shell.pid))")
        #expect(found.allSatisfy { $0.parentPID == shell.pid && $0.comm == "sleep" })
        #expect(getpgid(sleeps[0]) != getpgid(sleeps[1]), "one sleep left the shell's group")
        _ = directory
    }
}
