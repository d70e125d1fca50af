import Foundation
import Glibc
import RocfaultStore
import RocfaultTestKit
import Testing

/// A damaged store is set aside and replaced by a real daemon; a foreign one is refused untouched;
/// storage and rule errors end both programs with documented exit statuses and the real cause.
@Suite(.journald, .kernelLogExclusive, .serialized)
struct StoreFailureTests {
    let rocfault = ProcessRunner.executable("rocfault")
    let rocfaultd = ProcessRunner.executable("rocfaultd")

    /// Writes garbage over every page after the first of a database file.
    static func damageDataPages(_ path: String) throws {
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seek(toOffset: 4096)
        try handle.write(contentsOf: Data(repeating: 0xA5, count: max(size - 4096, 4096)))
        try handle.close()
    }

    /// Waits for a page fault of `pid` to be recorded as an incident.
    private func recordFault(_ daemon: DaemonProcess, pid: Int32) async throws -> [StoredIncidentSummary] {
        try DaemonTests.writeFaultBlock(pid: pid, comm: "sleep", pasid: DaemonTests.uniquePASID())
        return try await daemon.waitForIncidents(timeout: .seconds(10)) { $0.contains { $0.pid == pid } }
    }

    @Test func aCorruptStoreIsSetAsideAndTheDaemonRecordsInAFreshOne() async throws {
        let state = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        let database = state.appendingPathComponent("rocfault.sqlite").path
        let daemon = try await DaemonProcess(stateDirectory: state)
        let first = try await recordFault(daemon, pid: 4_100_001)
        #expect(first.contains { $0.pid == 4_100_001 }, "\(daemon.log)")
        await daemon.stop()
        try Self.damageDataPages(database)
        let damaged = try Data(contentsOf: URL(fileURLWithPath: database))

        try await daemon.start()
        #expect(daemon.log.contains("was damaged"), "\(daemon.log)")
        let names = try FileManager.default.contentsOfDirectory(atPath: state.path)
        let kept = try #require(
            names.first { $0.hasPrefix("rocfault.sqlite.corrupt-") && !$0.hasSuffix("-wal") && !$0.hasSuffix("-shm") }
        )
        #expect(try Data(contentsOf: state.appendingPathComponent(kept)) == damaged, "kept byte for byte")
        let second = try await recordFault(daemon, pid: 4_100_002)
        #expect(second.contains { $0.pid == 4_100_002 }, "new incidents are recorded: \(daemon.log)")
        // The first fault is found again too: the fresh store has no kmsg position, so the daemon
        // reads the kernel ring buffer, which still holds it, from its start.

