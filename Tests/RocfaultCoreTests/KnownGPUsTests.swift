import Testing

@testable import RocfaultCore

/// The daemon's GPU table: which GPU an incident is on (so its sysfs firmware versions go to
/// known-issue matching), and the firmware readings a match reports.
@Suite struct KnownGPUsTests {
    static let apu = KnownGPUs.GPU(
        card: "card1",
        pciAddress: "0000:C5:00.0",
        gfxTarget: "gfx1152",
        firmware: ["MES": 0x83]
    )
    static let dgpu = KnownGPUs.GPU(
        card: "card0",
        pciAddress: "0000:03:00.0",
        gfxTarget: "gfx1100",
        firmware: ["MES": 0x50]
    )

    static func evidence(_ text: String, ruleID: String = "r", captures: [String: String] = [:]) -> Evidence {
        let record = LogRecord(
            text: text,
            origin: .kernel,
            format: .plain,
            location: SourceLocation(file: "f", line: 1)
        )
        return Evidence(
            ruleID: ruleID,
            kind: .kernel,
            failureClass: .mesHang,
            lines: [EvidenceLine(record: record, ruleID: ruleID)],
            captures: captures
        )
    }

    @Test func theGPUIsTheOneWhoseAddressTheKernelLinesName() {
        let gpus = KnownGPUs([Self.dgpu, Self.apu])
        let fault = Self.evidence("amdgpu 0000:c5:00.0: amdgpu: MES failed to respond to msg=REMOVE_QUEUE")
        #expect(gpus.gpu(for: [fault])?.card == "card1")
        let other = Self.evidence("amdgpu 0000:03:00.0: amdgpu: MES failed to respond to msg=REMOVE_QUEUE")
        #expect(gpus.gpu(for: [other])?.card == "card0")
    }

    @Test func withoutAnAddressOnlyTheOnlyGPUIsChosen() {
        let line = Self.evidence("amdgpu: MES failed to respond to msg=REMOVE_QUEUE")
        #expect(KnownGPUs([Self.apu]).gpu(for: [line])?.card == "card1")
        #expect(KnownGPUs([Self.apu, Self.dgpu]).gpu(for: [line]) == nil)
        #expect(KnownGPUs().gpu(for: [line]) == nil)
    }

    @Test func anUnknownOrASecondNamedDeviceChoosesNone() {
        let unknown = Self.evidence("amdgpu 0000:c6:00.0: amdgpu: MES failed to respond to msg=REMOVE_QUEUE")
        #expect(KnownGPUs([Self.apu]).gpu(for: [unknown]) == nil)
        let both = [
            Self.evidence("amdgpu 0000:c5:00.0: amdgpu: GPU reset begin!"),
            Self.evidence("amdgpu 0000:03:00.0: amdgpu: GPU reset begin!"),
        ]
        #expect(KnownGPUs([Self.apu, Self.dgpu]).gpu(for: both) == nil)
    }

    @Test func theSummaryNamesTargetAndFirmwareForTheLog() {
        #expect(Self.apu.summary == "card1 (0000:c5:00.0): gfx1152, MES 0x00000083")
        #expect(Self.apu.firmwareSource == "sysfs card1 (0000:c5:00.0)")
    }

    @Test(
        arguments: [
            ("drm", "change", [:], true),
            ("drm", "add", [:], true),
            ("pci", "bind", ["PCI_ID": "1002:1586"], true),
            ("pci", "add", ["PCI_ID": "8086:7d55"], false),
            ("devcoredump", "add", [:], false),
            ("drm", "move", [:], false),
        ] as [(String, String, [String: String], Bool)]
    )
    func aGPUDeviceEventMeansReadingAgain(
        _ subsystem: String,
        _ action: String,
        _ properties: [String: String],
        _ yes: Bool
    ) {
        #expect(KnownGPUs.isGPUChange(subsystem: subsystem, action: action, properties: properties) == yes)
    }

