import Glibc
import RocfaultCore
import RocfaultTestKit
import Testing

@testable import RocfaultSystem

@Suite("How processes end, from the process events connector")
struct ProcessExitStatusWatcherTests {
    @Test("A watched child's signal death is reported with its signal; an unwatched one is not")
    func reportsSignalOfWatchedChild() async throws {
        let watcher = try ProcessExitStatusWatcher()
        defer { watcher.stop() }
        // An hour, not 30 s: under the whole suite on 2 cores this test once took 48 s, and a
        // `sleep 30` that ends on its own exits 0 before it is signalled.
        let unwatched = ChildProcess("/bin/sleep", ["3600"])
        let child = ChildProcess("/bin/sleep", ["3600"])
        watcher.watch(pid: child.pid)
        let pid = child.pid
        let other = unwatched.pid
        let waiter = Task {
            await firstElement(of: watcher.statuses, within: .seconds(2)) { $0.pid == pid || $0.pid == other }
        }
        try await Task.sleep(for: .milliseconds(50))
        unwatched.signal(SIGSEGV)
        unwatched.waitForExit()
        child.signal(SIGABRT)
        child.waitForExit()
        let status = try #require(await waiter.value)
        #expect(status.pid == pid)
        #expect(status.signal == SIGABRT)
        #expect(status.exitStatus == nil)
    }

    @Test("An exit the kernel sent before the watch began is an earlier process's, whose number was reused")
    func staleExitIsNotTheWatchedProcesses() {
        let since: UInt64 = 5_000_000_000
        let stale = ProcConnector.Exit(pid: 42, threadGroup: 42, exitCode: 0, monotonicNanoseconds: since - 1)
        let real = ProcConnector.Exit(pid: 42, threadGroup: 42, exitCode: 6, monotonicNanoseconds: since + 1)
        #expect(!ConnectorLoop.ends(since: since, stale))
        #expect(ConnectorLoop.ends(since: since, real))
    }

    @Test("Wait statuses: a signal, a core dump, an exit status")
    func waitStatuses() {
        let time = EventTime(realtimeMicroseconds: 1)
        #expect(ProcessExitStatus(pid: 1, waitStatus: 6, time: time).signal == 6)
        #expect(ProcessExitStatus(pid: 1, waitStatus: 0x86, time: time).coreDumped)
        #expect(ProcessExitStatus(pid: 1, waitStatus: 0x86, time: time).signal == 6)
        let exited = ProcessExitStatus(pid: 1, waitStatus: 3 << 8, time: time)
        #expect(exited.signal == nil && exited.exitStatus == 3 && !exited.coreDumped)
    }

    @Test("A datagram of connector messages: exits are read, other events and short messages skipped")
    func parsesDatagrams() {
        func message(what: UInt32, pid: UInt32, tgid: UInt32, code: UInt32) -> [UInt8] {
            let words: [UInt32] = [
                16 + 20 + 40, 3, 0, 0,  // nlmsghdr: length, type|flags, seq, pid
                1, 1, 0, 0, 40,  // cn_msg: idx, val, seq, ack, len|flags
                what, 0, 7, 1, pid, tgid, code, 17, 0, 0,  // proc_event: what, cpu, timestamp (ns), exit
            ]
            return words.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> (8 * $0)) } }
        }
        let bytes =
            message(what: 0x0000_0001, pid: 7, tgid: 7, code: 0)
            + message(what: 0x8000_0000, pid: 42, tgid: 42, code: 6)
            + [1, 2, 3]
        let exits = ProcConnector.parse(bytes[...])
        #expect(exits == [ProcConnector.Exit(pid: 42, threadGroup: 42, exitCode: 6, monotonicNanoseconds: 1 << 32 | 7)])
    }
}
