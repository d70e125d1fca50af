import Foundation
import Testing

/// `rocfault check` and `rocfault rules` as a user runs them: a real process, real files.
@Suite struct CheckCommandTests {
    let rocfault = ProcessRunner.executable("rocfault")
    let rules = ["--rules", ProcessRunner.rulesDirectory]
    let corpus = ProcessRunner.packageRoot.appendingPathComponent("Tests/RocfaultCoreTests/Fixtures/corpus")

    @Test func jsonHasTheFixedFields() throws {
        let file = corpus.appendingPathComponent("ROCm-6182-fedora.log").path
        let output = try ProcessRunner.run(rocfault, ["check", "--json"] + rules + [file])
        #expect(output.status == 0, "\(output.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let verdict = try #require(object["verdict"] as? [String: Any])
        #expect(verdict["side"] as? String == "userspace")
        #expect(verdict["class"] as? String == "memory-in-use")
        #expect(verdict["kernelLog"] as? String == "not-provided")
        #expect((verdict["knownIssues"] as? [String])?.contains("ROCm/ROCm#6182") == true)
        #expect((verdict["summary"] as? String)?.isEmpty == false)
        #expect((object["incidents"] as? [Any])?.count == 1)
    }

    @Test func humanOutputShowsVerdictDecidingLinesAndAdvice() throws {
        let file = corpus.appendingPathComponent("ROCm-5151.log").path
        let output = try ProcessRunner.run(rocfault, ["check"] + rules + [file], environment: ["NO_COLOR": "1"])
        #expect(output.status == 0)
        #expect(output.stdout.hasPrefix("Verdict: KERNEL, page-fault"))
        #expect(output.stdout.contains("[amdgpu.page-fault.header]"))
        #expect(!output.stdout.contains("\u{1B}["))
    }

