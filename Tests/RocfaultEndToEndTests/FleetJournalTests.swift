import Foundation
import Glibc
import RocfaultTestKit
import Testing

/// The fleet view: a real rocfaultd announces incidents into a real journald, systemd-journal-upload
/// sends that journal over HTTP to a local systemd-journal-remote, and `rocfault list
/// --journal-directory` reads the received files.
@Suite(.journald, .kernelLogExclusive, .serialized)
struct FleetJournalTests {
    static let remote = "/lib/systemd/systemd-journal-remote"
    static let upload = "/lib/systemd/systemd-journal-upload"

    /// The cursor of a marker entry sent now, so the upload sends only what this test adds. The
    /// marker goes through journald's native socket, as the announcements do, so the entries an
    /// earlier test's daemon sent before it exited are behind the marker, not after it.
    static func journalCursor() async throws -> String {
        let marker = UUID().uuidString
        try ProcessRunner.sendToJournal(["MESSAGE": "fleet test starts", "ROCFAULT_TEST_MARKER": marker])
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            let output = try ProcessRunner.run(
                "/usr/bin/journalctl",
                ["ROCFAULT_TEST_MARKER=\(marker)", "-n", "1", "--show-cursor", "-q", "-o", "cat"]
            )
            if let line = output.stdout.split(separator: "\n").last(where: { $0.hasPrefix("-- cursor: ") }) {
                return String(line.dropFirst("-- cursor: ".count))
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw DaemonTestError("the marker entry did not reach the journal")
    }

    static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        gethostname(&buffer, buffer.count)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    @Test func uploadedAnnouncementsListWithTheirHost() async throws {
        for program in [Self.remote, Self.upload] {
            try #require(FileManager.default.isExecutableFile(atPath: program), "\(program) is not installed")
        }
        let state = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        let cursor = try await Self.journalCursor()
        let (kernelPID, abortPID, stored) = try await Self.recordTwoIncidents(state: state)
        try Self.sendForgedAnnouncement()

        let received = state.appendingPathComponent("received")
        try FileManager.default.createDirectory(at: received, withIntermediateDirectories: true)
        try Self.upload(after: cursor, into: received, logs: state)

        let listed = try ProcessRunner.run(
            ProcessRunner.executable("rocfault"),
            ["list", "--journal-directory", received.path, "--json=short"]
        )
        #expect(listed.status == 0, "\(listed.stderr)")
        let objects = try #require(
            try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]],
            "\(listed.stdout)"
        )
        let kernel = try #require(objects.first { $0["pid"] as? Int == Int(kernelPID) }, "\(listed.stdout)")
        let abort = try #require(objects.first { $0["pid"] as? Int == Int(abortPID) }, "\(listed.stdout)")
        // Every incident the daemon stored, each once: besides the two, the probe that showed it had
        // caught up and those of earlier tests' kernel lines still in the ring buffer.
        #expect(objects.count == stored, "\(listed.stdout)")
        #expect(objects.allSatisfy { $0["host"] as? String == Self.hostName })
        #expect(listed.stderr.contains("ignored 1 entries with an incident MESSAGE_ID (untrusted-sender"))
        for (object, side) in [(kernel, "kernel"), (abort, "userspace")] {
            #expect(object["host"] as? String == Self.hostName)
            #expect(object["isFinal"] as? Bool == true)
            let verdict = object["verdict"] as? [String: Any] ?? [:]
            #expect(verdict["side"] as? String == side)
            #expect(verdict["kernelLog"] as? String == "covered")
        }
        #expect(kernel["gpu"] as? String == "0000:c5:00.0")
        #expect((abort["verdict"] as? [String: Any])?["knownIssues"] as? [String] == ["ROCm/ROCm#6182"])

        try Self.checkTableAndShow(
            received: received,
            stored: stored,
            kernelNumber: try #require(kernel["id"] as? String)
        )
    }

    /// A forged announcement from a program that is not rocfaultd (python3): never listed.
    static func sendForgedAnnouncement() throws {
        try ProcessRunner.sendToJournal([
            "MESSAGE": "incident 999 final: kernel page-fault", "MESSAGE_ID": "4999ecf90b7b497b95ff884579aa0a08",
            "ROCFAULT_INCIDENT": "999", "ROCFAULT_SIDE": "kernel", "ROCFAULT_CLASS": "page-fault",
            "ROCFAULT_KERNEL_LOG": "covered", "ROCFAULT_SIGNATURE": "forged",
        ])
    }

    /// The table (host first, `--host` filtering) and `show` of the kernel incident.
    static func checkTableAndShow(received: URL, stored: Int, kernelNumber number: String) throws {
        let table = try ProcessRunner.run(
            ProcessRunner.executable("rocfault"),
            ["list", "--journal-directory", received.path, "--host", hostName, "--no-pager"]
        )
        #expect(table.stdout.hasPrefix("HOST"))
        #expect(table.stdout.contains("\(stored) incidents from 1 host listed."))
        #expect(table.stdout.split(separator: "\n").filter { $0.hasPrefix(hostName + " ") }.count == stored)
        let otherHost = try ProcessRunner.run(
            ProcessRunner.executable("rocfault"),
            ["list", "--journal-directory", received.path, "--host", "no-such-host"]
        )
        #expect(otherHost.status == 1)

        let shown = try ProcessRunner.run(
            ProcessRunner.executable("rocfault"),
            ["show", number, "--journal-directory", received.path, "--no-pager"]
        )
        #expect(shown.status == 0)
        #expect(shown.stdout.hasPrefix("Incident \(number) on \(hostName) (final)"))
        #expect(shown.stdout.contains("GPU:           0000:c5:00.0"))
    }

    /// A kernel page fault (kmsg) and a userspace abort (journal), recorded and final, with the daemon
    /// stopped; returns the two pids and how many incidents the daemon stored in all.
    static func recordTwoIncidents(state: URL) async throws -> (Int32, Int32, Int) {
        let daemon = try await DaemonProcess(stateDirectory: state, extra: ["--quiet-period", "2"])
        try await daemon.waitUntilCaughtUp()
        let pids = try DaemonTests.writeFaultAndAbort(journalTag: "rocfault-fleet")
        let found = try await daemon.waitForIncidents(timeout: .seconds(20)) { found in
            found.contains { $0.pid == pids.0 && $0.isFinal } && found.contains { $0.pid == pids.1 && $0.isFinal }
        }
        #expect(found.filter { $0.pid == pids.0 || $0.pid == pids.1 }.count == 2, "\(daemon.log)")
        await daemon.stop()
        return (pids.0, pids.1, try daemon.incidents().count)
    }

    /// Uploads the journal after `cursor` with systemd-journal-upload to a systemd-journal-remote on
    /// 127.0.0.1 that writes into `directory`, then stops the receiver.
    static func upload(after cursor: String, into directory: URL, logs: URL) throws {
        let port = try BackgroundProgram.freePort()
        let receiver = try BackgroundProgram(
            remote,
            ["--listen-http=127.0.0.1:\(port)", "--output=\(directory.path)/"],
            logFile: logs.appendingPathComponent("journal-remote.log")
        )
        defer { receiver.stop() }
        var result = ProcessRunner.Output(status: -1, stdout: "", stderr: "")
        for _ in 0..<40 {
            result = try ProcessRunner.run(
                "/usr/bin/timeout",
                ["30", upload, "--follow=no", "--url=http://127.0.0.1:\(port)", "--after-cursor=\(cursor)"]
            )
            if result.status == 0 { break }
            usleep(250_000)  // the receiver may not listen yet
        }
        #expect(result.status == 0, "upload: \(result.stderr) receiver: \(receiver.log)")
    }
}
