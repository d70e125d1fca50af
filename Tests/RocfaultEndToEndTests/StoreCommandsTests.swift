import Foundation
import RocfaultCore
import RocfaultStore
import Testing

/// `rocfault list`, `show`, `status` and `watch` over a real store.
@Suite struct StoreCommandsTests {
    let rocfault = ProcessRunner.executable("rocfault")

    func threeIncidents() throws -> StoreFixture {
        let fixture = try StoreFixture()
        var kernel = StoreFixture.memoryInUseEntry(id: "boot-2", at: 600, pid: 5151)
        kernel.incident.verdict.side = .kernel
        kernel.incident.verdict.failureClass = .pageFault
        kernel.incident.comm = "ollama"
        try fixture.record(
            StoreBatch(
                incidents: [
                    StoreFixture.memoryInUseEntry(id: "boot-1", at: 0), kernel,
                    StoreFixture.memoryInUseEntry(id: "boot-3", at: 1200, pid: 6000),
                ],
                processes: [StoreFixture.process()],
                coverage: [
                    CoverageInterval(
                        source: "kmsg",
                        bootID: StoreFixture.bootID,
                        includesKernelLog: true,
                        from: StoreFixture.time(-100),
                        to: StoreFixture.time(2000),
                        lastSequence: 4711
                    )
                ],
                gaps: [
                    CoverageGap(
                        source: "kmsg",
                        bootID: StoreFixture.bootID,
                        from: StoreFixture.time(700),
                        to: StoreFixture.time(701),
                        reason: "kmsg overrun: 12 records lost"
                    )
                ],
                cursors: ["kmsg": "4711"]
            )
        )
        return fixture
    }

    static func firstWord(_ line: Substring) -> String { String(line.split(separator: " ").first ?? "") }

    /// Keys and numbers crossed, as after two daemon runs or a deleted incident: key "5" is
    /// incident 1 (pid 1111), key "1" is incident 2 (pid 2222).
    func crossedNumbers() throws -> StoreFixture {
        let fixture = try StoreFixture()
        try fixture.record(StoreBatch(incidents: [StoreFixture.memoryInUseEntry(id: "5", at: 0, pid: 1111)]))
        try fixture.record(StoreBatch(incidents: [StoreFixture.memoryInUseEntry(id: "1", at: 600, pid: 2222)]))
        return fixture
    }

