import Foundation
import Glibc
import RocfaultCore
import RocfaultTestKit
import Testing

/// rocfaultd believes `ROCFAULT_*` fields and recognises its own lines by journald's trusted
/// fields only.
@Suite(.journald, .kernelLogExclusive, .serialized)
struct JournalTrustTests {
    static func uniqueROCrLine() -> String {
        let address = String(UInt64.random(in: 1 << 40..<1 << 47), radix: 16)
        return
            "Memory critical error by agent node-0 (Agent handle: 0x1) on address 0x\(address). Reason: Memory in use."
    }

    /// Sends one native-protocol entry as uid 65534 from a program called `rocfault` (a link to
    /// python3, so `_COMM` says rocfault); returns the sender's pid.
    static func sendAsNobodyCalledRocfault(_ fields: [String: String]) throws -> Int32 {
        try sendCalledRocfault(fields, asNobody: true)
    }

    /// Sends one native-protocol entry from a program called `rocfault`, as root or as uid 65534;
    /// returns the sender's pid.
    static func sendCalledRocfault(_ fields: [String: String], asNobody: Bool) throws -> Int32 {
        let bin = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: bin) }
        chmod(bin.path, 0o755)
        let program = bin.appendingPathComponent("rocfault").path
        try FileManager.default.createSymbolicLink(atPath: program, withDestinationPath: "/usr/bin/python3")
        let payload = fields.map { "\($0.key)=\($0.value)\n" }.sorted().joined()
        // journald stamps `_COMM` and `_EXE` from /proc when it reads the datagram: a sender that
        // exits at once leaves a loaded journald only `_PID` and `_UID`, and the entry no longer
        // reads as rocfault's. The sender stays alive a while after sending.
        let script =
            "import os, socket, sys, time; s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); "
            + "s.sendto(sys.argv[1].encode(), '/run/systemd/journal/socket'); print(os.getpid(), flush=True); "
            + "time.sleep(2)"
        let nobody = ["--reuid=65534", "--regid=65534", "--clear-groups"]
        let result = try ProcessRunner.run(
            "/usr/bin/setpriv",
            (asNobody ? nobody : []) + [program, "-c", script, payload]
        )
        guard result.status == 0, let pid = Int32(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw DaemonTestError("sending as rocfault failed: \(result.stderr)")
        }
        return pid
    }

    @Test func anotherUsersRocfaultPidIsRefusedAndATaggedLineIsNotIgnored() async throws {
        let state = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        let daemon = try await DaemonProcess(stateDirectory: state)
        try await daemon.waitUntilCaughtUp()
        let rootPID = getpid()
        let forged = Self.uniqueROCrLine()
        let sender = try Self.sendAsNobodyCalledRocfault([
            "MESSAGE": forged, "PRIORITY": "3", "SYSLOG_IDENTIFIER": "rocfault-run", "ROCFAULT_PID": "\(rootPID)",
            "ROCFAULT_COMM": "victim", "ROCFAULT_RULE": "rocr.memory-in-use",
        ])
        let tagged = Self.uniqueROCrLine()
        let taggedPID = try ProcessRunner.logLineToJournal(tag: "rocfaultd", tagged)
        let incidents = try await daemon.waitForIncidents(timeout: .seconds(10)) { found in
            found.contains { $0.lines.contains(forged) } && found.contains { $0.lines.contains(tagged) }
        }
        let forgedIncident = try #require(incidents.first { $0.lines.contains(forged) }, "\(daemon.log)")
        #expect(forgedIncident.pid != rootPID, "a uid 65534 sender cannot pin a line on root's process")
        #expect(forgedIncident.pid == sender, "the line stays its real sender's")
        let taggedIncident = try #require(
            incidents.first { $0.lines.contains(tagged) },
            "SYSLOG_IDENTIFIER=rocfaultd from another process is not the daemon's own line"
        )
        #expect(taggedIncident.pid == taggedPID)
        await daemon.stop()
    }
}
