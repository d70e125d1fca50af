import Testing

@testable import RocfaultCore

/// The journal announcements rocfaultd writes and `rocfault list --journal-directory` reads back.
@Suite struct IncidentAnnouncementTests {
    static func kernelIncident(final: Bool) -> Incident {
        let line = EvidenceLine(
            record: LogRecord(
                text: "amdgpu 0000:c5:00.0: amdgpu: [gfxhub] page fault (src_id:0 ring:24 vmid:9 pasid:32770)",
                origin: .kernel,
                format: .kmsg,
                location: SourceLocation(file: "/dev/kmsg", line: 0)
            ),
            ruleID: "amdgpu.page-fault"
        )
        return Incident(
            id: "internal-key",
            verdict: Verdict(
                side: .kernel,
                failureClass: .pageFault,
                kernelLog: .covered,
                knownIssues: ["ROCm/ROCm#5590", "ROCm/ROCm#6182"],
                summary: "The GPU faulted.",
                firstStep: "Read the fault's address."
            ),
            evidence: [
                Evidence(
                    ruleID: "amdgpu.page-fault",
                    kind: .kernel,
                    failureClass: .pageFault,
                    lines: [line],
                    captures: [:]
                )
            ],
            knownIssues: [],
            pid: 4242,
            comm: "python3",
            pasid: 32770,
            firstSeen: EventTime(realtimeMicroseconds: 1_760_000_000_000_000),
            lastSeen: EventTime(realtimeMicroseconds: 1_760_000_002_000_000),
            ruleCounts: ["amdgpu.page-fault": 1],
            signature: "kernel/page-fault/abc",
            isFinal: final
        )
    }

    /// The fields as journald stores them: the announcement's, plus the trusted ones it adds.
    static func journalFields(_ announcement: IncidentAnnouncement, comm: String = "rocfaultd") -> [String: String] {
        var fields = Dictionary(announcement.fields.map { ($0.name, $0.value) }) { $1 }
        fields["_COMM"] = comm
        fields["_UID"] = "0"
        fields["_PID"] = "77"
        fields["_HOSTNAME"] = "gpu-node-7"
        fields["__REALTIME_TIMESTAMP"] = "1760000003000000"
        return fields
    }

    @Test func everyFieldOfAFinalAnnouncementReadsBack() throws {
        let written = IncidentAnnouncement(
            incident: Self.kernelIncident(final: true),
            number: 12,
            gpu: Self.kernelIncident(final: true).gpuPCIAddress,
            gfxTarget: "gfx942",
            bootID: "3f6c2a0e9b5d4c1fa7e8d9c0b1a2f3e4",
            host: nil
        )
        let fields = Self.journalFields(written)
        #expect(fields["MESSAGE_ID"] == IncidentAnnouncement.finalMessageID)
        #expect(fields["ROCFAULT_STATE"] == "final")
        #expect(fields["ROCFAULT_GPU"] == "0000:c5:00.0")
        #expect(written.message == "incident 12 final: kernel page-fault in python3 (pid 4242), kernel log covered")
        let read = try IncidentAnnouncement(journalFields: fields)
        #expect(read.host == "gpu-node-7")
        #expect(read.number == 12)
        #expect(read.isFinal)
        #expect(read.gpu == "0000:c5:00.0")
        #expect(read.gfxTarget == "gfx942")
        #expect(read.bootID == "3f6c2a0e9b5d4c1fa7e8d9c0b1a2f3e4")
        #expect(read.incident.id == "12")
        #expect(read.incident.verdict == written.incident.verdict)
        #expect(fields["ROCFAULT_FIRST_STEP"] == "Read the fault's address.")
        #expect(read.incident.pid == 4242)
        #expect(read.incident.comm == "python3")
        #expect(read.incident.pasid == 32770)
        #expect(read.incident.signature == "kernel/page-fault/abc")
        #expect(read.incident.firstSeen == written.incident.firstSeen)
        #expect(read.incident.lastSeen == written.incident.lastSeen)
    }