    @Test func everySurfacePrintsTheIncidentsOneNumber() throws {
        let fixture = try crossedNumbers()
        defer { fixture.remove() }
        let state = ["--state-dir", fixture.directory.path, "--no-pager"]
        let list = try ProcessRunner.run(rocfault, ["list", "--no-legend"] + state, environment: ["NO_COLOR": "1"])
        let rows = list.stdout.split(separator: "\n")
        #expect(rows.map(Self.firstWord) == ["2", "1"])
        #expect(rows.first?.contains("2222") == true)
        let json = try ProcessRunner.run(rocfault, ["list", "--json=short"] + state)
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(objects.map { $0["id"] as? String } == ["2", "1"])
        #expect(objects.map { $0["pid"] as? Int } == [2222, 1111])
        let shown = try ProcessRunner.run(rocfault, ["show", "1"] + state, environment: ["NO_COLOR": "1"])
        #expect(shown.stdout.hasPrefix("Incident 1 (final)\n"), "\(shown.stdout)")
        #expect(shown.stdout.contains("(pid 1111)"), "`show 1` is incident 1, not the one keyed \"1\"")
        #expect(shown.stdout.contains("Next: rocfault report 1 --state-dir"))
        let shownJSON = try ProcessRunner.run(rocfault, ["show", "2", "--json=short"] + state)
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(shownJSON.stdout.utf8)) as? [String: Any]
        )
        #expect(document["id"] as? Int == 2)
        #expect((document["incident"] as? [String: Any])?["id"] as? String == "2")
        #expect((document["incident"] as? [String: Any])?["pid"] as? Int == 2222)
        let directory = ["--state-dir", fixture.directory.path]
        let report = try ProcessRunner.run(rocfault, ["report", "1", "--preview", "--no-redact"] + directory)
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.contains("rocfault report: incident 1, signature"))
        #expect(report.stdout.contains("1111"))
        #expect(!report.stdout.contains("2222"), "`report 1` opens exactly incident 1")
        let status = try ProcessRunner.run(rocfault, ["status", "--json=short"] + directory)
        let statusObject = try #require(
            try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
        )
        let newest = (statusObject["store"] as? [String: Any])?["newestIncident"] as? String
        #expect(newest?.hasPrefix("2 at ") == true, "\(status.stdout)")
    }

    @Test func listFiltersAndExitsOneWhenNothingMatches() throws {
        let fixture = try threeIncidents()
        defer { fixture.remove() }
        let state = ["--state-dir", fixture.directory.path, "--no-pager"]
        let all = try ProcessRunner.run(rocfault, ["list"] + state, environment: ["NO_COLOR": "1"])
        #expect(all.status == 0, "\(all.stderr)")
        let rows = all.stdout.split(separator: "\n")
        #expect(rows.first?.hasPrefix("ID") == true)
        #expect(rows.dropFirst().prefix(3).map(Self.firstWord) == ["3", "2", "1"], "numbers, not keys")
        #expect(all.stdout.hasSuffix("3 incidents listed.\n"))
        let kernel = try ProcessRunner.run(rocfault, ["list", "--side", "kernel", "--no-legend"] + state)
        #expect(kernel.stdout.split(separator: "\n").map(Self.firstWord) == ["2"])
        let byPID = try ProcessRunner.run(rocfault, ["list", "--pid", "6000", "--no-legend"] + state)
        #expect(byPID.stdout.split(separator: "\n").map(Self.firstWord) == ["3"])
        let newest = try ProcessRunner.run(rocfault, ["list", "-n", "1", "--no-legend"] + state)
        #expect(newest.stdout.split(separator: "\n").count == 1)
        let since = StoreFixture.base / 1_000_000 + 300
        let window = try ProcessRunner.run(
            rocfault,
            ["list", "-S", "@\(since)", "-U", "@\(since + 600)", "--json=short"] + state
        )
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(window.stdout.utf8)) as? [[String: Any]])
        #expect(objects.compactMap { $0["id"] as? String } == ["2"])
        let none = try ProcessRunner.run(rocfault, ["list", "--comm", "nothing-like-this"] + state)
        #expect(none.status == 1)
        #expect(none.stderr == "No incidents found.\n")
        let relative = try ProcessRunner.run(rocfault, ["list", "-S", "-1h"] + state)
        #expect(relative.status == 1, "the fixture's incidents are from 2025")
        let bad = try ProcessRunner.run(rocfault, ["list", "--since", "next tuesday"] + state)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("'next tuesday' is not a time"))
    }

    @Test func showPrintsVerdictLinesContextIssuesProcessAndReportCommand() throws {
        let fixture = try threeIncidents()
        defer { fixture.remove() }
        let state = ["--state-dir", fixture.directory.path, "--no-pager"]
        let shown = try ProcessRunner.run(rocfault, ["show", "1"] + state, environment: ["NO_COLOR": "1"])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.hasPrefix("Incident 1 (final)\n"))
        #expect(!shown.stdout.contains("boot-1"), "the internal key is never shown")
        for expected in [
            "Verdict: USERSPACE, memory-in-use", "[rocr.memory-in-use userspace]", "loading /home/alice-test/ComfyUI",
            "ROCm/ROCm#6182", "Advice: Update ROCm", "Kernel log coverage of that time in the store now: covered",
            "command line  python3 /home/alice-test/ComfyUI/main.py", "Next: rocfault report 1 --state-dir",
        ] {
            #expect(shown.stdout.contains(expected), "missing: \(expected)")
        }
        let last = try ProcessRunner.run(rocfault, ["show", "--last", "--json=short"] + state)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(last.stdout.utf8)) as? [String: Any])
        #expect((object["incident"] as? [String: Any])?["id"] as? String == "3")
        #expect(object["id"] as? Int == 3)
        let byKey = try ProcessRunner.run(rocfault, ["show", "boot-1"] + state)
        #expect(byKey.status == 1)
        #expect(byKey.stderr.hasPrefix("rocfault: 'boot-1' is not an incident number"))
        let missing = try ProcessRunner.run(rocfault, ["show", "77"] + state)
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("rocfault: no incident 77"))
    }

    @Test func statusShowsSourcesRulesAndDatabase() throws {
        let fixture = try threeIncidents()
        defer { fixture.remove() }
        // The ring had dropped lines before the daemon started: no gap in what it read.
        let beforeStart = CoverageGap(
            source: "kmsg",
            bootID: StoreFixture.bootID,
            from: StoreFixture.time(-200),
            to: StoreFixture.time(-100),
            reason: "lost-before-start"
        )
        try fixture.record(StoreBatch(gaps: [beforeStart]))
        let status = try ProcessRunner.run(
            rocfault,
            ["status", "--state-dir", fixture.directory.path, "--rules", ProcessRunner.rulesDirectory, "--json=short"]
        )
        #expect(status.status == 0, "\(status.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        let store = try #require(object["store"] as? [String: Any])
        #expect(store["database"] as? String == fixture.databasePath)
        #expect((store["sizeBytes"] as? Int ?? 0) > 0)
        #expect(store["incidents"] as? Int == 3)
        let sources = try #require(store["sources"] as? [[String: Any]])
        #expect(sources.count == 1)
        #expect(sources.first?["name"] as? String == "kmsg")
        #expect(sources.first?["position"] as? String == "4711")
        #expect(sources.first?["gaps"] as? Int == 1)
        #expect((sources.first?["latestGap"] as? String)?.hasPrefix("kmsg overrun: 12 records lost") == true)
        let rules = try #require(object["rules"] as? [String: Any])
        #expect((rules["rules"] as? Int ?? 0) > 100)
        let human = try ProcessRunner.run(
            rocfault,
            ["status", "--state-dir", fixture.directory.path],
            environment: ["NO_COLOR": "1"]
        )
        #expect(
            human.stdout.hasPrefix(
                "rocfaultd not running with this state directory (no \(fixture.directory.path)/rocfaultd.pid)\n"
            ),
            "\(human.stdout)"
        )
        #expect(
            human.stdout.contains("  kmsg (kernel log)  not being read: rocfaultd is not running; last read at ")
        )
        #expect(!human.stdout.contains("4711"), "cursors only under --verbose")
        #expect(!human.stdout.contains("lost-before-start"))
        #expect(human.stdout.contains("gaps      1 lost while reading, latest: kmsg overrun"))
        let verbose = try ProcessRunner.run(
            rocfault,
            ["status", "--verbose", "--state-dir", fixture.directory.path],
            environment: ["NO_COLOR": "1"]
        )
        #expect(verbose.stdout.contains("position  4711"))
    }

    @Test func statusNamesTheKernelLogReadAndLostInTheNewestBoot() throws {
        let fixture = try threeIncidents()
        defer { fixture.remove() }
        // An earlier boot's stretch, read an hour before: status speaks of the newest boot only.
        let earlier = CoverageInterval(
            source: "journal",
            bootID: "0d0d0d0d0d0d4e4e8f8f0a0a0b0b0c0c",
            includesKernelLog: true,
            from: StoreFixture.time(-4_000),
            to: StoreFixture.time(-3_000)
        )
        try fixture.record(StoreBatch(coverage: [earlier]))
        let human = try ProcessRunner.run(
            rocfault,
            ["status", "--state-dir", fixture.directory.path],
            environment: ["NO_COLOR": "1"]
        )
        #expect(human.status == 0, "\(human.stderr)")
        let line = try #require(
            human.stdout.split(separator: "\n").first { $0.contains("kernel log read in boot") },
            "\(human.stdout)"
        )
        #expect(
            line
                == "  kernel log read in boot 3f6c2a0e9b5d: 2025-10-09 08:51:40 UTC–09:26:40 UTC (kmsg); "
                + "lost: 2025-10-09 09:05:00 UTC–09:05:01 UTC (kmsg: kmsg overrun: 12 records lost)"
        )
        let json = try ProcessRunner.run(rocfault, ["status", "--state-dir", fixture.directory.path, "--json=short"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let kernelLog = try #require((object["store"] as? [String: Any])?["kernelLog"] as? [String: Any])
        #expect(kernelLog["bootID"] as? String == StoreFixture.bootID)
        #expect((kernelLog["read"] as? [String])?.count == 1)
        #expect((kernelLog["lost"] as? [String])?.count == 1)
    }

    @Test func watchPrintsIncidentsAsTheyAreRecordedAndStopsOnSIGTERM() throws {
        let fixture = try threeIncidents()
        defer { fixture.remove() }
        let watch = try LiveProcess(rocfault, ["watch", "--state-dir", fixture.directory.path, "--json=short"])
        #expect(watch.waitFor { _, stderr in stderr.contains("Watching") })
        #expect(watch.stdout.isEmpty, "nothing before a change")
        let store = try IncidentStore.open(at: fixture.databasePath, mode: .readWrite)
        try store.record(StoreBatch(incidents: [StoreFixture.memoryInUseEntry(id: "boot-4", at: 1800, pid: 7000)]))
        #expect(watch.waitFor(timeout: .seconds(5)) { stdout, _ in stdout.contains("\"id\":\"4\"") })
        var updated = StoreFixture.memoryInUseEntry(id: "boot-4", at: 1800, pid: 7000)
        updated.incident.lastSeen = StoreFixture.time(1805)
        try store.record(StoreBatch(incidents: [updated]))
        #expect(watch.waitFor(timeout: .seconds(5)) { stdout, _ in stdout.contains("\"event\":\"updated\"") })
        try store.close()
        watch.signal(SIGTERM)
        #expect(watch.finish() == 0)
        let lines = watch.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.contains("\"event\":\"new\"") == true)
    }
}
