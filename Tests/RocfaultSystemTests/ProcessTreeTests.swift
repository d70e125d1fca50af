import Glibc
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

    /// A real shell with two sleeps, one of which left its session: both are below the shell.
    @Test func aRealShellsChildrenAreFoundEvenOutsideItsGroup() async throws {
        let shell = ChildProcess("/bin/sh", ["-c", "sleep 30 & setsid sleep 30 & wait"])
        var living: [ProcStat] = []
        for _ in 0..<250 where living.count < 2 {
            try await Task.sleep(for: .milliseconds(20))
            living = ProcessTree.livingDescendants(of: shell.pid).filter { $0.comm == "sleep" }
        }
        #expect(living.count == 2, "\(living)")
        #expect(living.allSatisfy { $0.parentPID == shell.pid })
        #expect(Set(living.map { getpgid($0.pid) }).count == 2, "one sleep left the shell's group")
        for process in living { kill(process.pid, SIGKILL) }
    }
}