    /// `--gpu amd` says whose GPU a line that names none is about; without it the same paste is not
    /// shown to be AMD's, and a maker rocfault does not know is refused like any bad option.
    @Test func statedGPUMakerDecidesALineThatNamesNone() throws {
        let line =
            "ERROR model.proj.weight Could not allocate tensor with 52428800 bytes. "
            + "There is not enough GPU video memory available!\n"
        func side(_ extra: [String]) throws -> String? {
            let arguments = ["check", "--json=short"] + rules + extra + ["-"]
            let output = try ProcessRunner.run(rocfault, arguments, stdin: line)
            #expect(output.status == 0, "\(output.stderr)")
            let object = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
            return (object?["verdict"] as? [String: Any])?["side"] as? String
        }
        #expect(try side([]) == "none")
        #expect(try side(["--gpu", "amd"]) == "userspace")
        #expect(try side(["--gpu", "nvidia"]) == "none")
        let refused = try ProcessRunner.run(rocfault, ["check", "--gpu", "matrox"] + rules + ["-"], stdin: line)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("'amd', 'intel' or 'nvidia'"), "\(refused.stderr)")
    }

    @Test func severalFilesAndStandardInputAreMerged() throws {
        let directory = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let dmesg = directory.appendingPathComponent("dmesg.txt")
        try "[ 593.942278] amdgpu 0000:63:00.0: amdgpu: [gfxhub] page fault (src_id:0 ring:153 vmid:8 pasid:32803)\n"
            .write(to: dmesg, atomically: true, encoding: .utf8)
        let stderr =
            "Memory access fault by GPU node-1 (Agent handle: 0x1) on address 0x7f. Reason: Page not present or supervisor privilege.\n"
        let output = try ProcessRunner.run(
            rocfault,
            ["check", "--json=short"] + rules + ["-", dmesg.path],
            stdin: stderr
        )
        #expect(output.status == 0, "\(output.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect((object["verdict"] as? [String: Any])?["side"] as? String == "kernel")
        let inputs = try #require(object["inputs"] as? [[String: Any]])
        #expect(inputs.compactMap { $0["file"] as? String } == ["-", dmesg.path])
        #expect(output.stdout.filter { $0 == "\n" }.count == 1)
    }

    /// `rocfault check <(journalctl -k)`: bash hands over a pipe as `/dev/fd/N`, and all of it is
    /// read. The devcoredump sniff used to read a pipe's first 256 bytes and lose them.
    @Test func aProcessSubstitutionIsReadWhole() throws {
        let line = "kernel: [drm:amdgpu_cs_ioctl [amdgpu]] *ERROR* Not enough memory for command submission!"
        let script = #"exec "$0" check --json=short --rules "$1" <(printf '%s\n' "$2")"#
        let output = try ProcessRunner.run("/bin/bash", ["-c", script, rocfault, ProcessRunner.rulesDirectory, line])
        #expect(output.status == 0, "\(output.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect((object["verdict"] as? [String: Any])?["side"] as? String == "kernel")
        let inputs = try #require(object["inputs"] as? [[String: Any]])
        #expect((inputs.first?["file"] as? String)?.hasPrefix("/dev/fd/") == true, "\(inputs)")
    }

    /// A real fault line with a right-to-left override inside ("Trojan Source"), a zero-width space
    /// and a line separator: `check` and `explain` show each as an escape and never the character
    /// itself; `check --json` keeps the exact value, escaped the JSON way.
    @Test func bidiAndInvisibleCharactersInALogLineArePrintedEscaped() throws {
        let directory = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let line =
            "[ 593.942278] amdgpu 0000:63:00.0: amdgpu: [gfxhub] page fault (src_id:0 ring:153 vmid:8 "
            + "pasid:32803)\u{202E} ,kcab lla\u{200B}\u{2028}"
        let log = directory.appendingPathComponent("dmesg.txt")
        try (line + "\n").write(to: log, atomically: true, encoding: .utf8)
        let hidden: [Unicode.Scalar] = ["\u{202E}", "\u{200B}", "\u{2028}"]
        let environment = ["NO_COLOR": "1"]
        let check = try ProcessRunner.run(
            rocfault,
            ["check", "--explain"] + rules + [log.path],
            environment: environment
        )
        let explain = try ProcessRunner.run(rocfault, ["explain"] + rules + [line], environment: environment)
        for (command, output) in [("check", check), ("explain", explain)] {
            #expect(output.status == 0, "\(command): \(output.stderr)")
            #expect(
                output.stdout.contains("pasid:32803)\\u{202E} ,kcab lla\\u{200B}\\u{2028}"),
                "\(command):\n\(output.stdout)"
            )
            for scalar in hidden { #expect(!output.stdout.unicodeScalars.contains(scalar), "\(command)") }
        }
        #expect(check.stdout.hasPrefix("Verdict: KERNEL, page-fault"), "\(check.stdout)")
        let json = try ProcessRunner.run(rocfault, ["check", "--json"] + rules + [log.path])
        #expect(json.status == 0, "\(json.stderr)")
        for scalar in hidden { #expect(!json.stdout.unicodeScalars.contains(scalar)) }
        #expect(json.stdout.contains(#"\u202e ,kcab lla\u200b\u2028"#), "\(json.stdout)")
    }

    @Test func missingFileExitsTwoNamingIt() throws {
        let output = try ProcessRunner.run(rocfault, ["check"] + rules + ["/nonexistent/app.log"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("/nonexistent/app.log"))
        #expect(output.stderr.contains("No such file"))
        #expect(output.stdout.isEmpty)
    }

    @Test func directoryAndUnknownOptionExitTwo() throws {
        let directory = try ProcessRunner.run(rocfault, ["check"] + rules + ["/tmp"])
        #expect(directory.status == 2)
        #expect(directory.stderr.contains("cannot read /tmp: Is a directory"))
        let option = try ProcessRunner.run(rocfault, ["check", "--bogus"])
        #expect(option.status == 2)
        #expect(option.stderr.contains("--bogus"))
    }

    @Test func emptyFileIsANoneVerdict() throws {
        let directory = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let empty = directory.appendingPathComponent("empty.log")
        _ = FileManager.default.createFile(atPath: empty.path, contents: Data())
        let output = try ProcessRunner.run(rocfault, ["check", "--json"] + rules + [empty.path])
        #expect(output.status == 0)
        #expect(output.stdout.contains("\"side\" : \"none\""))
    }

    @Test func brokenRuleFileGivesFileAndLine() throws {
        let directory = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let text =
            "rules:\n  - id: x.y\n    description: d\n    kind: kernel\n    class: nope\n    literals: [\"abcd\"]\n    pattern: 'abcd'\n"
        try text.write(to: directory.appendingPathComponent("10-x.yaml"), atomically: true, encoding: .utf8)
        let lint = try ProcessRunner.run(rocfault, ["rules", "lint", directory.path])
        #expect(lint.status == 78)
        #expect(lint.stderr.contains("10-x.yaml:5: error: 'class' is 'nope'"))
        let check = try ProcessRunner.run(rocfault, ["check", "--rules", directory.path, "/dev/null"])
        #expect(check.status == 78)
    }

    static let catastrophicRules = """
        rules:
          - id: x.fine
            description: d
            kind: userspace
            class: memory-in-use
            literals: ["fine"]
            pattern: 'fine (?<word>\\w+)'
          - id: x.nested
            description: d
            kind: userspace
            class: memory-in-use
            literals: ["boom"]
            pattern: 'boom: (a+)+$'
        """

    @Test func catastrophicPatternIsLintedWithFileLineAndPattern() throws {
        let directory = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.catastrophicRules.write(
            to: directory.appendingPathComponent("10-x.yaml"),
            atomically: true,
            encoding: .utf8
        )
        let lint = try ProcessRunner.run(rocfault, ["rules", "lint", directory.path])
        #expect(lint.status == 78)
        #expect(
            lint.stderr.contains(
                "10-x.yaml:8: error: rule 'x.nested': pattern can backtrack catastrophically"
            ),
            "\(lint.stderr)"
        )
        #expect(lint.stderr.contains(": boom: (a+)+$\n"))
        #expect(!lint.stderr.contains("x.fine"))
        let shipped = try ProcessRunner.run(rocfault, ["rules", "lint", ProcessRunner.rulesDirectory])
        #expect(shipped.status == 0, "\(shipped.stderr)")
    }

    @Test func matchLimitHitsAreCountedAndShownByExplain() throws {
        let directory = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.catastrophicRules.write(
            to: directory.appendingPathComponent("10-x.yaml"),
            atomically: true,
            encoding: .utf8
        )
        let adversarial = "boom: " + String(repeating: "a", count: 40) + "!"
        let log = directory.appendingPathComponent("app.log")
        try "\(adversarial)\nfine day\n\(adversarial)\n".write(to: log, atomically: true, encoding: .utf8)
        let explained = try ProcessRunner.run(
            rocfault,
            ["check", "--explain", "--rules", directory.path, log.path],
            environment: ["NO_COLOR": "1"]
        )
        #expect(explained.status == 0, "\(explained.stderr)")
        #expect(explained.stdout.contains("Match limit\n  x.nested: gave up on 2 lines\n"), "\(explained.stdout)")
        let json = try ProcessRunner.run(rocfault, ["check", "--json=short", "--rules", directory.path, log.path])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["matchLimitHits"] as? [String: Int] == ["x.nested": 2])
    }

    @Test func rulesTestFailsOnABadExample() throws {
        let directory = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = """
            rules:
              - id: x.reset
                description: d
                kind: kernel
                class: gpu-reset
                literals: ["GPU reset"]
                pattern: 'GPU reset begin!'
                examples:
                  match: ['GPU reset end']
            """
        try text.write(to: directory.appendingPathComponent("10-x.yaml"), atomically: true, encoding: .utf8)
        let output = try ProcessRunner.run(rocfault, ["rules", "test", directory.path])
        #expect(output.status == 1)
        #expect(output.stderr.contains("10-x.yaml:9: error: rule 'x.reset' does not match its example"))
        let shipped = try ProcessRunner.run(rocfault, ["rules", "test", ProcessRunner.rulesDirectory])
        #expect(shipped.status == 0, "\(shipped.stderr)")
    }
}
