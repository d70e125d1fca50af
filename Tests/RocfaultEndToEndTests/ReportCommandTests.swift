import Foundation
import RocfaultStore
import Testing

/// `rocfault report` against a real store, the archive extracted with the real `tar`.
@Suite struct ReportCommandTests {
    let rocfault = ProcessRunner.executable("rocfault")
    static let files = ["report.md", "incident.json", "kernel.log", "journal.log", "process.txt", "system.txt"]

    /// Runs rocfault with USER planted and, where possible (root with unshare), the planted host name
    /// set in a private UTS namespace.
    func runAsPlantedHost(_ arguments: [String]) throws -> ProcessRunner.Output {
        let environment = ["USER": StoreFixture.user, "NO_COLOR": "1"]
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare") else {
            return try ProcessRunner.run(rocfault, arguments, environment: environment)
        }
        let script = "hostname \(StoreFixture.host) && exec \"$@\""
        return try ProcessRunner.run(
            "/usr/bin/unshare",
            ["--uts", "/bin/sh", "-c", script, "sh", rocfault] + arguments,
            environment: environment
        )
    }

    func filledStore() throws -> StoreFixture {
        let fixture = try StoreFixture()
        try fixture.record(
            StoreBatch(
                incidents: [StoreFixture.memoryInUseEntry(id: "boot-1", at: 0)],
                processes: [StoreFixture.process()]
            )
        )
        return fixture
    }

    func extract(_ archive: String) throws -> (folder: URL, root: URL) {
        let root = try ProcessRunner.temporaryDirectory()
        let tar = try ProcessRunner.run("/usr/bin/tar", ["-xzf", archive, "-C", root.path])
        #expect(tar.status == 0, "\(tar.stderr)")
        let entries = try FileManager.default.contentsOfDirectory(atPath: root.path)
        #expect(entries.count == 1, "one folder: \(entries)")
        return (root.appendingPathComponent(try #require(entries.first)), root)
    }

    @Test func bundleHasEveryFileAndNoPlantedSecret() throws {
        let fixture = try filledStore()
        defer { fixture.remove() }
        let output = fixture.directory.appendingPathComponent("out").path
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        let result = try runAsPlantedHost(["report", "--last", "--state-dir", fixture.directory.path, "-o", output])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Redacted: "), "\(result.stdout)")
        #expect(result.stdout.contains("1 IP address") && result.stdout.contains("1 MAC address"), "\(result.stdout)")
        let archives = try FileManager.default.contentsOfDirectory(atPath: output)
        #expect(archives == ["rocfault-report-1-2025-10-09.tar.gz"])
        let (folder, root) = try extract(output + "/" + archives[0])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(folder.lastPathComponent == "rocfault-report-1-2025-10-09")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == Self.files.sorted())
        var all = ""
        for name in names { all += try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) }
        var planted = [
            StoreFixture.user, StoreFixture.token, StoreFixture.apiKey, StoreFixture.address, StoreFixture.mac,
        ]
        if getuid() == 0 { planted.append(StoreFixture.host) }
        if let machineID = try? String(contentsOfFile: "/etc/machine-id", encoding: .utf8) {
            planted.append(machineID.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        for secret in planted { #expect(!all.contains(secret), "\(secret) leaked into the bundle") }
        let report = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
        for heading in [
            "Problem Description", "Operating System", "CPU", "GPU", "ROCm Version", "ROCm Component",
            "Steps to Reproduce", "rocminfo --support", "Additional Information",
        ] {
            #expect(report.contains("### ") && report.contains(heading), "missing \(heading)")
        }
        #expect(report.contains("rf1-00c0ffee00c0ffee"))
        #expect(report.contains("ROCm/ROCm#6182"))
        #expect(report.contains("[rocr.memory-in-use] Memory critical error"))
        #expect(report.contains("ROCm runtime (ROCR-Runtime)"))
        let process = try String(contentsOf: folder.appendingPathComponent("process.txt"), encoding: .utf8)
        #expect(process.contains("HF_TOKEN=[REDACTED]"))
        #expect(process.contains("HSA_OVERRIDE_GFX_VERSION=11.5.1"))
        #expect(process.contains("/home/USER/ComfyUI/main.py"))
        #expect(process.contains("SIGABRT"))
        let kernel = try String(contentsOf: folder.appendingPathComponent("kernel.log"), encoding: .utf8)
        #expect(kernel.contains("SMU is resumed successfully"))
        let journal = try String(contentsOf: folder.appendingPathComponent("journal.log"), encoding: .utf8)
        #expect(journal.contains("* 2025-10-09T08:53:20.000000Z"))
        let json = try Data(contentsOf: folder.appendingPathComponent("incident.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect(object["signature"] as? String == "rf1-00c0ffee00c0ffee")
    }

    @Test func noRedactKeepsWhatRedactionRemoves() throws {
        let fixture = try filledStore()
        defer { fixture.remove() }
        let result = try runAsPlantedHost([
            "report", "1", "--state-dir", fixture.directory.path, "--preview", "--no-redact",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        for planted in [StoreFixture.user, StoreFixture.token, StoreFixture.apiKey, StoreFixture.address] {
            #expect(result.stdout.contains(planted))
        }
    }

    @Test func previewEqualsTheWrittenFiles() throws {
        let fixture = try filledStore()
        defer { fixture.remove() }
        let archive = fixture.directory.appendingPathComponent("bundle.tar.gz").path
        let written = try runAsPlantedHost(["report", "--last", "--state-dir", fixture.directory.path, "-o", archive])
        #expect(written.status == 0, "\(written.stderr)")
        let preview = try runAsPlantedHost(["report", "--last", "--state-dir", fixture.directory.path, "--preview"])
        #expect(preview.status == 0, "\(preview.stderr)")
        let previewed = try Self.parsePreview(preview.stdout)
        #expect(previewed.map(\.name) == Self.files.map { "rocfault-report-1-2025-10-09/" + $0 })
        let (folder, root) = try extract(archive)
        defer { try? FileManager.default.removeItem(at: root) }
        for file in previewed {
            let onDisk = try Data(contentsOf: folder.deletingLastPathComponent().appendingPathComponent(file.name))
            #expect(onDisk == file.contents, "\(file.name) differs between --preview and the archive")
        }
        #expect(
            !FileManager.default.fileExists(
                atPath: fixture.directory.appendingPathComponent("rocfault-report-1-2025-10-09.tar.gz").path
            )
        )
    }

    /// Splits `==> NAME (N bytes) <==` sections, taking exactly N bytes for each, up to the closing
    /// `redacted: ...` line.
    static func parsePreview(_ text: String) throws -> [(name: String, contents: Data)] {
        var bytes = Array(text.utf8)[...]
        var files: [(String, Data)] = []
        while !bytes.isEmpty, !bytes.starts(with: "redacted: ".utf8), !bytes.starts(with: "not redacted".utf8) {
            let newline = try #require(bytes.firstIndex(of: UInt8(ascii: "\n")))
            let header = String(decoding: bytes[bytes.startIndex..<newline], as: UTF8.self)
            let match = try #require(header.wholeMatch(of: /==> (.+) \((\d+) bytes\) <==/))
            let count = try #require(Int(match.2))
            let start = newline + 1
            files.append((String(match.1), Data(bytes[start..<(start + count)])))
            bytes = bytes[(start + count + 1)...]
        }
        return files
    }

    @Test func missingIncidentUnwritableOutputAndBadStoresFailInOneLine() throws {
        let fixture = try filledStore()
        defer { fixture.remove() }
        let state = ["--state-dir", fixture.directory.path]
        let missing = try ProcessRunner.run(rocfault, ["report", "42"] + state)
        #expect(missing.status == 1)
        #expect(
            missing.stderr
                == "rocfault: no incident 42 in \(fixture.databasePath); `rocfault list` shows the recorded ones\n"
        )
        let unwritable = try ProcessRunner.run(
            rocfault,
            ["report", "--last", "-o", "/nonexistent/dir/r.tar.gz"] + state
        )
        #expect(unwritable.status == 2)
        #expect(
            unwritable.stderr
                == "rocfault: cannot write the report to /nonexistent/dir/r.tar.gz: No such file or directory\n"
        )
        let absent = try ProcessRunner.run(rocfault, ["report", "--last", "--state-dir", "/nonexistent/state"])
        #expect(absent.status == 66)
        #expect(
            absent.stderr.hasPrefix(
                "rocfault: no incident database at /nonexistent/state/rocfault.sqlite: is rocfaultd running"
            )
        )
        #expect(absent.stderr.filter { $0 == "\n" }.count == 1)
        let garbage = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: garbage) }
        try Data("not a database at all, just text".utf8).write(to: garbage.appendingPathComponent("rocfault.sqlite"))
        let corrupt = try ProcessRunner.run(rocfault, ["report", "--last", "--state-dir", garbage.path])
        #expect(corrupt.status == 65)
        #expect(corrupt.stderr.hasPrefix("rocfault: the incident database \(garbage.path)/rocfault.sqlite is damaged"))
        #expect(corrupt.stderr.filter { $0 == "\n" }.count == 1)
        let both = try ProcessRunner.run(rocfault, ["report", "1", "--last"] + state)
        #expect(both.status == 2)
        #expect(both.stderr.contains("give an incident id or --last, not both"))
    }
}
