import Foundation
import RocfaultCore
import RocfaultStore
import Testing

/// `rocfault report` for a kernel-side incident: the drm/amd tracker's shape, and a `kernel.log` with
/// the boot's driver lines read from real journal files (built with `systemd-journal-remote`).
@Suite struct ReportDestinationCommandTests {
    let rocfault = ProcessRunner.executable("rocfault")
    static let remote = "/lib/systemd/systemd-journal-remote"
    static let fault = "amdgpu 0000:c3:00.0: amdgpu: [gfxhub] page fault (src_id:0 ring:24 vmid:8 pasid:32770)"
    static let smu = "amdgpu 0000:c3:00.0: amdgpu: SMU is initialized successfully!"
    static let after = "amdgpu 0000:c3:00.0: amdgpu: GPU reset begin! (two minutes after the incident)"

    /// A journal export entry of boot `StoreFixture.bootID` at `seconds` from the fixture's base.
    static func entry(_ message: String, at seconds: Int64, kernel: Bool = true) -> String {
        let time = StoreFixture.time(seconds)
        var text = "__REALTIME_TIMESTAMP=\(time.realtimeMicroseconds!)\n"
        text += "__MONOTONIC_TIMESTAMP=\(time.monotonicMicroseconds!)\n"
        text += "_BOOT_ID=\(StoreFixture.bootID)\n"
        text += kernel ? "_TRANSPORT=kernel\nSYSLOG_FACILITY=0\nSYSLOG_IDENTIFIER=kernel\n" : "_TRANSPORT=stdout\n"
        text += kernel ? "" : "_PID=4242\nSYSLOG_IDENTIFIER=python3\n"
        return text + "MESSAGE=\(message)\n\n"
    }

    /// Writes the entries into `directory/boot.journal`.
    static func writeJournal(_ entries: [String], to directory: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: remote)
        process.arguments = ["--output=\(directory.path)/boot.journal", "--split-mode=none", "-"]
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data(entries.joined().utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    static func kernelIncident() -> IncidentEntry {
        let line = StoreFixture.line(fault, at: 0, origin: .kernel, rule: "amdgpu.page-fault.header")
        let incident = Incident(
            id: "boot-1",
            verdict: Verdict(
                side: .kernel,
                failureClass: .pageFault,
                kernelLog: .covered,
                knownIssues: [],
                summary: "Kernel side: the amdgpu driver reported a GPU VM page fault."
            ),
            evidence: [
                Evidence(
                    ruleID: "amdgpu.page-fault.header",
                    kind: .kernel,
                    failureClass: .pageFault,
                    lines: [line],
                    captures: ["pasid": "32770"]
                )
            ],
            knownIssues: [],
            pid: 4242,
            comm: "python3",
            pasid: 32770,
            firstSeen: StoreFixture.time(0),
            lastSeen: StoreFixture.time(0),
            ruleCounts: ["amdgpu.page-fault.header": 1],
            signature: "rf1-fa17fa17fa17fa17",
            isFinal: true
        )
        return IncidentEntry(incident, bootID: StoreFixture.bootID, processStartTime: 777, context: [:])
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: remote)))
    func kernelSideBundleNamesDrmAMDAndCarriesTheBootsDriverLines() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try fixture.record(StoreBatch(incidents: [Self.kernelIncident()], processes: [StoreFixture.process()]))
        let journal = fixture.directory.appendingPathComponent("journal")
        try FileManager.default.createDirectory(at: journal, withIntermediateDirectories: true)
        try Self.writeJournal(
            [
                Self.entry(Self.smu, at: -4000),
                Self.entry("usb 1-1: new high-speed USB device number 2 using xhci_hcd", at: -3999),
                Self.entry("amdgpu: a line the program printed", at: -10, kernel: false),
                Self.entry(Self.fault, at: 0),
                Self.entry(Self.after, at: 120),
            ],
            to: journal
        )
        let result = try ProcessRunner.run(
            rocfault,
            [
                "report", "--last", "--state-dir", fixture.directory.path, "--journal-directory", journal.path,
                "--preview",
            ],
            environment: ["NO_COLOR": "1"]
        )
        #expect(result.status == 0, "\(result.stderr)")
        let files = Dictionary(
            uniqueKeysWithValues: try ReportCommandTests.parsePreview(result.stdout).map {
                (String($0.name.split(separator: "/").last ?? ""), String(decoding: $0.contents, as: UTF8.self))
            }
        )
        let report = try #require(files["report.md"])
        #expect(report.contains("**Report to:** https://gitlab.freedesktop.org/drm/amd/-/issues"))
        #expect(report.contains("### Hardware description") && report.contains("- Kernel version:"))
        #expect(!report.contains("github.com/ROCm/ROCm/issues"))
        let kernel = try #require(files["kernel.log"])
        #expect(kernel.contains(Self.smu), "the boot's SMU line, never evidence, belongs in kernel.log: \(kernel)")
        #expect(kernel.contains("(from the journal files in \(journal.path))"))
        #expect(kernel.contains("* 2025-10-09T08:53:20.000000Z"))
        for absent in [Self.after, "usb 1-1", "a line the program printed"] {
            #expect(!kernel.contains(absent), "\(absent) must not be in kernel.log")
        }
    }
}