    @Test func anEntryNotSentByRocfaultdIsRefusedWhateverItsFieldsSay() throws {
        let written = IncidentAnnouncement(
            incident: Self.kernelIncident(final: false),
            number: 1,
            gpu: nil,
            gfxTarget: nil,
            bootID: nil,
            host: nil
        )
        #expect(throws: AnnouncementReadError(.untrustedSender, "sent by python3")) {
            try IncidentAnnouncement(journalFields: Self.journalFields(written, comm: "python3"))
        }
        var noTrustedFields = Self.journalFields(written)
        noTrustedFields["_UID"] = nil
        #expect(throws: AnnouncementReadError.self) { try IncidentAnnouncement(journalFields: noTrustedFields) }
    }

    @Test func anUnknownClassOrAMissingNumberIsMalformed() {
        let written = IncidentAnnouncement(
            incident: Self.kernelIncident(final: false),
            number: 1,
            gpu: nil,
            gfxTarget: nil,
            bootID: nil,
            host: nil
        )
        var fields = Self.journalFields(written)
        fields["ROCFAULT_CLASS"] = "warp-core-breach"
        #expect(throws: AnnouncementReadError(.malformed, "ROCFAULT_CLASS=warp-core-breach is not known")) {
            try IncidentAnnouncement(journalFields: fields)
        }
        fields = Self.journalFields(written)
        fields["ROCFAULT_INCIDENT"] = nil
        #expect(throws: AnnouncementReadError(.malformed, "ROCFAULT_INCIDENT is missing")) {
            try IncidentAnnouncement(journalFields: fields)
        }
    }

    @Test func anAnnouncementOfAnOlderRocfaultdTakesTheEntryTimeAsFirstSight() throws {
        // The fields rocfaultd wrote before the fleet view (no state, times, GPU or boot).
        let fields = [
            "MESSAGE_ID": IncidentAnnouncement.recordedMessageID, "ROCFAULT_INCIDENT": "3",
            "ROCFAULT_SIDE": "userspace",
            "ROCFAULT_CLASS": "memory-in-use", "ROCFAULT_KERNEL_LOG": "covered", "ROCFAULT_SIGNATURE": "s",
            "ROCFAULT_KNOWN_ISSUES": "ROCm/ROCm#6182", "_COMM": "rocfaultd", "_UID": "0", "_PID": "9",
            "_HOSTNAME": "old-box", "_BOOT_ID": "b1", "__REALTIME_TIMESTAMP": "1760000000000000",
        ]
        let read = try IncidentAnnouncement(journalFields: fields)
        #expect(!read.isFinal)
        #expect(read.incident.firstSeen.realtimeMicroseconds == 1_760_000_000_000_000)
        #expect(read.incident.verdict.knownIssues == ["ROCm/ROCm#6182"])
        #expect(read.bootID == "b1")
    }

    @Test func theListKeepsOneIncidentPerHostAndNumberInItsLatestState() {
        func entry(host: String, number: Int64, final: Bool, at seconds: Int64) -> [String: String] {
            var incident = Self.kernelIncident(final: final)
            incident.firstSeen = EventTime(realtimeMicroseconds: seconds * 1_000_000)
            var fields = Self.journalFields(
                IncidentAnnouncement(
                    incident: incident,
                    number: number,
                    gpu: nil,
                    gfxTarget: nil,
                    bootID: nil,
                    host: nil
                )
            )
            fields["_HOSTNAME"] = host
            return fields
        }
        var forged = entry(host: "b", number: 9, final: true, at: 50)
        forged["_COMM"] = "bash"
        let list = FleetIncidentList(entries: [
            entry(host: "a", number: 1, final: false, at: 10),
            entry(host: "b", number: 1, final: false, at: 20),
            entry(host: "a", number: 1, final: true, at: 10),
            entry(host: "a", number: 2, final: false, at: 30),
            forged,
            ["MESSAGE_ID": "something-else"],
        ])
        #expect(list.incidents.map { "\($0.host ?? "")#\($0.number)" } == ["a#2", "b#1", "a#1"])
        #expect(list.incidents.map(\.isFinal) == [false, false, true])
        #expect(list.refused.map(\.code) == [.untrustedSender])
        #expect(list.hosts == ["a", "b"])
    }

    @Test func theGPUIsThePCIAddressAKernelLineNames() {
        #expect(Incident.firstPCIAddress(in: "amdgpu 0000:c5:00.0: amdgpu: ring gfx timeout") == "0000:c5:00.0")
        #expect(Incident.firstPCIAddress(in: "[drm] 0000:03:00.1 x") == "0000:03:00.1")
        #expect(Incident.firstPCIAddress(in: "address 10000:c5:00.0 or 0000:c5:00.8") == nil)
        #expect(Incident.firstPCIAddress(in: "at 12:34:56.7") == nil)
        #expect(Self.kernelIncident(final: true).gpuPCIAddress == "0000:c5:00.0")
    }
}
