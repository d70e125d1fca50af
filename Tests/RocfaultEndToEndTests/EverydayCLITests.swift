import Foundation
import RocfaultCore
import RocfaultStore
import Testing

/// The edges a daily user meets first (issue 14): option spellings, defaults, `check`'s inputs,
/// `report`'s destination, `rules lint`'s checks. Real processes, real files, a real store.
@Suite struct EverydayCLITests {
    let rocfault = ProcessRunner.executable("rocfault")
    let rules = ["--rules", ProcessRunner.rulesDirectory]
    let abort =
        "Memory critical error by agent node-0 (Agent handle: 0x1) on address 0x7f. Reason: Memory in use.\n"

    func twoIncidents() throws -> StoreFixture {
        let fixture = try StoreFixture()
        var open = StoreFixture.memoryInUseEntry(id: "boot-2", at: 600, pid: 2222)
        open.incident.isFinal = false
        try fixture.record(
            StoreBatch(incidents: [StoreFixture.memoryInUseEntry(id: "boot-1", at: 0, pid: 1111), open])
        )
        return fixture
    }

    static func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    @Test func jsonTakesItsValueInBothSpellingsAndABareJSONStaysPretty() throws {
        let fixture = try twoIncidents()
        defer { fixture.remove() }
        let state = ["--state-dir", fixture.directory.path]
        for spelling in [["--json", "short"], ["--json=short"]] {
            let list = try ProcessRunner.run(rocfault, ["list"] + spelling + state)
            #expect(list.status == 0, "\(spelling): \(list.stderr)")
            #expect(list.stdout.filter { $0 == "\n" }.count == 1, "short is one line: \(list.stdout)")
            #expect((try Self.json(list.stdout) as? [Any])?.count == 2)
        }
        let pretty = try ProcessRunner.run(rocfault, ["list", "--json", "pretty"] + state)
        #expect(pretty.status == 0, "\(pretty.stderr)")
        #expect(pretty.stdout.filter { $0 == "\n" }.count > 10)
        let bare = try ProcessRunner.run(rocfault, ["list", "--json"] + state)
        #expect(bare.stdout == pretty.stdout)
        let bad = try ProcessRunner.run(rocfault, ["list", "--json=compact"] + state)
        #expect(bad.status == 2)

        let directory = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = directory.appendingPathComponent("app.log")
        try Data(abort.utf8).write(to: log)
        let short = try ProcessRunner.run(rocfault, ["check", "--json", "short"] + rules + [log.path])
        #expect(short.status == 0, "\(short.stderr)")
        #expect(short.stdout.filter { $0 == "\n" }.count == 1)
        let verdict = (try Self.json(short.stdout) as? [String: Any])?["verdict"] as? [String: Any]
        #expect(verdict?["side"] as? String == "userspace")
        // A bare --json before a FILE still reads the FILE.
        let bareCheck = try ProcessRunner.run(rocfault, ["check"] + rules + ["--json", log.path])
        #expect(bareCheck.status == 0, "\(bareCheck.stderr)")
        #expect(bareCheck.stdout.contains("\"side\" : \"userspace\""))
    }

    @Test func attachedCountAndVersionOnBothExecutables() throws {
        let fixture = try twoIncidents()
        defer { fixture.remove() }
        let newest = try ProcessRunner.run(
            rocfault,
            ["list", "-n1", "--no-legend", "--no-pager", "--state-dir", fixture.directory.path]
        )
        #expect(newest.status == 0, "\(newest.stderr)")
        #expect(newest.stdout.split(separator: "\n").map { $0.split(separator: " ").first } == ["2"])
        for executable in ["rocfault", "rocfaultd"] {
            let version = try ProcessRunner.run(ProcessRunner.executable(executable), ["--version"])
            #expect(version.status == 0, "\(executable): \(version.stderr)")
            #expect(version.stdout == RocfaultVersion.current + "\n", "\(executable)")
        }
    }

