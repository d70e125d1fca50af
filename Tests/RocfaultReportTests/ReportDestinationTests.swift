import Foundation
import RocfaultCore
import RocfaultReport
import RocfaultStore
import Testing

/// Where a bundle sends its incident, in which shape, and what its `kernel.log` holds.
@Suite struct ReportDestinationTests {
    static let boot = "3f6c2a0e9b5d4c1fa7e8d9c0b1a2f3e4"
    /// 2025-10-09 08:53:20 UTC.
    static let base: Int64 = 1_760_000_000_000_000

    static func record(_ text: String, at seconds: Int64, origin: RecordOrigin = .kernel) -> LogRecord {
        LogRecord(
            text: text,
            origin: origin,
            format: origin == .kernel ? .kmsg : .journalLive,
            location: SourceLocation(file: "journal", line: 0),
            monotonicMicroseconds: UInt64(600_000_000 + seconds * 1_000_000),
            realtimeMicroseconds: base + seconds * 1_000_000,
            pid: origin == .kernel ? nil : 4242,
            identifier: origin == .kernel ? "kernel" : "python3"
        )
    }

    static func evidence(_ rule: String, _ kind: EvidenceKind, _ failureClass: FailureClass, _ text: String) -> Evidence
    {
        let origin: RecordOrigin = kind == .kernel ? .kernel : .userspace
        return Evidence(
            ruleID: rule,
            kind: kind,
            failureClass: failureClass,
            lines: [EvidenceLine(record: record(text, at: 0, origin: origin), ruleID: rule)],
            captures: [:]
        )
    }

    static func stored(
        _ side: Side,
        _ failureClass: FailureClass,
        _ evidence: Evidence,
        kernelLog: KernelLogCoverage
    )
        -> StoredIncident
    {
        let time = EventTime(realtimeMicroseconds: base, monotonicMicroseconds: 600_000_000)
        let incident = Incident(
            id: "b-1",
            verdict: Verdict(
                side: side,
                failureClass: failureClass,
                kernelLog: kernelLog,
                knownIssues: [],
                summary: "summary of \(failureClass.rawValue)"
            ),
            evidence: [evidence],
            knownIssues: [],
            pid: 4242,
            comm: "python3",
            pasid: nil,
            firstSeen: time,
            lastSeen: time,
            ruleCounts: [evidence.ruleID: 1],
            signature: "rf1-0123456789abcdef",
            isFinal: true
        )
        let date = Date(timeIntervalSince1970: 1_760_000_000)
        return StoredIncident(
            number: 1,
            incident: incident,
            bootID: boot,
            processStartTime: nil,
            context: [:],
            process: nil,
            createdAt: date,
            updatedAt: date
        )
    }

    static func bundle(_ stored: StoredIncident, boot: BootKernelLog? = nil) throws -> [String: String] {
        let inputs = ReportInputs(
            stored: stored,
            machine: MachineFacts(),
            rocminfo: nil,
            bootKernel: boot,
            rocfaultVersion: "test"
        )
        let bundle = try ReportBuilder(redactor: .disabled).build(inputs)
        return Dictionary(uniqueKeysWithValues: bundle.files.map { ($0.name, $0.contents) })
    }

    static let fault = "amdgpu 0000:c3:00.0: amdgpu: [gfxhub] page fault (src_id:0 ring:24 vmid:8 pasid:32770)"
    static let smu = "amdgpu 0000:c3:00.0: amdgpu: SMU is initialized successfully!"
    static let later = "amdgpu 0000:c3:00.0: amdgpu: [drm] ring gfx_0.0.0 uses VM inv eng 0 on hub 0 (later)"

