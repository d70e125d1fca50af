import Foundation
import Glibc
import RocfaultTestKit
import Testing

/// rocfaultd reads each AMD GPU's firmware versions from sysfs (at start, and again when a device
/// event says the GPU appeared or reset) and matches known issues with a `firmware:` condition on
/// them: a MES fault on a gfx1152 running MES 0x83 names ROCm/ROCm#5724, as `check` on that GPU's
/// device coredump would; the same fault on MES 0x80 does not. The GPU is a fixture sysfs tree; the
/// MES lines are real /dev/kmsg records (ROCm/ROCm issue text, with the fixture's address).
@Suite(.journald, .kernelLogExclusive, .serialized)
struct DaemonFirmwareTests {
    static let mesIssue = "ROCm/ROCm#5724"

    /// MES stops answering on the GPU at `address` (real lines of ROCm/ROCm#5151's kind, with the
    /// fixture's address). Pid-less kernel lines join any open incident whose evidence is less than
    /// the correlator's attach window (10 s) older, and lines of an earlier test may still be in the
    /// kernel ring: waiting that long first makes the incident this GPU's alone.
    static func writeMESFault(address: String, afterAttachWindow: Bool = true) async throws {
        if afterAttachWindow { try await Task.sleep(for: .seconds(11)) }
        try KmsgTestWriter.writeBlock([
            "<3>amdgpu \(address): amdgpu: MES failed to respond to msg=REMOVE_QUEUE",
            "<3>amdgpu \(address): amdgpu: failed to remove hardware queue from MES, doorbell=0x1002",
        ])
    }

    static func mesIncidents(_ found: [StoredIncidentSummary], address: String) -> [StoredIncidentSummary] {
        found.filter { incident in
            incident.ruleIDs.contains("amdgpu.mes.no-response")
                && incident.lines.contains { $0.contains("amdgpu \(address): amdgpu: MES failed") }
        }
    }

    @Test func aMESFaultOnMESFirmware0x83NamesTheKnownIssueAndShowSaysWhichFirmware() async throws {
        let state = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        let gpu = GPUFirmwareFixtureTree(mes: 0x83)
        let daemon = try await DaemonProcess(
            stateDirectory: state,
            extra: ["--quiet-period", "3", "--sysfs-root", gpu.sysfs]
        )
        try await daemon.waitUntilCaughtUp()
        #expect(
            daemon.log.contains("GPU card1 (\(gpu.address)): gfx1152, MEC 0x0000001d, MES 0x00000083"),
            "\(daemon.log)"
        )

        try await Self.writeMESFault(address: gpu.address)
        let found = try await daemon.waitForIncidents(timeout: .seconds(10)) {
            !Self.mesIncidents($0, address: gpu.address).isEmpty
        }
        let incident = try #require(Self.mesIncidents(found, address: gpu.address).first, "\(daemon.log)")
        #expect(incident.knownIssues.contains(Self.mesIssue), "\(incident.knownIssues)")

        let show = try ProcessRunner.run(
            ProcessRunner.executable("rocfault"),
            ["show", String(incident.number), "--state-dir", state.path],
            environment: ["NO_COLOR": "1"]
        )
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("Firmware: MES 0x00000083 (sysfs card1 (\(gpu.address)))"), "\(show.stdout)")
        await daemon.stop()
    }

    /// MES 0x80 is outside the fingerprint: the fault is recorded without the issue. Then the
    /// firmware file changes and a DRM reset uevent arrives (through the test FIFO): the daemon
    /// reads the GPU again, and the next fault names the issue.
    @Test func firmwareOutsideTheFingerprintDoesNotNameItUntilAResetShowsTheNewVersion() async throws {
        let state = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        let gpu = GPUFirmwareFixtureTree(mes: 0x80)
        let (daemon, fifo) = try await DaemonProcess.withDeviceEventFIFO(state: state, sysfsRoot: gpu.sysfs)

        try await Self.writeMESFault(address: gpu.address)
        let before = try await daemon.waitForIncidents(timeout: .seconds(10)) {
            !Self.mesIncidents($0, address: gpu.address).isEmpty
        }
        let first = try #require(Self.mesIncidents(before, address: gpu.address).first, "\(daemon.log)")
        #expect(!first.knownIssues.contains(Self.mesIssue), "MES 0x80 is not the 0x83 problem: \(first.knownIssues)")

        gpu.setMES(0x83)
        let event = "ACTION=change SUBSYSTEM=drm DEVPATH=\(gpu.cardDevpath) RESET=1 SEQNUM=4712\n"
        let writer = try #require(FileHandle(forWritingAtPath: fifo))
        writer.write(Data(event.utf8))
        try writer.close()
        try await daemon.waitForLog(
            "GPU card1 (\(gpu.address)): gfx1152, MEC 0x0000001d, MES 0x00000083",
            timeout: .seconds(10)
        )

        try await Self.writeMESFault(address: gpu.address, afterAttachWindow: false)
        let after = try await daemon.waitForIncidents(timeout: .seconds(10)) { found in
            Self.mesIncidents(found, address: gpu.address).contains { $0.knownIssues.contains(Self.mesIssue) }
        }
        #expect(
            Self.mesIncidents(after, address: gpu.address).contains { $0.knownIssues.contains(Self.mesIssue) },
            "\(daemon.log)"
        )
        await daemon.stop()
    }
}
