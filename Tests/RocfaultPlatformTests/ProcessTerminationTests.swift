import Foundation
import Glibc
import RocfaultTestKit
import Testing

@testable import RocfaultPlatform

/// The one wait-status decoder, on real child processes that exit, abort and are killed: both the
/// `waitid` form (`peek`, as `rocfault run` reads its child) and the `waitpid` form (`reap`, as
/// `BoundedCommand` and the hooks do) of the same child.
@Suite struct ProcessTerminationTests {
    /// Waits until `pid` has ended (without reaping it) and returns what `peek` says.
    static func peekWhenEnded(_ pid: pid_t) -> ProcessTermination? {
        _ = eventually(within: .seconds(10)) { ProcessTermination.peek(pid) != nil }
        return ProcessTermination.peek(pid)
    }

    /// Whether the kernel writes cores to files (a pipe pattern hands them to a helper that may
    /// not exist here, and ignores `ulimit -c 0`).
    static var coresGoToFiles: Bool {
        let pattern = (try? String(contentsOfFile: "/proc/sys/kernel/core_pattern", encoding: .utf8)) ?? "|"
        return !pattern.hasPrefix("|")
    }

    @Test func anExitCodeIsDecodedByBothWaits() {
        let child = ChildProcess("/bin/sh", ["-c", "exit 3"])
        #expect(Self.peekWhenEnded(child.pid) == .exited(3))
        #expect(FileManager.default.fileExists(atPath: "/proc/\(child.pid)"), "peek leaves the zombie")
        let reaped = ProcessTermination.reap(child.pid, blocking: true)
        #expect(reaped == .exited(3))
        #expect(reaped?.exitCode == 3 && reaped?.signal == nil && reaped?.shellStatus == 3)
        #expect(ProcessTermination.peek(child.pid) == nil, "reaped: no longer a child")
        #expect(ProcessTermination.reap(child.pid, blocking: true) == nil)
    }

    @Test func aRunningChildIsNotEnded() {
        let child = ChildProcess("/bin/sleep", ["30"])
        #expect(ProcessTermination.peek(child.pid) == nil)
        #expect(ProcessTermination.reap(child.pid, blocking: false) == nil)
    }

    @Test func sigkillIsASignalDeathWithoutCore() {
        let child = ChildProcess("/bin/sleep", ["30"])
        child.signal(SIGKILL)
        #expect(Self.peekWhenEnded(child.pid) == .signaled(SIGKILL, coreDumped: false))
        let reaped = ProcessTermination.reap(child.pid, blocking: true)
        #expect(reaped == .signaled(SIGKILL, coreDumped: false))
        #expect(reaped?.signal == SIGKILL && reaped?.exitCode == nil && reaped?.shellStatus == 128 + SIGKILL)
    }

    @Test(.enabled(if: coresGoToFiles, "cores go to a pipe helper here"))
    func sigabrtWithCoresAllowedCarriesTheCoreFlag() throws {
        let tree = TemporaryTree(prefix: "rocfault-core")
        let child = ChildProcess("/bin/sh", ["-c", "cd \(tree.root) && ulimit -c unlimited && kill -ABRT $$"])
        #expect(Self.peekWhenEnded(child.pid) == .signaled(SIGABRT, coreDumped: true))
        let reaped = try #require(ProcessTermination.reap(child.pid, blocking: true))
        #expect(reaped == .signaled(SIGABRT, coreDumped: true) && reaped.coreDumped)
        let files = try FileManager.default.contentsOfDirectory(atPath: tree.root)
        #expect(files.contains { $0.hasPrefix("core") }, "the kernel wrote the core the flag reports")
    }

    @Test(.enabled(if: coresGoToFiles, "cores go to a pipe helper here"))
    func sigabrtWithoutCoresHasNoCoreFlag() {
        let tree = TemporaryTree(prefix: "rocfault-core")
        let child = ChildProcess("/bin/sh", ["-c", "cd \(tree.root) && ulimit -c 0 && kill -ABRT $$"])
        #expect(Self.peekWhenEnded(child.pid) == .signaled(SIGABRT, coreDumped: false))
        #expect(ProcessTermination.reap(child.pid, blocking: true) == .signaled(SIGABRT, coreDumped: false))
    }

    @Test func rawWaitStatusesDecode() {
        #expect(ProcessTermination(waitStatus: 3 << 8) == .exited(3))
        #expect(ProcessTermination(waitStatus: 0) == .exited(0))
        #expect(ProcessTermination(waitStatus: 0x86) == .signaled(SIGABRT, coreDumped: true))
        #expect(ProcessTermination(waitStatus: 9) == .signaled(SIGKILL, coreDumped: false))
        #expect(ProcessTermination(waitStatus: 255 << 8).shellStatus == 255)
    }
}