    @Test func aKernelSideIncidentGoesToDrmAMDWithTheBootsDriverLines() throws {
        let stored = Self.stored(
            .kernel,
            .pageFault,
            Self.evidence("amdgpu.page-fault.header", .kernel, .pageFault, Self.fault),
            kernelLog: .covered
        )
        let records = [
            Self.record("Linux version 7.0.0-14-generic", at: -600),
            Self.record(Self.smu, at: -590),
            Self.record("[drm] Initialized amdgpu 3.64.0 for 0000:c3:00.0 on minor 1", at: -589),
            Self.record("usb 1-1: new high-speed USB device number 2 using xhci_hcd", at: -100),
            Self.record("amdgpu: a line a process wrote", at: -50, origin: .userspace),
            Self.record(Self.fault, at: 0),
            Self.record(Self.later, at: 120),
        ]
        let boot = BootKernelLog.select(records, upTo: stored.incident.lastSeen, source: "the system journal")
        #expect(
            boot.lines.map(\.text) == [
                Self.smu, "[drm] Initialized amdgpu 3.64.0 for 0000:c3:00.0 on minor 1", Self.fault,
            ]
        )
        let files = try Self.bundle(stored, boot: boot)
        let report = try #require(files["report.md"])
        #expect(report.contains("**Report to:** https://gitlab.freedesktop.org/drm/amd/-/issues"))
        for heading in [
            "### Brief summary of the problem", "### Hardware description", "### System information",
            "- Kernel version:", "### How to reproduce the issue", "### Attached files", "amdgpu_firmware_info",
        ] {
            #expect(report.contains(heading), "missing \(heading)")
        }
        #expect(!report.contains("### ROCm Component"))
        #expect(report.contains("the GPU code that touched the address"))
        let kernel = try #require(files["kernel.log"])
        #expect(kernel.contains(Self.smu))
        #expect(kernel.contains("the boot's amdgpu/amdkfd/drm lines up to the incident (from the system journal)"))
        #expect(kernel.contains("* 2025-10-09T08:53:20.000000Z"))
        #expect(kernel.filter { $0 == "\n" }.count == 2 + 3, "two header lines and three driver lines: \(kernel)")
        for absent in [Self.later, "usb 1-1", "a line a process wrote", "Linux version"] {
            #expect(!kernel.contains(absent), "\(absent) must not be in kernel.log")
        }
    }

    /// The box above the issue text claims "not an AMD GPU failure" only for a class that names
    /// what failed instead; a crash record with no GPU line was not shown to be AMD's.
    @Test func theBoxClaimsNotAMDOnlyWhenTheClassSaysWhatFailedInstead() throws {
        let crash = Self.stored(
            .none,
            .crashRecord,
            Self.evidence(
                "coredump.dumped-core",
                .context,
                .crashRecord,
                "Process 797 (swww) of user 1000 dumped core."
            ),
            kernelLog: .covered
        )
        let crashReport = try #require(try Self.bundle(crash)["report.md"])
        #expect(crashReport.contains("**Not shown to be an AMD GPU failure:**"), "\(crashReport)")
        #expect(!crashReport.contains("**Not an AMD GPU failure:**"))
        let nvidia = Self.stored(
            .none,
            .nvidia,
            Self.evidence(
                "nvidia.xid",
                .notAMD,
                .nvidia,
                "NVRM: Xid (PCI:0000:01:00): 79, GPU has fallen off the bus."
            ),
            kernelLog: .covered
        )
        let nvidiaReport = try #require(try Self.bundle(nvidia)["report.md"])
        #expect(nvidiaReport.contains("**Not an AMD GPU failure:**"), "\(nvidiaReport)")
    }

    @Test func aROCrIncidentGoesToTheRockInItsIssueFormsShape() throws {
        let stored = Self.stored(
            .userspace,
            .memoryInUse,
            Self.evidence("rocr.memory-in-use", .userspace, .memoryInUse, "Memory critical error by agent node-0"),
            kernelLog: .covered
        )
        let files = try Self.bundle(stored)
        let report = try #require(files["report.md"])
        #expect(report.contains("**Report to:** https://github.com/ROCm/TheRock/issues (ROCm runtime (ROCR-Runtime))"))
        #expect(report.contains("### ROCm Component\n\nROCR-Runtime"))
        #expect(!report.contains("github.com/ROCm/ROCm/issues"))
        #expect(report.contains("(userspace error, kernel log silent)"))
        let json = try #require(files["incident.json"])
        #expect(json.contains("\"tracker\" : \"https://github.com/ROCm/TheRock/issues\""))
        #expect(json.contains("\"form\" : \"rocm\""))
    }

    @Test func outOfMemorySaysSizesAndLimitsAndNoBugReport() throws {
        let line = "torch.OutOfMemoryError: HIP out of memory. Tried to allocate 20.00 MiB."
        let stored = Self.stored(
            .userspace,
            .outOfMemory,
            Self.evidence("pytorch.hip-out-of-memory", .userspace, .outOfMemory, line),
            kernelLog: .gap
        )
        let report = try #require(try Self.bundle(stored)["report.md"])
        let box = report.components(separatedBy: "\n---\n").first ?? ""
        #expect(box.contains("**Not a bug report yet:**"))
        #expect(box.contains("ttm.pages_limit") && box.contains("batch size") && box.contains("VRAM"))
        #expect(!box.contains("Report to"))
        #expect(report.contains("https://github.com/pytorch/pytorch/issues"))
        #expect(report.contains("### Describe the bug"))
        #expect(report.contains("(userspace error, kernel log not checked)"))
        #expect(!report.contains("kernel log silent"))
    }

    @Test func bootLinesBeyondTheCapKeepTheStartAndTheEnd() {
        let count = BootKernelLog.headLimit + BootKernelLog.tailLimit + 250
        let records = (0..<count).map { Self.record("amdgpu: line \($0)", at: -500) }
        let boot = BootKernelLog.select(records, upTo: EventTime(monotonicMicroseconds: 600_000_000), source: "x")
        #expect(boot.omitted == 250)
        #expect(boot.lines.count == BootKernelLog.headLimit + BootKernelLog.tailLimit)
        #expect(boot.lines.first?.text == "amdgpu: line 0")
        #expect(boot.lines.last?.text == "amdgpu: line \(count - 1)")
        #expect(!boot.lines.contains { $0.text == "amdgpu: line \(BootKernelLog.headLimit)" })
    }

    @Test(arguments: [
        ("amdgpu 0000:c3:00.0: amdgpu: SMU is initialized successfully!", true),
        ("[drm] Initialized amdgpu 3.64.0 for 0000:c3:00.0 on minor 1", true),
        ("[drm:amdgpu_job_timedout [amdgpu]] *ERROR* ring sdma0 timeout, signaled seq=1, emitted seq=2", true),
        ("kfd kfd: amdgpu: added device 1002:1586", true),
        ("gmc_v11_0_process_interrupt: 632 callbacks suppressed", true),
        ("workqueue: svm_range_restore_work [amdgpu] hogged CPU for >10000us 4 times", true),
        ("usb 1-1: new high-speed USB device number 2 using xhci_hcd", false),
        ("audit: type=1701 audit(1700000000.123:456): pid=4245 comm=\"python3\" sig=6 res=1", false),
    ])
    func driverLinesAreRecognised(_ text: String, _ expected: Bool) {
        #expect(BootKernelLog.isDriverLine(text) == expected)
    }
}
