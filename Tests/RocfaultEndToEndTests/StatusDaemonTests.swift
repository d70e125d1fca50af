import Foundation
import Glibc
import RocfaultTestKit
import Testing

/// `rocfault status` with a real rocfaultd running, stopped with SIGTERM, and killed with SIGKILL.
@Suite(.journald, .kernelLogExclusive, .serialized)
struct StatusDaemonTests {
    let rocfault = ProcessRunner.executable("rocfault")

    func status(_ state: URL, _ extra: [String] = []) throws -> ProcessRunner.Output {
        try ProcessRunner.run(
            rocfault,
            ["status", "--state-dir", state.path, "--rules", ProcessRunner.rulesDirectory] + extra,
            environment: ["NO_COLOR": "1"]
        )
    }

    @Test func statusSaysWhetherRocfaultdRunsAndHowFarBehindEachSourceIs() async throws {
        let state = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        let daemon = try await DaemonProcess(stateDirectory: state)
        let pid = daemon.process.processIdentifier
        try KmsgTestWriter.write("<6>rocfault-status-probe: a kernel line for the reader")
        var waited = 0
        while try daemon.storedCursor("kmsg") == nil && waited < 100 {
            try await Task.sleep(for: .milliseconds(50))
            waited += 1
        }

        let up = try status(state)
        #expect(up.status == 0, "\(up.stderr)")
        let first = up.stdout.split(separator: "\n").first.map(String.init) ?? ""
        #expect(first.hasPrefix("rocfaultd running, pid \(pid), since "), "\(up.stdout)")
        #expect(first.hasSuffix(", healthy"), "\(first)")
        #expect(up.stdout.contains("  kmsg (kernel log)  up to date\n"), "\(up.stdout)\n\(daemon.log)")
        #expect(!up.stdout.contains("position"), "cursors only under --verbose")
        #expect(!up.stdout.contains("lost-before-start"))
        let verbose = try status(state, ["--verbose"])
        #expect(verbose.stdout.contains("    position  "), "\(verbose.stdout)")
        let json = try status(state, ["--json=short"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let running = object?["daemon"] as? [String: Any]
        #expect(running?["state"] as? String == "running")
        #expect(running?["pid"] as? Int == Int(pid))
        #expect(running?["health"] as? String == "healthy")

        await daemon.stop()
        #expect(!daemon.isRunning)
        let stopped = try status(state)
        #expect(stopped.stdout.hasPrefix("rocfaultd not running: stopped at "), "\(stopped.stdout)")
        #expect(stopped.stdout.contains("(ran as pid \(pid) since "))
        #expect(stopped.stdout.contains("  kmsg (kernel log)  not being read: rocfaultd is not running"))

        try await daemon.start()
        let restarted = daemon.process.processIdentifier
        #expect(try status(state).stdout.hasPrefix("rocfaultd running, pid \(restarted), since "))
        daemon.killHard()
        let killed = try status(state)
        #expect(
            killed.stdout.hasPrefix(
                "rocfaultd not running: pid \(restarted), started "
            ),
            "\(killed.stdout)"
        )
        #expect(killed.stdout.contains("ended without stopping cleanly (killed or crashed"))
    }
}
