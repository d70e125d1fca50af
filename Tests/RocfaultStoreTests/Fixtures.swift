import Foundation
import RocfaultCore
import RocfaultStore

/// Builders for realistic values; every field that the store keeps is set to something non-default.
enum Fixtures {
    /// 2025-10-09 08:53:20 UTC, in µs.
    static let baseRealtime: Int64 = 1_760_000_000_000_000
    static let bootID = "3f6c2a0e9b5d4c1fa7e8d9c0b1a2f3e4"

    /// A time `seconds` after the base, on both clocks (monotonic base: 1000 s after boot).
    static func time(_ seconds: Int64) -> EventTime {
        EventTime(
            realtimeMicroseconds: baseRealtime + seconds * 1_000_000,
            monotonicMicroseconds: UInt64(1_000_000_000 + seconds * 1_000_000)
        )
    }

    static func date(_ seconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(baseRealtime + seconds * 1_000_000) / 1_000_000)
    }

    static func line(
        _ text: String,
        at seconds: Int64,
        origin: RecordOrigin = .kernel,
        ruleID: String = "amdgpu.page-fault.header",
        lineNumber: Int = 0
    ) -> EvidenceLine {
        let when = time(seconds)
        let record = LogRecord(
            text: text,
            origin: origin,
            format: .kmsg,
            location: SourceLocation(file: "/dev/kmsg", line: lineNumber),
            monotonicMicroseconds: when.monotonicMicroseconds,
            realtimeMicroseconds: when.realtimeMicroseconds,
            pid: origin == .kernel ? nil : 4242,
            identifier: origin == .kernel ? "kernel" : "python3"
        )
        return EvidenceLine(record: record, ruleID: ruleID)
    }

    static func knownIssue() -> KnownIssueMatch {
        KnownIssueMatch(
            KnownIssue(
                id: "ROCm/ROCm#6182",
                url: "https://github.com/ROCm/ROCm/issues/6182",
                title: "Page fault on gfx1151 with large mmap",
                advice: "Update to ROCm 7.1 or set HSA_XNACK=0.",
                fingerprints: [],
                location: SourceLocation(file: "known-issues.yaml", line: 12)
            )
        )
    }

    /// A kernel page-fault incident with two pieces of evidence, first seen `seconds` after the base.
    static func incident(
        id: String,
        at seconds: Int64 = 0,
        side: Side = .kernel,
        pid: Int32? = 4242,
        comm: String? = "python3",
        isFinal: Bool = true,
        summary: String = "amdgpu reported a GPU page fault for python3."
    ) -> Incident {
        let fault = Evidence(
            ruleID: "amdgpu.page-fault.header",
            kind: .kernel,
            failureClass: .pageFault,
            lines: [
                line(
                    "amdgpu 0000:c3:00.0: amdgpu: [gfxhub] page fault (src_id:0 ring:24 vmid:8 pasid:32770)",
                    at: seconds
                ),
                line("amdgpu 0000:c3:00.0: amdgpu:  in process python3 pid 4242 thread python3 pid 4242", at: seconds),
                line("amdgpu 0000:c3:00.0: amdgpu:   in page starting at address 0x00007f1c2a400000", at: seconds),
            ],
            captures: ["pasid": "32770", "address": "0x00007f1c2a400000", "comm": "python3"],
            count: 3,
            note: nil
        )
        let hip = Evidence(
            ruleID: "hip.error.illegal-address",
            kind: .context,
            failureClass: .hipError,
            lines: [
                line(
                    "HIP error: an illegal memory access was encountered",
                    at: seconds + 1,
                    origin: .userspace,
                    ruleID: "hip.error.illegal-address",
                    lineNumber: 17
                )
            ],
            captures: ["error": "hipErrorIllegalAddress"],
            count: 1,
            note: "demoted by amdgpu.page-fault.header"
        )
        return Incident(
            id: id,
            verdict: Verdict(
                side: side,
                failureClass: side == .kernel ? .pageFault : .hipError,
                kernelLog: .covered,
                knownIssues: ["ROCm/ROCm#6182"],
                summary: summary
            ),
            evidence: [fault, hip],
            knownIssues: [knownIssue()],
            pid: pid,
            comm: comm,
            pasid: 32770,
            firstSeen: time(seconds),
            lastSeen: time(seconds + 1),
            ruleCounts: ["amdgpu.page-fault.header": 3, "hip.error.illegal-address": 1],
            signature: "kernel/page-fault/amdgpu.page-fault.header",
            isFinal: isFinal
        )
    }

    static func context(at seconds: Int64) -> EvidenceContext {
        EvidenceContext(
            before: [
                line("amdgpu: ring gfx_0.0.0 timeout", at: seconds - 2, ruleID: "amdgpu.page-fault.header"),
                line("[drm] PCIE GART of 512M enabled", at: seconds - 1, ruleID: "amdgpu.page-fault.header"),
            ],
            after: [line("amdgpu: GPU reset begin!", at: seconds + 2, ruleID: "amdgpu.page-fault.header")]
        )
    }

    static func process(pid: Int32 = 4242, startTime: UInt64 = 987_654, at seconds: Int64 = -60) -> ProcessRecord {
        ProcessRecord(
            key: ProcessKey(bootID: bootID, pid: pid, startTime: startTime),
            comm: "python3",
            exe: "/usr/bin/python3.12",
            cmdline: ["python3", "train.py", "--device", "cuda:0"],
            unit: "user@1000.service",
            cgroup: "/user.slice/user-1000.slice/session-2.scope",
            gpuNodes: ["/dev/kfd", "/dev/dri/renderD128"],
            libraryVersions: ["libamdhip64.so": "6.4.43482", "libhsa-runtime64.so": "1.15.0"],
            environment: ["HSA_OVERRIDE_GFX_VERSION": "11.0.0", "HIP_VISIBLE_DEVICES": "0"],
            firstSeen: time(seconds),
            exitTime: time(2),
            exitSignal: 6,
            coredumpStack: "#0 0x00007f1c abort (libc.so.6)\n#1 0x00007f1d hip::abort (libamdhip64.so)"
        )
    }

    static func kmsgCoverage(from: Int64, to: Int64, boot: String = bootID) -> CoverageInterval {
        CoverageInterval(
            source: "kmsg",
            bootID: boot,
            includesKernelLog: true,
            from: time(from),
            to: time(to),
            lastSequence: UInt64(1000 + to)
        )
    }
}