        let status = try ProcessRunner.run(
            rocfault,
            ["status", "--state-dir", state.path],
            environment: ["NO_COLOR": "1"]
        )
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains("store: recovered from a corrupt database on"), "\(status.stdout)")
        #expect(status.stdout.contains("the old file is kept at \(state.path)/\(kept)"), "\(status.stdout)")
        await daemon.stop()
        #expect(daemon.process.terminationStatus == 0)
    }

    @Test func matchLimitHitsOfTheDaemonAreLoggedAndShownByStatus() async throws {
        let state = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        let rules = state.appendingPathComponent("rules")
        try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
        try CheckCommandTests.catastrophicRules.write(
            to: rules.appendingPathComponent("10-x.yaml"),
            atomically: true,
            encoding: .utf8
        )
        let daemon = try await DaemonProcess(stateDirectory: state, rulesDirectory: rules.path)
        let line = "boom: " + String(repeating: "a", count: 40) + "!"
        try ProcessRunner.logLineToJournal(tag: "rocfault-e2e-limit", line)
        try ProcessRunner.logLineToJournal(tag: "rocfault-e2e-limit", line)
        try await daemon.waitForLog("rule x.nested: its pattern hit the match limit", timeout: .seconds(10))
        let deadline = ContinuousClock.now + .seconds(10)
        var status = ProcessRunner.Output(status: -1, stdout: "", stderr: "")
        while ContinuousClock.now < deadline {
            status = try ProcessRunner.run(
                rocfault,
                ["status", "--state-dir", state.path, "--rules", rules.path],
                environment: ["NO_COLOR": "1"]
            )
            if status.stdout.contains("x.nested: hit the match limit on 2 lines") { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(status.stdout.contains("x.nested: hit the match limit on 2 lines"), "\(status.stdout)\(daemon.log)")
        #expect(daemon.log.components(separatedBy: "hit the match limit").count == 2, "one line a minute per rule")
        await daemon.stop()
    }

    @Test func anotherProgramsDatabaseIsRefusedWithoutABytechanged() throws {
        let state = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        let database = state.appendingPathComponent("rocfault.sqlite").path
        let create =
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('PRAGMA application_id = 305419896'); "
            + "c.execute('CREATE TABLE notes (body TEXT)'); c.execute(\"INSERT INTO notes VALUES ('mine')\"); "
            + "c.commit(); c.close()"
        #expect(try ProcessRunner.run("/usr/bin/python3", ["-c", create, database]).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: database))

        let daemon = try ProcessRunner.run(
            rocfaultd,
            ["--state-dir", state.path, "--rules", ProcessRunner.rulesDirectory, "--journal-start", "tail"]
        )
        #expect(daemon.status == 65, "\(daemon.stderr)")
        #expect(daemon.stderr.contains("\(database) is not a rocfault database"), "\(daemon.stderr)")
        #expect(!daemon.stderr.contains("Usage"))
        let list = try ProcessRunner.run(rocfault, ["list", "--state-dir", state.path])
        #expect(list.status == 65)
        #expect(list.stderr.contains("is not a rocfault database"), "\(list.stderr)")

        #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == before)
        #expect(!FileManager.default.fileExists(atPath: database + "-wal"))
        let mode = try ProcessRunner.run(
            "/usr/bin/python3",
            [
                "-c",
                "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('PRAGMA journal_mode').fetchone()[0])",
                database,
            ]
        )
        #expect(mode.stdout == "delete\n")
    }

    @Test func permissionDeniedNamesTheCauseWithoutUsage() throws {
        let state = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        try IncidentStore.open(at: state.appendingPathComponent("rocfault.sqlite").path, mode: .readWrite).close()
        chmod(state.path, 0o700)
        let nobody = ["--reuid=65534", "--regid=65534", "--clear-groups", "--"]

        let status = try ProcessRunner.run(
            "/usr/bin/setpriv",
            nobody + [rocfault, "status", "--state-dir", state.path]
        )
        #expect(status.status == 77, "\(status.stderr)")
        #expect(status.stderr.hasPrefix("rocfault: permission denied: \(state.path)"), "\(status.stderr)")
        #expect(status.stderr.contains("run as root or add yourself to group rocfault"))
        #expect(!status.stderr.contains("is rocfaultd running"))

        let daemon = try ProcessRunner.run(
            "/usr/bin/setpriv",
            nobody + [rocfaultd, "--state-dir", state.path, "--rules", ProcessRunner.rulesDirectory]
        )
        #expect(daemon.status == 77, "\(daemon.stderr)")
        #expect(daemon.stderr.contains("permission denied: \(state.path)"), "\(daemon.stderr)")
        #expect(!daemon.stderr.contains("Usage"))
    }

    @Test func badRulesEndTheDaemonWithTheConfigurationStatus() throws {
        let state = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        let rules = state.appendingPathComponent("rules")
        try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
        let text =
            "rules:\n  - id: x.y\n    description: d\n    kind: kernel\n    class: nope\n    literals: [\"abcd\"]\n    pattern: 'abcd'\n"
        try text.write(to: rules.appendingPathComponent("10-x.yaml"), atomically: true, encoding: .utf8)
        let daemon = try ProcessRunner.run(rocfaultd, ["--state-dir", state.path, "--rules", rules.path])
        #expect(daemon.status == 78, "\(daemon.stderr)")
        #expect(daemon.stderr.contains("10-x.yaml:5: error: 'class' is 'nope'"), "\(daemon.stderr)")
        #expect(!daemon.stderr.contains("Usage"))
    }
}
