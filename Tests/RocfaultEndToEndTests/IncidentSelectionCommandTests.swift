import Foundation
import Glibc
import RocfaultCore
import RocfaultStore
import Testing

/// journalctl-style selection over a real store: `-b/--boot`, `-g/--grep`, `list --follow`.
@Suite struct IncidentSelectionCommandTests {
    let rocfault = ProcessRunner.executable("rocfault")

    /// This boot, as `_BOOT_ID` spells it.
    static let currentBoot =
        ((try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8)) ?? "")
        .trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "-", with: "")
    /// Two earlier boots, the newest non-current boots any journal of this machine can know: their
    /// first records are minutes old, after the current boot began.
    static let olderBoot = "aaaaaaaa00000000aaaaaaaa00000001"
    static let previousBoot = "bbbbbbbb00000000bbbbbbbb00000002"

    /// Seconds from the fixture's base time to `minutesAgo` minutes before now.
    static func offset(minutesAgo: Int64) -> Int64 {
        Int64(Date().timeIntervalSince1970) - StoreFixture.base / 1_000_000 - minutesAgo * 60
    }

    static func entry(_ key: String, boot: String, minutesAgo: Int64, pid: Int32, kernel: Bool = false) -> IncidentEntry
    {
        var entry = StoreFixture.memoryInUseEntry(id: key, at: offset(minutesAgo: minutesAgo), pid: pid)
        entry.bootID = boot
        if kernel {
            entry.incident.verdict.summary = "Kernel-side: a GPU page fault."
            entry.incident.evidence[0].lines[0].text =
                "amdgpu 0000:c5:00.0: amdgpu: [gfxhub] page fault (src_id:0 ring:24 vmid:9 pasid:32770)"
        }
        return entry
    }

    static func coverage(_ boot: String, minutesAgo: Int64) -> CoverageInterval {
        CoverageInterval(
            source: "kmsg",
            bootID: boot,
            includesKernelLog: true,
            from: StoreFixture.time(offset(minutesAgo: minutesAgo)),
            to: StoreFixture.time(offset(minutesAgo: minutesAgo - 1)),
            lastSequence: 10
        )
    }

    /// Incidents in three boots: older (pid 1001), previous (1002), current (1003 memory, 1004 kernel).
    func threeBoots() throws -> StoreFixture {
        let fixture = try StoreFixture()
        try fixture.record(
            StoreBatch(
                incidents: [
                    Self.entry("k1", boot: Self.olderBoot, minutesAgo: 20, pid: 1001),
                    Self.entry("k2", boot: Self.previousBoot, minutesAgo: 10, pid: 1002),
                    Self.entry("k3", boot: Self.currentBoot, minutesAgo: 3, pid: 1003),
                    Self.entry("k4", boot: Self.currentBoot, minutesAgo: 2, pid: 1004, kernel: true),
                ],
                coverage: [
                    Self.coverage(Self.olderBoot, minutesAgo: 21), Self.coverage(Self.previousBoot, minutesAgo: 11),
                ]
            )
        )
        return fixture
    }

    /// The pids of the incidents a JSON list printed, in its order.
    static func pids(_ output: String) throws -> [Int] {
        let lines = output.split(separator: "\n").filter { !$0.isEmpty }
        if lines.count == 1, lines[0].hasPrefix("[") {
            let array = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [[String: Any]] ?? []
            return array.compactMap { $0["pid"] as? Int }
        }
        return try lines.compactMap { line in
            (try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["pid"] as? Int
        }
    }

    func list(_ fixture: StoreFixture, _ arguments: [String]) throws -> ProcessRunner.Output {
        try ProcessRunner.run(rocfault, ["list", "--json=short", "--state-dir", fixture.directory.path] + arguments)
    }

    @Test func bootSelectsTheCurrentPreviousOrANamedBootAsJournalctlCountsThem() throws {
        try #require(Self.currentBoot.count == 32)
        let fixture = try threeBoots()
        defer { fixture.remove() }
        #expect(try Self.pids(list(fixture, []).stdout) == [1004, 1003, 1002, 1001])
        #expect(try Self.pids(list(fixture, ["-b"]).stdout) == [1004, 1003])
        #expect(try Self.pids(list(fixture, ["-b", "-n", "1"]).stdout) == [1004], "a bare -b before another option")
        #expect(try Self.pids(list(fixture, ["-b", "0"]).stdout) == [1004, 1003])
        #expect(try Self.pids(list(fixture, ["-b", "-1"]).stdout) == [1002])
        #expect(try Self.pids(list(fixture, ["--boot=-2"]).stdout) == [1001])
        let dashed = "aaaaaaaa-0000-0000-aaaa-aaaa00000001"
        #expect(try Self.pids(list(fixture, ["--boot", dashed]).stdout) == [1001])
        let missing = try list(fixture, ["-b", "-999"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no boot -999"))
        let shown = try ProcessRunner.run(
            rocfault,
            ["show", "--last", "-b", "-1", "--json=short", "--state-dir", fixture.directory.path]
        )
        #expect(shown.status == 0, "\(shown.stderr)")
        let document = try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any]
        #expect(document?["bootID"] as? String == Self.previousBoot)
    }

    @Test func grepMatchesSummaryAndEvidenceCaseInsensitiveOnlyWhenAllLowercase() throws {
        let fixture = try threeBoots()
        defer { fixture.remove() }
        #expect(try Self.pids(list(fixture, ["-g", "page fault"]).stdout) == [1004])
        #expect(try Self.pids(list(fixture, ["-g", "memory in use"]).stdout) == [1003, 1002, 1001])
        #expect(try Self.pids(list(fixture, ["--grep", "Memory in use", "-n", "1"]).stdout) == [1003])
        let upper = try list(fixture, ["-g", "MEMORY IN USE"])
        #expect(upper.status == 1, "an uppercase letter makes the match case-sensitive")
        #expect(try Self.pids(list(fixture, ["-b", "-g", "memory"]).stdout) == [1003])
        let bad = try list(fixture, ["-g", "(unclosed"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("bad --grep pattern"))
        let shown = try ProcessRunner.run(
            rocfault,
            ["show", "--last", "-g", "page fault", "--json=short", "--state-dir", fixture.directory.path]
        )
        let document = try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any]
        #expect((document?["incident"] as? [String: Any])?["pid"] as? Int == 1004)
    }

    @Test func listFollowPrintsNewMatchingIncidentsUntilSIGTERM() throws {
        let fixture = try threeBoots()
        defer { fixture.remove() }
        let follow = try LiveProcess(
            rocfault,
            ["list", "-f", "-b", "--json=short", "--state-dir", fixture.directory.path]
        )
        #expect(follow.waitFor { stdout, _ in stdout.split(separator: "\n").count == 2 })
        let store = try IncidentStore.open(at: fixture.databasePath, mode: .readWrite)
        try store.record(StoreBatch(incidents: [Self.entry("k5", boot: Self.olderBoot, minutesAgo: 1, pid: 1005)]))
        try store.record(StoreBatch(incidents: [Self.entry("k6", boot: Self.currentBoot, minutesAgo: 1, pid: 1006)]))
        #expect(follow.waitFor(timeout: .seconds(5)) { stdout, _ in stdout.contains("\"pid\":1006") })
        try store.close()
        follow.signal(SIGTERM)
        #expect(follow.finish() == 0)
        #expect(try Self.pids(follow.stdout) == [1003, 1004, 1006], "oldest first, another boot's left out")
    }

    @Test func watchShowsOnlyMatchingIncidents() throws {
        let fixture = try threeBoots()
        defer { fixture.remove() }
        let watch = try LiveProcess(
            rocfault,
            ["watch", "-b", "-g", "page fault", "--json=short", "--state-dir", fixture.directory.path]
        )
        #expect(watch.waitFor { _, stderr in stderr.contains("Watching") })
        let store = try IncidentStore.open(at: fixture.databasePath, mode: .readWrite)
        try store.record(StoreBatch(incidents: [Self.entry("k7", boot: Self.currentBoot, minutesAgo: 1, pid: 1007)]))
        try store.record(
            StoreBatch(incidents: [Self.entry("k8", boot: Self.previousBoot, minutesAgo: 1, pid: 1008, kernel: true)])
        )
        try store.record(
            StoreBatch(incidents: [Self.entry("k9", boot: Self.currentBoot, minutesAgo: 1, pid: 1009, kernel: true)])
        )
        #expect(watch.waitFor(timeout: .seconds(5)) { stdout, _ in stdout.contains("\"pid\":1009") })
        try store.close()
        watch.signal(SIGTERM)
        #expect(watch.finish() == 0)
        let pids = watch.stdout.split(separator: "\n").compactMap { line in
            ((try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any])
                .flatMap { $0["incident"] as? [String: Any] }?["pid"] as? Int
        }
        #expect(pids == [1009], "another boot's page fault and this boot's memory abort are left out")
    }
}
