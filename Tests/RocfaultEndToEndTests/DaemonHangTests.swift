import Foundation
import Glibc
import RocfaultTestKit
import Testing

/// Hangs the daemon sees by sampling GPU processes at its scans: a real child that opens a fake
/// GPU node (`--gpu-device`) and then spins silently, with a short hang threshold.
@Suite(.journald, .kernelLogExclusive, .serialized)
struct DaemonHangTests {
    /// A child that opens `device`, then spins in user mode printing and reading nothing.
    static func spinningChild(device: String) throws -> Process {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        child.arguments = ["-c", "f = open(\(device.debugDescription))\nwhile True: pass"]
        child.standardOutput = FileHandle.nullDevice
        child.standardError = FileHandle.nullDevice
        try child.run()
        return child
    }

    @Test func aSilentlySpinningGPUProcessIsAHangThatClearsWhenItExits() async throws {
        let state = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        let device = state.appendingPathComponent("fake-kfd").path
        _ = FileManager.default.createFile(atPath: device, contents: Data())
        // An earlier suite's MES line in the ring would join this pid-less hang within 10 s.
        try await KmsgTestWriter.waitUntilQuiet(for: .seconds(12))
        let daemon = try await DaemonProcess(
            stateDirectory: state,
            extra: [
                "--gpu-device", device, "--process-scan-interval", "1", "--hang-threshold", "2", "--no-journal",
                "--quiet-period", "2",
            ]
        )
        try await daemon.waitForLog("watching opens of", timeout: .seconds(5))
        let child = try Self.spinningChild(device: device)
        defer { if child.isRunning { kill(child.processIdentifier, SIGKILL) } }
        let pid = child.processIdentifier

        let hung = try await daemon.waitForIncidents(timeout: .seconds(15)) { found in
            found.contains { $0.pid == pid && $0.ruleIDs.contains("rocfaultd.gpu-process-busy-wait") }
        }
        let hang = try #require(hung.first { $0.pid == pid }, "no hang recorded: \(daemon.log)")
        #expect(hang.side == "hang")
        #expect(hang.failureClass == "stall")
        #expect(
            hang.lines.contains {
                $0.contains("(pid \(pid)) busy-waiting for ") && $0.hasSuffix("spinning in user mode, no I/O")
            }
        )
        // KFD names the cause without naming the process; the hung-task report names the process.
        try KmsgTestWriter.writeBlock([
            "<4>amdgpu: SVM mapping failed, exceeds resident system memory limit",
            "<3>INFO: task python3:\(pid) blocked for more than 122 seconds.",
        ])
        try await Task.sleep(for: .seconds(3))
        let still = try await daemon.waitForIncidents(timeout: .seconds(1)) { _ in true }
        let held = try #require(still.first { $0.id == hang.id })
        #expect(!held.isFinal, "held open past the quiet period while it spins")
        #expect(held.ruleIDs.isSuperset(of: ["amdkfd.svm-mapping-limit", "kernel.hung-task"]), "\(held.ruleIDs)")
        #expect(held.knownIssues.contains("rocfault:strix-halo-mmap-stall"))
        #expect(held.side == "hang", "kernel context of a hang is no kernel fault")

        kill(pid, SIGKILL)
        child.waitUntilExit()
        let ended = try await daemon.waitForIncidents(timeout: .seconds(10)) { found in
            found.contains { $0.id == hang.id && $0.isFinal }
        }
        let final = try #require(ended.first { $0.id == hang.id }, "not final after the exit: \(daemon.log)")
        #expect(final.isFinal)
        #expect(final.ruleIDs.contains("rocfaultd.gpu-process-hang-cleared"))
        #expect(
            final.lines.contains { $0.contains("is no longer hung (busy-wait)") && $0.hasSuffix("exited while stuck") }
        )
        #expect(final.side == "hang")
        #expect(ended.filter { $0.pid == pid }.count == 1, "one incident for the hang and its end")
        await daemon.stop()
    }
}
