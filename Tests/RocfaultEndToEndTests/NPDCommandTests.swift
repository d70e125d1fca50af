import Foundation
import RocfaultCore
import RocfaultStore
import Testing

/// `rocfault npd` as node-problem-detector runs it: the real command over a real store, with a
/// proc tree laid out like /proc that does or does not hold a `rocfaultd`.
@Suite struct NPDCommandTests {
    let rocfault = ProcessRunner.executable("rocfault")

    /// A proc root whose one process is called `comm`.
    static func procRoot(in directory: URL, comm: String?) throws -> String {
        let root = directory.appendingPathComponent("proc")
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("self"),
            withIntermediateDirectories: true
        )
        if let comm {
            let process = root.appendingPathComponent("4711")
            try FileManager.default.createDirectory(at: process, withIntermediateDirectories: true)
            try Data((comm + "\n").utf8).write(to: process.appendingPathComponent("comm"))
        }
        return root.path
    }

    /// A store with a userspace failure first seen `secondsAgo` and, when `stalled`, an open hang.
    static func store(secondsAgo: Int64, stalled: Bool) throws -> StoreFixture {
        let fixture = try StoreFixture()
        let now = Int64(Date().timeIntervalSince1970 * 1_000_000)
        var failure = StoreFixture.memoryInUseEntry(id: "failure", at: 0)
        failure.incident.firstSeen = EventTime(realtimeMicroseconds: now - secondsAgo * 1_000_000)
        failure.incident.lastSeen = failure.incident.firstSeen
        var entries = [failure]
        if stalled {
            var hang = StoreFixture.memoryInUseEntry(id: "hang", at: 0, pid: 5151)
            hang.incident.verdict.side = .hang
            hang.incident.verdict.failureClass = .stall
            hang.incident.comm = "llama-server"
            hang.incident.isFinal = false
            hang.incident.firstSeen = EventTime(realtimeMicroseconds: now - 3_600_000_000)
            entries.append(hang)
        }
        try fixture.record(StoreBatch(incidents: entries))
        return fixture
    }

    func npd(_ fixture: StoreFixture, proc: String, _ extra: [String]) throws -> ProcessRunner.Output {
        try ProcessRunner.run(rocfault, ["npd", "--state-dir", fixture.directory.path, "--proc-root", proc] + extra)
    }

    @Test func aRecentFailureIsAProblemAndAnOldOneIsNot() throws {
        let fixture = try Self.store(secondsAgo: 120, stalled: false)
        defer { fixture.remove() }
        let proc = try Self.procRoot(in: fixture.directory, comm: "rocfaultd")
        let recent = try npd(fixture, proc: proc, [])
        #expect(recent.status == 1)
        #expect(recent.stdout == "GPU failure in 15m: #1 userspace memory-in-use in python3 (pid 4242)\n")
        let narrow = try npd(fixture, proc: proc, ["--condition", "failed", "--window", "1m"])
        #expect(narrow.status == 0)
        #expect(narrow.stdout == "no GPU failure in the last 1m\n")
    }

    @Test func anOpenHangIsAStall() throws {
        let stalled = try Self.store(secondsAgo: 7_200, stalled: true)
        defer { stalled.remove() }
        let proc = try Self.procRoot(in: stalled.directory, comm: "rocfaultd")
        let result = try npd(stalled, proc: proc, ["--condition", "stalled"])
        #expect(result.status == 1)
        #expect(result.stdout == "GPU process stalled: #2 in llama-server (pid 5151)\n")
        let calm = try Self.store(secondsAgo: 7_200, stalled: false)
        defer { calm.remove() }
        let fine = try npd(calm, proc: proc, ["--condition", "stalled"])
        #expect(fine.status == 0)
        #expect(fine.stdout == "no GPU process stalled\n")
    }

    @Test func noDaemonOrNoStoreIsUnknown() throws {
        let fixture = try Self.store(secondsAgo: 120, stalled: false)
        defer { fixture.remove() }
        let nobody = try Self.procRoot(in: fixture.directory, comm: "rocfaultd-not")
        let notRunning = try npd(fixture, proc: nobody, [])
        #expect(notRunning.status == 3)
        #expect(notRunning.stdout == "rocfaultd is not running\n")

        let empty = try StoreFixture()
        defer { empty.remove() }
        let proc = try Self.procRoot(in: empty.directory, comm: "rocfaultd")
        let missing = try npd(empty, proc: proc, [])
        #expect(missing.status == 3)
        #expect(missing.stdout == "cannot read the incident database: not-found\n")
    }

    @Test func aBadWindowIsAUsageError() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let result = try ProcessRunner.run(rocfault, ["npd", "--window", "ten minutes"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--window 'ten minutes' is not a duration"))
    }

    /// The sample plugin monitor: NPD's own checks (every permanent rule's condition has a default;
    /// 80-byte output) and each rule's arguments run as a plugin answer.
    @Test func theSamplePluginConfigurationRunsAndNamesItsConditions() throws {
        let path = ProcessRunner.packageRoot.appendingPathComponent("docs/npd/rocfault-plugin-monitor.json")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: path)) as? [String: Any] ?? [:]
        #expect(object["plugin"] as? String == "custom")
        #expect((object["pluginConfig"] as? [String: Any])?["max_output_length"] as? Int == 80)
        let conditions = Set((object["conditions"] as? [[String: Any]] ?? []).compactMap { $0["type"] as? String })
        let rules = object["rules"] as? [[String: Any]] ?? []
        #expect(rules.count == 2)
        let fixture = try Self.store(secondsAgo: 60, stalled: true)
        defer { fixture.remove() }
        let proc = try Self.procRoot(in: fixture.directory, comm: "rocfaultd")
        for rule in rules {
            #expect(conditions.contains(rule["condition"] as? String ?? "-"))
            let arguments = rule["args"] as? [String] ?? []
            let result = try npd(fixture, proc: proc, Array(arguments.dropFirst()))
            #expect(arguments.first == "npd")
            #expect(result.status == 1, "\(arguments): \(result.stdout) \(result.stderr)")
        }
    }
}