    @Test func showAndReportWithoutAnIDMeanTheNewest() throws {
        let fixture = try twoIncidents()
        defer { fixture.remove() }
        let state = ["--state-dir", fixture.directory.path]
        let shown = try ProcessRunner.run(rocfault, ["show", "--no-pager"] + state, environment: ["NO_COLOR": "1"])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.hasPrefix("Incident 2 "), "\(shown.stdout)")
        #expect(shown.stdout.contains("(pid 2222)"))
        let report = try ProcessRunner.run(rocfault, ["report", "--preview", "--no-redact"] + state)
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.contains("rocfault report: incident 2, signature"))
        let both = try ProcessRunner.run(rocfault, ["show", "1", "--last"] + state)
        #expect(both.status == 2)
        #expect(both.stderr.contains("not both"))
    }

    @Test func reportKeepsAnExistingFileWithoutForceAndWarnsWhenTheIncidentIsOpen() throws {
        let fixture = try twoIncidents()
        defer { fixture.remove() }
        let directory = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("bug.tar.gz")
        try Data("keep me".utf8).write(to: target)
        let state = ["--state-dir", fixture.directory.path, "--rocminfo-timeout", "1"]
        let refused = try ProcessRunner.run(rocfault, ["report", "1", "-o", target.path] + state)
        #expect(refused.status == 2)
        #expect(refused.stderr == "rocfault: \(target.path) exists; give --force to replace it, or -o another path\n")
        #expect(try String(contentsOf: target, encoding: .utf8) == "keep me")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(leftovers == ["bug.tar.gz"], "no temporary file left behind")
        let forced = try ProcessRunner.run(rocfault, ["report", "1", "--force", "-o", target.path] + state)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try Data(contentsOf: target).prefix(2) == Data([0x1F, 0x8B]), "a gzip archive replaced it")
        #expect(!forced.stderr.contains("still open"), "incident 1 is final")
        let open = try ProcessRunner.run(
            rocfault,
            ["report", "2", "-o", directory.appendingPathComponent("open.tar.gz").path] + state
        )
        #expect(open.status == 0, "\(open.stderr)")
        #expect(open.stderr.hasPrefix("rocfault: warning: incident 2 is still open"), "\(open.stderr)")
    }

    @Test func checkNamesAMissingFileChecksTheOthersAndExitsTwo() throws {
        let directory = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = directory.appendingPathComponent("app.log")
        try Data(abort.utf8).write(to: log)
        let missing = directory.appendingPathComponent("gone.log").path
        let output = try ProcessRunner.run(
            rocfault,
            ["check"] + rules + [missing, log.path],
            environment: ["NO_COLOR": "1"]
        )
        #expect(output.status == 2)
        #expect(output.stderr == "rocfault: cannot read \(missing): No such file or directory\n")
        #expect(output.stdout.hasPrefix("Verdict: USERSPACE, memory-in-use"), "\(output.stdout)")
    }

    @Test func checkSaysWhenAnInputIsEmptyOrNotText() throws {
        let directory = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let empty = directory.appendingPathComponent("empty.log")
        FileManager.default.createFile(atPath: empty.path, contents: Data())
        let binary = directory.appendingPathComponent("system.journal")
        try Data([0x4C, 0x50, 0x4B, 0x53, 0x48, 0x48, 0x52, 0x48, 0, 0, 0, 1, 0, 0x0A]).write(to: binary)
        let output = try ProcessRunner.run(
            rocfault,
            ["check"] + rules + [empty.path, binary.path],
            environment: ["NO_COLOR": "1"]
        )
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("Note: \(empty.path) is empty: there was nothing to check in it."))
        #expect(output.stdout.contains("Note: \(binary.path) is not text (it holds NUL bytes)"))
        let json = try ProcessRunner.run(rocfault, ["check", "--json=short"] + rules + [empty.path, binary.path])
        let inputs = (try Self.json(json.stdout) as? [String: Any])?["inputs"] as? [[String: Any]]
        #expect(inputs?.compactMap { $0["content"] as? String } == ["empty", "binary"])
    }

    @Test func checkKeepsTheNewestIncidentsAndSaysHowManyItDropped() throws {
        let directory = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var text =
            "2025-12-05T13:00:00+00:00 host kernel: amdgpu 0000:63:00.0: amdgpu: [gfxhub] page fault "
            + "(src_id:0 ring:153 vmid:8 pasid:32803)\n"
        let count = LogChecker.incidentLimit + 20
        for index in 0..<count {
            let minute = index * 2
            let time = String(format: "2025-12-05T%02d:%02d:00+00:00", 14 + minute / 60, minute % 60)
            text += "\(time) host python3[\(1000 + index)]: \(abort)"
        }
        let log = directory.appendingPathComponent("many.log")
        try Data(text.utf8).write(to: log)
        let output = try ProcessRunner.run(rocfault, ["check"] + rules + [log.path], environment: ["NO_COLOR": "1"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.hasPrefix("Verdict: USERSPACE"), "the old kernel fault is the one dropped")
        #expect(
            output.stdout.contains(
                "Note: 21 older incidents were left out (1 kernel, 20 userspace); only the newest 200 are kept."
            ),
            "\(output.stdout)"
        )
    }

    @Test func rulesLintCatchesProseCutByACommentAndBadIDs() throws {
        let directory = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = """
            rules:
              - id: my.bad rule
                description: A memory abort
                kind: userspace
                class: memory-in-use
                literals: ["Memory in use"]
                pattern: 'Memory in use'
            known-issues:
              - id: ROCm/ROCm#6118
                title: CPF page fault on queue creation (also ROCm/ROCm#6146, #6186)
                advice: Update the firmware
                when:
                  - any: [my.bad rule]

            """
        try text.write(to: directory.appendingPathComponent("10-x.yaml"), atomically: true, encoding: .utf8)
        let lint = try ProcessRunner.run(rocfault, ["rules", "lint", directory.path])
        #expect(lint.status == 78)
        let file = directory.appendingPathComponent("10-x.yaml").path
        #expect(lint.stderr.contains("\(file):10: error: 'title' is cut at ' #'"), "\(lint.stderr)")
        #expect(lint.stderr.contains("\(file):2: error: rule id 'my.bad rule' is not lower.dotted-words"))
        let shipped = try ProcessRunner.run(rocfault, ["rules", "lint", ProcessRunner.rulesDirectory])
        #expect(shipped.status == 0, "\(shipped.stderr)")
    }
}
