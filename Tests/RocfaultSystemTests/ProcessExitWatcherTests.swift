import Glibc
import RocfaultCore
import RocfaultTestKit
import Testing

@testable import RocfaultSystem

@Suite("Exit watching with pidfds")
struct ProcessExitWatcherTests {
    @Test("pidfds work on this kernel")
    func supported() {
        #expect(ProcessExitWatcher.isSupported)
    }

    @Test("Killing a watched child delivers its exit within a second")
    func reportsExit() async throws {
        let watcher = try ProcessExitWatcher()
        defer { watcher.stop() }
        let child = ChildProcess("/bin/sleep", ["3600"])
        let start = try #require(ProcStat(path: "/proc/\(child.pid)/stat")?.startTime)
        #expect(watcher.watch(pid: child.pid, startTime: start) == .watching)
        #expect(watcher.watch(pid: child.pid) == .alreadyWatched)
        #expect(watcher.watchedPIDs == [child.pid])
        let pid = child.pid
        let waiter = Task { await firstElement(of: watcher.exits, within: .seconds(1)) { $0.pid == pid } }
        child.signal(SIGKILL)
        let exit = try #require(await waiter.value)
        #expect(exit.startTime == start)
        #expect(exit.time.realtimeMicroseconds != nil)
        #expect(watcher.watchedPIDs.isEmpty)
        child.waitForExit()
    }

    @Test("Many children on one thread: each exit is reported once, in any order")
    func manyChildren() async throws {
        let watcher = try ProcessExitWatcher()
        defer { watcher.stop() }
        let children = (0..<20).map { _ in ChildProcess("/bin/sleep", ["3600"]) }
        for child in children { #expect(watcher.watch(pid: child.pid) == .watching) }
        let expected = Set(children.map(\.pid))
        let collector = Task {
            var seen: [Int32] = []
            for await exit in watcher.exits where expected.contains(exit.pid) {
                seen.append(exit.pid)
                if seen.count == expected.count { break }
            }
            return seen
        }
        for child in children { child.signal(SIGTERM) }
        let deadline = Task {
            try await Task.sleep(for: .seconds(2))
            collector.cancel()
        }
        let seen = await collector.value
        deadline.cancel()
        #expect(seen.count == expected.count)
        #expect(Set(seen) == expected)
        children.forEach { $0.waitForExit() }
    }

    @Test("Exited pids, reused pids and unwatched pids are not reported")
    func edgeCases() async throws {
        let watcher = try ProcessExitWatcher()
        defer { watcher.stop() }
        let gone = ChildProcess("/bin/true", [])
        gone.waitForExit()
        #expect(watcher.watch(pid: gone.pid) == .alreadyExited)

        let other = ChildProcess("/bin/sleep", ["3600"])
        let start = try #require(ProcStat(path: "/proc/\(other.pid)/stat")?.startTime)
        #expect(watcher.watch(pid: other.pid, startTime: start + 1) == .alreadyExited)
        #expect(watcher.watch(pid: other.pid) == .watching)
        watcher.unwatch(pid: other.pid)
        #expect(watcher.watchedPIDs.isEmpty)
        let pid = other.pid
        let waiter = Task { await firstElement(of: watcher.exits, within: .milliseconds(300)) { $0.pid == pid } }
        other.signal(SIGKILL)
        #expect(await waiter.value == nil)
        other.waitForExit()
    }

    @Test("stop() is prompt with watches outstanding, finishes the stream and refuses new watches")
    func stopIsPrompt() async throws {
        let watcher = try ProcessExitWatcher()
        let child = ChildProcess("/bin/sleep", ["3600"])
        #expect(watcher.watch(pid: child.pid) == .watching)
        let elapsed = ContinuousClock().measure { watcher.stop() }
        #expect(elapsed < .seconds(10), "stop() must not wait for the sleeping child; the bound only catches a hang")
        #expect(watcher.watch(pid: child.pid) == .stopped)
        #expect(await streamFinishes(watcher.exits, within: .seconds(10)))
        watcher.stop()
    }
}