    static let issue = KnownIssue(
        id: "x/y#1",
        url: nil,
        title: "t",
        advice: "a",
        fingerprints: [
            KnownIssue.Fingerprint(any: ["r"], gfxTargets: ["gfx1152"], firmware: ["MES": 0x83]),
            KnownIssue.Fingerprint(all: ["only-without-firmware"]),
        ],
        location: SourceLocation(file: "f", line: 1)
    )

    @Test func aMatchSaysWhichFirmwareItUsedAndWhereItWasRead() {
        let matcher = KnownIssueMatcher(knownIssues: [Self.issue])
        let fault = Self.evidence("amdgpu 0000:c5:00.0: amdgpu: MES failed to respond to msg=REMOVE_QUEUE")
        let found = matcher.matchesWithFirmware(
            evidence: [fault],
            gfxTarget: "gfx1152",
            firmware: ["MES": 0x83, "MEC": 0x1d],
            firmwareSource: Self.apu.firmwareSource
        )
        #expect(found.map(\.id) == ["x/y#1"])
        #expect(
            found.first?.firmware == [FirmwareReading(name: "MES", version: 0x83, source: "sysfs card1 (0000:c5:00.0)")]
        )
        let outside = matcher.matchesWithFirmware(
            evidence: [fault],
            gfxTarget: "gfx1152",
            firmware: ["MES": 0x80],
            firmwareSource: "sysfs card1"
        )
        #expect(outside.isEmpty)
    }

    @Test func aDumpsOwnVersionWinsAndSaysSo() {
        let matcher = KnownIssueMatcher(knownIssues: [Self.issue])
        let dump = Self.evidence("amdgpu devcoredump: GPU reset", captures: ["fw": "MES=0x00000083"])
        let found = matcher.matchesWithFirmware(
            evidence: [dump],
            gfxTarget: "gfx1152",
            firmware: ["MES": 0x80],
            firmwareSource: "sysfs card1"
        )
        #expect(found.first?.firmware?.first?.source == FirmwareReading.devcoredumpSource)
    }

    @Test func aFingerprintWithoutFirmwareReportsNone() {
        let matcher = KnownIssueMatcher(knownIssues: [Self.issue])
        let found = matcher.matchesWithFirmware(
            evidence: [Self.evidence("x", ruleID: "only-without-firmware")],
            gfxTarget: nil,
            firmware: [:],
            firmwareSource: "sysfs"
        )
        #expect(found.count == 1 && found.first?.firmware == nil)
    }

    /// The classifier takes the firmware from the context the daemon fills in.
    @Test func theClassifierUsesTheContextsFirmware() throws {
        let set = try RuleSet.load(files: [("t.yaml", Self.ruleText)])
        let classifier = IncidentClassifier(ruleSet: set)
        let fault = Self.evidence(
            "amdgpu 0000:c5:00.0: amdgpu: MES failed to respond to msg=REMOVE_QUEUE",
            ruleID: "test.mes"
        )
        var draft = IncidentDraft(id: "i1")
        draft.evidence = [fault]
        var context = IncidentContext(kernelLog: .covered, gfxTarget: "gfx1152")
        #expect(classifier.classify(draft, context: context, isFinal: true).knownIssues.isEmpty)
        context.firmware = ["MES": 0x83]
        context.firmwareSource = "sysfs card1 (0000:c5:00.0)"
        let named = classifier.classify(draft, context: context, isFinal: true).knownIssues
        #expect(named.map(\.id) == ["x/y#2"])
        #expect(named.first?.firmware?.first?.source == "sysfs card1 (0000:c5:00.0)")
    }

    static let ruleText = """
        rules:
          - id: test.mes
            description: MES stopped answering.
            kind: kernel
            class: mes-hang
            origin: kernel
            literals: ["MES failed to respond"]
            pattern: 'MES failed to respond to msg=(?<msg>\\w+)'
            examples:
              match: ['amdgpu: MES failed to respond to msg=REMOVE_QUEUE']
              no-match: ['MES enabled']
        known-issues:
          - id: x/y#2
            title: t
            advice: a
            when:
              - any: [test.mes]
                gfx: [gfx1152]
                firmware: {MES: "0x83"}
        """
}
