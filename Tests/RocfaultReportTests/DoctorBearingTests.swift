import Foundation
import RocfaultCore
import RocfaultReport
import RocfaultStore
import RocfaultSystem
import Testing

@testable import RocfaultCLI

/// The doctor's findings where an incident is shown (`show`, `run`) and in a report's system.txt,
/// over the Strix Halo fixture tree.
@Suite struct DoctorBearingTests {
    static let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let strixHalo = DoctorFactReader(
        root: package.appendingPathComponent("Tests/Fixtures/doctor/strix-halo").path,
        pid: 4242
    )

    static func checks() throws -> [DoctorCheck] {
        try RulesLocator.load(explicit: package.appendingPathComponent("Rules").path).doctorChecks
    }

    static func verdict(_ side: Side, _ failureClass: FailureClass) -> Verdict {
        Verdict(side: side, failureClass: failureClass, kernelLog: .covered, knownIssues: [], summary: "")
    }

    @Test func aPageFaultOnGfx1151NamesTheMESFirmwareAndNotTheGTTSettings() throws {
        let text = DoctorBearing.text(
            for: Self.verdict(.kernel, .pageFault),
            checks: try Self.checks(),
            reader: Self.strixHalo
        )
        #expect(text.hasPrefix("On this machine now (rocfault doctor), bearing on this page-fault:"))
        #expect(text.contains("(doctor.mes-0x83-gfx11.5)"))
        #expect(text.contains("read: gpu.firmware.mes = 0x00000083"))
        #expect(text.contains("(doctor.gfx1151-old-rocm)"))
        #expect(!text.contains("doctor.gttsize-and-pages-limit"))
    }

    @Test func aFindingForAnotherGPUDoesNotBearOnTheIncident() throws {
        let text = DoctorBearing.text(
            for: Self.verdict(.kernel, .pageFault),
            checks: try Self.checks(),
            gfxTarget: "gfx1100",
            reader: Self.strixHalo
        )
        #expect(!text.contains("doctor.mes-0x83-gfx11.5"))
        #expect(text.contains("doctor.amd-iommu-pt"))
    }

    @Test func memoryInUseNamesTheGTTSettingsAndNoVerdictNamesNothing() throws {
        let checks = try Self.checks()
        let memory = DoctorBearing.text(
            for: Self.verdict(.userspace, .memoryInUse),
            checks: checks,
            reader: Self.strixHalo
        )
        #expect(memory.contains("doctor.gttsize-and-pages-limit"))
        #expect(!memory.contains("doctor.mes-0x83-gfx11.5"))
        #expect(
            DoctorBearing.text(for: Self.verdict(.none, .pageFault), checks: checks, reader: Self.strixHalo).isEmpty
        )
    }

    @Test func showPrintsTheBearingFindingsUnderTheKnownIssues() throws {
        let stored = ReportDestinationTests.stored(
            .kernel,
            .pageFault,
            ReportDestinationTests.evidence(
                "amdgpu.page-fault.header",
                .kernel,
                .pageFault,
                "amdgpu: [gfxhub] page fault"
            ),
            kernelLog: .covered
        )
        let doctor = DoctorBearing.text(for: stored.incident.verdict, checks: try Self.checks(), reader: Self.strixHalo)
        let text = IncidentDetailRenderer(style: Style(enabled: false))
            .render(stored, coverageNow: nil, reportCommand: "rocfault report 1", doctor: doctor)
        #expect(text.contains("bearing on this page-fault:\n  ERROR: MES firmware 0x83"))
    }

    @Test func systemTextCarriesTheDoctorsStackAndFindings() throws {
        var facts = MachineFacts()
        facts.doctor = DoctorReport(facts: Self.strixHalo.read(), checks: try Self.checks())
        let text = SystemText.render(facts, rocminfo: nil)
        #expect(text.contains("rocfault doctor: stack\n"))
        #expect(text.contains("strix-halo/sys/kernel/debug/dri/1/amdgpu_firmware_info"))
        #expect(text.contains("rocfault doctor: findings\n  ERROR: "))
        #expect(text.contains("(doctor.mes-0x83-gfx11.5)"))
        #expect(SystemText.render(MachineFacts(), rocminfo: nil).contains("rocfault doctor\n  (not run)\n"))
    }
}
