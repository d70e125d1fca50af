import Foundation
import Testing

@testable import RocfaultCore

/// The doctor's check table: parsing and lint, three-valued evaluation, examples, shipped checks.
@Suite struct DoctorCheckTests {
    static let mesCheck = DoctorCheck(
        id: "test.mes",
        title: "MES 0x83",
        severity: .error,
        scope: .gpu,
        conditions: [[.init("gpu.gfx", .oneOf(["gfx1151"])), .init("gpu.firmware.mes", .oneOf(["0x83"]))]],
        immediate: "now",
        investigate: "later",
        bearsOn: [.pageFault],
        location: SourceLocation(file: "t.yaml", line: 1)
    )

    static func strixGPU(mes: DoctorFact?, firmware: DoctorFact) -> DoctorGPU {
        var facts: [String: DoctorFact] = [
            "gpu.gfx": .known("gfx1151", from: "properties"), "gpu.firmware": firmware,
        ]
        if let mes { facts["gpu.firmware.mes"] = mes }
        return DoctorGPU(name: "card1 gfx1151", facts: facts)
    }

    @Test func versionsCompareByParts() {
        #expect(FactVersion.compare("6.17.0-14-generic", "6.18") < 0)
        #expect(FactVersion.compare("6.18.2-arch1-1", "6.18") >= 0)
        #expect(FactVersion.compare("7.2.0-generic", "7.2") == 0)
        #expect(FactVersion.compare("1.9", "1.20") < 0)
        #expect(FactVersion.compare("6.4.1-120", "7.2") < 0)
        #expect(FactVersion.equal("0x00000083", "0x83"))
        #expect(!FactVersion.equal("0x00000080", "0x83"))
        #expect(FactVersion.equal("Same", "same"))
    }

    @Test func aMissingKeyFallsBackToItsParent() {
        let read = DoctorFacts(machine: ["cmdline": .known("quiet", from: "/proc/cmdline")])
        let absent = read.fact("cmdline.amdgpu.gttsize", gpu: nil)
        #expect(absent.value == nil && !absent.isUnknown && absent.source == "/proc/cmdline")
        let unreadable = DoctorFacts(machine: ["cmdline": .unknown("unreadable", source: "/proc/cmdline")])
        #expect(unreadable.fact("cmdline.amdgpu.gttsize", gpu: nil).unknownReason == "unreadable")
        #expect(DoctorFacts().fact("rocm.version", gpu: nil).unknownReason == "not collected")
    }

    @Test func anUnreadableMESVersionLeavesTheCheckOpenAndSaysWhy() throws {
        let gpu = Self.strixGPU(
            mes: nil,
            firmware: .unknown("debugfs needs root", source: "/sys/kernel/debug/dri/1/amdgpu_firmware_info")
        )
        let findings = DoctorEvaluator(checks: [Self.mesCheck]).evaluate(DoctorFacts(gpus: [gpu]))
        let finding = try #require(findings.first)
        #expect(finding.outcome == .unknown)
        #expect(finding.facts.map(\.key) == ["gpu.firmware.mes"])
        #expect(finding.facts[0].fact.unknownReason == "debugfs needs root")
        let text = DoctorReport(facts: DoctorFacts(gpus: [gpu]), checks: [Self.mesCheck]).findingsText()
        #expect(text.contains("MES version unknown: debugfs needs root"))
    }

    @Test func aFalseClauseRulesOutACheckEvenWithUnknownFacts() {
        var gpu = Self.strixGPU(mes: nil, firmware: .unknown("debugfs needs root", source: "x"))
        gpu.facts["gpu.gfx"] = .known("gfx1100", from: "properties")
        #expect(DoctorEvaluator(checks: [Self.mesCheck]).evaluate(DoctorFacts(gpus: [gpu])).isEmpty)
    }

