import Foundation
import RocfaultCore
import RocfaultStore

/// A real incident store in a temporary state directory, filled through `IncidentStore.record`,
/// with identifying strings planted where a bug report must not carry them.
struct StoreFixture {
    static let user = "alice-test"
    static let host = "planted-host-7f3a"
    static let token = "hf_PLANTEDsecret123"
    static let apiKey = "sk-PLANTEDapikey9"
    static let address = "192.168.17.23"
    static let mac = "3c:7c:3f:aa:bb:cc"
    static let bootID = "3f6c2a0e9b5d4c1fa7e8d9c0b1a2f3e4"
    /// 2025-10-09 08:53:20 UTC.
    static let base: Int64 = 1_760_000_000_000_000
    static let memoryInUse =
        "Memory critical error by agent node-0 (Agent handle: 0x55d) on address 0x7f09. Reason: Memory in use."

    let directory: URL
    var databasePath: String { directory.appendingPathComponent("rocfault.sqlite").path }

    init() throws {
        directory = try ProcessRunner.temporaryDirectory()
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    /// Opens the store for writing, records `batch`, closes it.
    func record(_ batch: StoreBatch) throws {
        let store = try IncidentStore.open(at: databasePath, mode: .readWrite)
        try store.record(batch)
        try store.close()
    }

    static func time(_ seconds: Int64) -> EventTime {
        EventTime(
            realtimeMicroseconds: base + seconds * 1_000_000,
            monotonicMicroseconds: UInt64(5_000_000_000 + seconds * 1_000_000)
        )
    }

    static func line(
        _ text: String,
        at seconds: Int64,
        origin: RecordOrigin,
        rule: String,
        pid: Int32? = 4242
    ) -> EvidenceLine {
        let when = time(seconds)
        let record = LogRecord(
            text: text,
            origin: origin,
            format: origin == .kernel ? .kmsg : .journalLive,
            location: SourceLocation(file: origin == .kernel ? "/dev/kmsg" : "journal", line: 0),
            monotonicMicroseconds: when.monotonicMicroseconds,
            realtimeMicroseconds: when.realtimeMicroseconds,
            pid: origin == .kernel ? nil : pid,
            identifier: origin == .kernel ? "kernel" : "python3"
        )
        return EvidenceLine(record: record, ruleID: rule)
    }

    /// The ROCm#6182 userspace incident of a ComfyUI process, with planted names around it.
    static func memoryInUseEntry(id: String, at seconds: Int64, pid: Int32 = 4242) -> IncidentEntry {
        let evidence = Evidence(
            ruleID: "rocr.memory-in-use",
            kind: .userspace,
            failureClass: .memoryInUse,
            lines: [line(memoryInUse, at: seconds, origin: .userspace, rule: "rocr.memory-in-use", pid: pid)],
            captures: ["reason": "Memory in use", "node": "0"]
        )
        let machineID =
            (try? String(contentsOfFile: "/etc/machine-id", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "0123456789abcdef0123456789abcdef"
        let before = [
            line(
                "got prompt from \(address) (\(mac)) on \(host) as \(user) token=\(token) machine \(machineID)",
                at: seconds - 2,
                origin: .userspace,
                rule: "rocr.memory-in-use",
                pid: pid
            ),
            line(
                "loading /home/\(user)/ComfyUI/models/sdxl.safetensors",
                at: seconds - 1,
                origin: .userspace,
                rule: "rocr.memory-in-use",
                pid: pid
            ),
            line(
                "amdgpu 0000:c3:00.0: amdgpu: SMU is resumed successfully!",
                at: seconds - 1,
                origin: .kernel,
                rule: "rocr.memory-in-use"
            ),
        ]
        let incident = Incident(
            id: id,
            verdict: Verdict(
                side: .userspace,
                failureClass: .memoryInUse,
                kernelLog: .covered,
                knownIssues: ["ROCm/ROCm#6182"],
                summary: "Userspace: a 'Memory in use' abort in the HSA runtime in python3 (pid \(pid))."
            ),
            evidence: [evidence],
            knownIssues: [
                KnownIssueMatch(
                    KnownIssue(
                        id: "ROCm/ROCm#6182",
                        url: "https://github.com/ROCm/ROCm/issues/6182",
                        title: "ROCr aborts with Memory in use",
                        advice: "Update ROCm and the kernel.",
                        fingerprints: [],
                        location: SourceLocation(file: "99-known-issues.yaml", line: 9)
                    )
                )
            ],
            pid: pid,
            comm: "python3",
            pasid: nil,
            firstSeen: time(seconds),
            lastSeen: time(seconds),
            ruleCounts: ["rocr.memory-in-use": 1],
            signature: "rf1-00c0ffee00c0ffee",
            isFinal: true
        )
        return IncidentEntry(
            incident,
            bootID: bootID,
            processStartTime: 777,
            context: [0: EvidenceContext(before: before)]
        )
    }

    /// The ComfyUI process, with a secret in its environment and on its command line.
    static func process(pid: Int32 = 4242) -> ProcessRecord {
        ProcessRecord(
            key: ProcessKey(bootID: bootID, pid: pid, startTime: 777),
            comm: "python3",
            exe: "/home/\(user)/venv/bin/python3",
            cmdline: ["python3", "/home/\(user)/ComfyUI/main.py", "--listen", address, "--api-key", apiKey],
            unit: "comfyui.service",
            gpuNodes: ["/dev/kfd", "/dev/dri/renderD128"],
            libraryVersions: ["libhsa-runtime64.so": "1.15.0"],
            environment: ["HF_TOKEN": token, "HSA_OVERRIDE_GFX_VERSION": "11.5.1"],
            firstSeen: time(-60),
            exitTime: time(1),
            exitSignal: 6,
            coredumpStack: "#0 abort (libc.so.6)\n#1 rocr::core::Runtime::VMFaultHandler /home/\(user)/rocm/lib"
        )
    }
}
