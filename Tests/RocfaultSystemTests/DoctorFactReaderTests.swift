import Foundation
import RocfaultCore
import Testing

@testable import RocfaultSystem
import RocfaultTestKit

/// `rocfault doctor`'s reader over fixture trees of real machines (Tests/Fixtures/doctor, written by
/// make-fixtures.py), with the shipped check table from Rules/.
@Suite struct DoctorFactReaderTests {
    static let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtures = package.appendingPathComponent("Tests/Fixtures/doctor")

    static func checks() throws -> [DoctorCheck] {
        let directory = package.appendingPathComponent("Rules")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yaml") }
        let files = try names.sorted().map { name in
            (name: name, text: try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8))
        }
        return try RuleSet.load(files: files).doctorChecks
    }

    static func report(_ machine: String, pid: Int32? = 4242, root: String? = nil) throws -> DoctorReport {
        let reader = DoctorFactReader(root: root ?? fixtures.appendingPathComponent(machine).path, pid: pid)
        return DoctorReport(facts: reader.read(), checks: try checks())
    }

    static func held(_ report: DoctorReport) -> [String] {
        report.findings.filter { $0.outcome == .finding }.map(\.checkID).sorted()
    }

    @Test func strixHaloBoxGivesItsFindings() throws {
        let report = try Self.report("strix-halo")
        #expect(
            Self.held(report) == [
                "doctor.amd-iommu-pt", "doctor.dkms-firmware-leftover", "doctor.gfx1151-old-rocm",
                "doctor.gttsize-and-pages-limit", "doctor.hsa-override-native", "doctor.mes-0x83-gfx11.5",
                "doctor.no-device-access",
            ]
        )
        let mes = try #require(report.findings.first { $0.checkID == "doctor.mes-0x83-gfx11.5" })
        let read = try #require(mes.facts.first { $0.key == "gpu.firmware.mes" })
        #expect(read.fact.value == "0x00000083")
        #expect(read.fact.source.hasSuffix("strix-halo/sys/kernel/debug/dri/1/amdgpu_firmware_info"))
        #expect(report.facts.gpus.map(\.gfxTarget) == ["gfx1151"])
        #expect(report.facts.machine["rocm.install"]?.value == "AMD's repositories")
        #expect(report.facts.machine["env.HF_TOKEN"] == nil)
        #expect(report.facts.machine["env.HIP_VISIBLE_DEVICES"]?.value == "0")
        #expect(report.bearing(on: .pageFault, gfxTarget: "gfx1151").map(\.checkID).contains("doctor.mes-0x83-gfx11.5"))
        #expect(
            !report.bearing(on: .pageFault, gfxTarget: "gfx1100").map(\.checkID).contains("doctor.mes-0x83-gfx11.5")
        )
    }

    @Test func mi300xNodeGivesItsFindings() throws {
        let report = try Self.report("mi300x")
        #expect(
            Self.held(report) == [
                "doctor.hsa-override-native", "doctor.hsa-override-native", "doctor.ttm-pages-limit-with-dkms",
            ]
        )
        #expect(report.facts.gpus.map(\.gfxTarget) == ["gfx942", "gfx942"])
        #expect(report.facts.machine["amdgpu.module"]?.value == "dkms")
        #expect(report.facts.machine["amdgpu.module-version"]?.value == "6.12.12")
        #expect(report.facts.machine["hip.version"]?.value == "6.4.43483")
        // No debugfs in this tree: the world-readable fw_version files give the firmware instead.
        let mec = try #require(report.facts.gpus.first?.facts["gpu.firmware.mec"])
        #expect(mec.value == "0x0000009b" && mec.source.hasSuffix("/fw_version/mec_fw_version"))
        #expect(report.facts.gpus.first?.facts["gpu.firmware"]?.unknownReason == "no debugfs under the root")
    }

    @Test func rdna3DesktopGivesItsFindings() throws {
        let report = try Self.report("rdna3-desktop")
        #expect(
            Self.held(report) == [
                "doctor.amd-iommu-off", "doctor.hsa-override-other-family", "doctor.linux7-gpu-job-timeout",
                "doctor.ubuntu-kernel-7.0.0-28",
            ]
        )
        let install = try #require(report.facts.machine["rocm.install"]?.value)
        #expect(install.contains("TheRock wheels (rocm-sdk 7.10.0)"))
        #expect(install.contains("libraries bundled in the torch wheel"))
        #expect(report.facts.machine["rocm.version"]?.value == "7.10.0")
        #expect(report.facts.machine["vulkan.radv"]?.value == "yes")
        #expect(report.facts.machine["access.kfd"]?.value == "yes")
    }

    @Test func aCleanMachineGivesNothingAtWarningLevel() throws {
        let report = try Self.report("clean")
        #expect(report.findings(atLeast: .warning).isEmpty, "\(report.findingsText())")
        #expect(report.findings.isEmpty)
        #expect(report.facts.gpus.map(\.gfxTarget) == ["gfx1201"])
        #expect(report.facts.machine["rocm.version"]?.value == "7.2.0-43")
    }

    @Test func withoutDebugfsOrAnMESFileTheMESCheckIsOpenNotPassed() throws {
        let copy = try TemporaryTree.copy(of: Self.fixtures.appendingPathComponent("strix-halo").path)
        try FileManager.default.removeItem(atPath: copy.path("sys/kernel/debug"))
        try FileManager.default.removeItem(
            atPath: copy.path("sys/devices/pci0000:00/0000:00:08.1/0000:c5:00.0/fw_version/mes_fw_version")
        )
        let report = try Self.report("", root: copy.root)
        let mes = try #require(report.findings.first { $0.checkID == "doctor.mes-0x83-gfx11.5" })
        #expect(mes.outcome == .unknown)
        #expect(report.findingsText().contains("MES version unknown: no debugfs under the root"))
    }

    @Test func anUnreadableEnvironmentIsSaid() throws {
        let report = try Self.report("clean", pid: 999_999)
        #expect(report.facts.machine["env"]?.unknownReason == "no such process")
        #expect(report.stackText().contains("environment         unknown: no such process"))
    }

    @Test func firmwareInfoParsesTheKernelsFormat() throws {
        let path = Self.fixtures.appendingPathComponent("rdna3-desktop/sys/kernel/debug/dri/0/amdgpu_firmware_info")
        let versions = FirmwareInfo.parse(try String(contentsOf: path, encoding: .utf8))
        #expect(versions["mes"] == "0x0000007a")
        #expect(versions["mes_kiq"] == "0x0000006c")
        #expect(versions["smc"] == "0x004e7300")
        #expect(versions["sdma"] == "0x00000018" && versions["sdma2"] == "0x00000018")
        #expect(versions["ta_ras"] == "0x00000000")
        #expect(versions["vbios"] == "113-D7020100-102")
    }

    @Test func dpkgStatusKeepsOnlyInstalledPackages() {
        let text = """
            Package: rocm-core
            Status: install ok installed
            Version: 6.4.1.60401-120~24.04

            Package: amdgpu-dkms
            Status: deinstall ok config-files
            Version: 1:6.12.12

            """
        #expect(DpkgStatus.installed(text) == ["rocm-core": "6.4.1.60401-120~24.04"])
    }

    @Test func modeBitsDecideAccessForTheProcessIdentity() {
        let user = (uid: UInt32(1000), groups: [UInt32(1000), 44, 992])
        #expect(DoctorFactReader.allows(mode: 0o100660, owner: 0, group: 992, identity: user))
        #expect(!DoctorFactReader.allows(mode: 0o100660, owner: 0, group: 993, identity: user))
        #expect(DoctorFactReader.allows(mode: 0o100666, owner: 0, group: 0, identity: user))
        #expect(DoctorFactReader.allows(mode: 0o100600, owner: 0, group: 0, identity: (uid: 0, groups: [0])))
        let status = "Name:\tx\nUid:\t1000\t1000\t1000\t1000\nGid:\t1000\t1000\t1000\t1000\nGroups:\t44 992 \n"
        let identity = DoctorFactReader.identity(status)
        #expect(identity?.uid == 1000 && identity?.groups == [1000, 44, 992])
    }
}