    @Test func aFindingNamesEveryFactItReadWithItsSource() throws {
        let gpu = Self.strixGPU(
            mes: .known("0x00000083", from: "debugfs file"),
            firmware: .known("read", from: "debugfs file")
        )
        let finding = try #require(DoctorEvaluator(checks: [Self.mesCheck]).evaluate(DoctorFacts(gpus: [gpu])).first)
        #expect(finding.outcome == .finding)
        #expect(
            finding.facts.map(\.description) == [
                "gpu.gfx = gfx1151 (properties)", "gpu.firmware.mes = 0x00000083 (debugfs file)",
            ]
        )
        #expect(finding.gfxTarget == "gfx1151")
        #expect(finding.bears(on: .pageFault, gfxTarget: "gfx1151"))
        #expect(finding.bears(on: .pageFault, gfxTarget: nil))
        #expect(!finding.bears(on: .pageFault, gfxTarget: "gfx1100"))
        #expect(!finding.bears(on: .memoryInUse, gfxTarget: "gfx1151"))
    }

    @Test func gpuChecksDoNotRunWithoutAGPU() {
        #expect(DoctorEvaluator(checks: [Self.mesCheck]).evaluate(DoctorFacts()).isEmpty)
    }

    @Test func theOverrideIsComparedWithTheGPUsFamily() {
        let gfx = DoctorFact.known("gfx1151", from: "p")
        let same = DoctorDerivedFacts.derive(override: .known("11.0.0", from: "env"), gfx: gfx)
        #expect(same["gpu.override-target"]?.value == "gfx1100")
        #expect(same["gpu.override-family"]?.value == "same")
        let other = DoctorDerivedFacts.derive(override: .known("10.3.0", from: "env"), gfx: gfx)
        #expect(other["gpu.override-family"]?.value == "different")
        #expect(
            DoctorDerivedFacts.derive(override: .known("9.4.2", from: "env"), gfx: .known("gfx942", from: "p"))[
                "gpu.override-family"
            ]?.value == "same"
        )
        #expect(
            DoctorDerivedFacts.derive(override: .known("x", from: "env"), gfx: gfx)["gpu.override-target"]?.value
                == "invalid (x)"
        )
        #expect(
            DoctorDerivedFacts.derive(override: .absent(from: "env"), gfx: gfx)["gpu.override-family"]?.value == nil
        )
    }

    @Test func lintNamesBadKeysTestsAndClassesWithTheirLines() {
        let text = """
            doctor-checks:
              - id: bad
                title: t
                severity: warning
                when:
                  - kernel.relase: {below: "6.18"}
                    gpu.gfx: {is: gfx1151}
                    cmdline.amdgpu.gttsize: {greater: 3}
                immediate: a
                investigate: b
                bears-on: [page-fault, no-such-class]
            """
        let messages = RuleFileParser().parse(text, file: "x.yaml").diagnostics.map(\.description)
        #expect(messages.contains("x.yaml:6: error: unknown fact key 'kernel.relase'"))
        #expect(messages.contains("x.yaml:7: error: fact key 'gpu.gfx' needs 'scope: gpu'"))
        #expect(messages.contains { $0.hasPrefix("x.yaml:8: error: unknown test 'greater'") })
        #expect(messages.contains { $0.contains("unknown class 'no-such-class'") })
    }

    @Test func duplicateCheckIDsAreRejected() {
        let check = """
              - id: same
                title: t
                severity: notice
                when: [{kernel.release: {prefix: [7.0.0-28-]}}]
                immediate: a
                investigate: b
            """
        #expect(throws: RuleSetError.self) {
            try RuleSet.load(files: [("a.yaml", "doctor-checks:\n" + check + "\n" + check)])
        }
    }

    @Test func examplesMustGiveTheOutcomeTheyName() throws {
        let text = """
            doctor-checks:
              - id: old-kernel
                title: t
                severity: warning
                when: [{kernel.release: {below: "6.18"}}]
                immediate: a
                investigate: b
                examples:
                  - facts: {kernel.release: 6.17.1}
                    expect: finding
                  - facts: {kernel.release: 6.19.0}
                    expect: finding
                  - facts: {kernel.release: (unknown)}
                    expect: unknown
            """
        let set = try RuleSet.load(files: [("a.yaml", text)])
        let report = DoctorCheckExampleRunner(checks: set.doctorChecks).run()
        #expect(report.checked == 3)
        #expect(
            report.failures.map(\.description) == [
                "a.yaml:11: error: doctor check 'old-kernel': example gives 'none', expected 'finding'"
            ]
        )
    }

    @Test func shippedChecksLoadAndTheirExamplesPass() throws {
        let set = try ShippedRules.load()
        #expect(set.doctorChecks.count >= 14)
        let report = DoctorCheckExampleRunner(checks: set.doctorChecks).run()
        #expect(report.failures.isEmpty, "\(report.failures.map(\.description))")
        #expect(report.checked >= 2 * set.doctorChecks.count)
        let ids = Set(set.doctorChecks.map(\.id))
        for required in [
            "doctor.hsa-override-native", "doctor.hsa-override-other-family", "doctor.gttsize-and-pages-limit",
            "doctor.amd-iommu-pt", "doctor.amd-iommu-off", "doctor.mes-0x83-gfx11.5", "doctor.dkms-firmware-leftover",
            "doctor.gfx1151-old-rocm", "doctor.ubuntu-kernel-7.0.0-28", "doctor.linux7-gpu-job-timeout",
            "doctor.cwsr-mes-0x80", "doctor.no-device-access",
        ] {
            #expect(ids.contains(required), "\(required)")
        }
    }
}

/// Known issues carry the doctor's two advice tiers.
@Suite struct KnownIssueTierTests {
    @Test func everyShippedKnownIssueHasAnImmediateAndAnInvestigatoryStep() throws {
        let set = try ShippedRules.load()
        #expect(!set.knownIssues.isEmpty)
        for issue in set.knownIssues {
            #expect(issue.immediate?.isEmpty == false, "\(issue.id) lacks 'immediate'")
            #expect(issue.investigate?.isEmpty == false, "\(issue.id) lacks 'investigate'")
        }
        let match = KnownIssueMatch(try #require(set.knownIssues.first { $0.id == "ROCm/ROCm#5724" }))
        #expect(match.immediate?.contains("rocfault doctor") == true)
    }

    @Test func tiersAreOptionalAndAnIncidentRecordedWithoutThemStillDecodes() throws {
        let text = """
            known-issues:
              - id: rocfault:x
                title: t
                advice: a
                when: [{all: [r]}]
            """
        let issue = try #require(RuleFileParser().parse(text, file: "k.yaml").knownIssues.first)
        #expect(issue.immediate == nil && issue.investigate == nil)
        let old = #"{"id":"rocfault:x","title":"t","advice":"a"}"#
        let decoded = try JSONDecoder().decode(KnownIssueMatch.self, from: Data(old.utf8))
        #expect(decoded.advice == "a" && decoded.immediate == nil)
    }
}
