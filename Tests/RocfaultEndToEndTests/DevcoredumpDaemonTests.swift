import Foundation
import Glibc
import RocfaultStore
import RocfaultTestKit
import Testing

/// rocfaultd captures an amdgpu device coredump from a fixture sysfs tree through its device-event
/// path (the real udev monitor cannot produce a `devcoredump` event without such a device, so the
/// event is fed through the daemon's test FIFO), attaches it to the incident, and `report`
/// bundles it.
@Suite(.journald, .kernelLogExclusive, .serialized)
struct DevcoredumpDaemonTests {
    @Test func aDeviceCoredumpJoinsTheIncidentOfItsProcessAndIsBundled() async throws {
        let state = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        let tree = try DevcoredumpFixtureTree(root: state)
        let (daemon, fifo) = try await DaemonProcess.withDeviceEventFIFO(state: state, sysfsRoot: tree.sysfs)

        let sleeper = try ProcessRunner.sleeper()
        defer { sleeper.terminate() }
        let pid = sleeper.processIdentifier
        try DaemonTests.writeFaultBlock(pid: pid, comm: "sleep", pasid: DaemonTests.uniquePASID())
        _ = try await daemon.waitForIncidents(timeout: .seconds(5)) { $0.contains { $0.pid == pid } }

        try tree.addDump("devcd1", text: DevcoredumpFixtureTree.dumpText(pid: pid, comm: "sleep"))
        let event = "ACTION=add SUBSYSTEM=devcoredump DEVPATH=/devices/virtual/devcoredump/devcd1 SEQNUM=4711\n"
        let writer = try #require(FileHandle(forWritingAtPath: fifo))
        writer.write(Data(event.utf8))
        try writer.close()

        let incidents = try await daemon.waitForIncidents(timeout: .seconds(10)) { found in
            found.contains { $0.pid == pid && $0.ruleIDs.contains("amdgpu.devcoredump.ring-timeout") }
        }
        let ofProcess = incidents.filter { $0.pid == pid }
        #expect(ofProcess.count == 1, "the dump joined the fault's incident: \(daemon.log)")
        let incident = try #require(ofProcess.first, "\(daemon.log)")
        #expect(incident.ruleIDs.isSuperset(of: ["amdgpu.devcoredump.ring-timeout", "amdgpu.page-fault.header"]))
        #expect(incident.side == "kernel")
        #expect(incident.knownIssues.contains("ROCm/ROCm#5724"))
        let dumpLine = try #require(incident.lines.first { $0.hasPrefix("amdgpu devcoredump:") })
        #expect(dumpLine.contains("ring comp_1.0.0 (compute) timed out; process sleep pid \(pid)"))
        #expect(dumpLine.contains("page fault at 0x00007f3a58f7f000 status 0x00800932 (gfxhub)"))
        #expect(dumpLine.contains("MES=0x00000083"))
        #expect(try tree.data("devcd1").hasPrefix("1"), "the dump was freed by a write to data")
        let copies = try FileManager.default.contentsOfDirectory(
            atPath: state.appendingPathComponent("devcoredump").path
        )
        #expect(copies.count == 1 && copies[0].contains("-devcd1-") && copies[0].hasSuffix(".txt.gz"), "\(copies)")

        try await bundle(incident: incident, state: state, pid: pid)
        await daemon.stop()
    }

    /// The dump's `data` is read off the processing loop: while the read waits for a dump the driver
    /// has not finished (a FIFO nobody writes yet), a kernel fault is still recorded; then the dump
    /// arrives, joins its process's incident, is saved, and freed by a write to `data`.
    @Test func kernelLinesAreProcessedWhileADumpIsStillBeingRead() async throws {
        let state = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        let tree = try DevcoredumpFixtureTree(root: state)
        let (daemon, fifo) = try await DaemonProcess.withDeviceEventFIFO(state: state, sysfsRoot: tree.sysfs)
        let data = try tree.addSlowDump("devcd2")
        let event = "ACTION=add SUBSYSTEM=devcoredump DEVPATH=/devices/virtual/devcoredump/devcd2 SEQNUM=4713\n"
        let writer = try #require(FileHandle(forWritingAtPath: fifo))
        writer.write(Data(event.utf8))
        try writer.close()
        try await Task.sleep(for: .milliseconds(300))

        let sleeper = try ProcessRunner.sleeper()
        defer { sleeper.terminate() }
        let pid = sleeper.processIdentifier
        try DaemonTests.writeFaultBlock(pid: pid, comm: "sleep", pasid: DaemonTests.uniquePASID())
        let during = try await daemon.waitForIncidents(timeout: .seconds(5)) { $0.contains { $0.pid == pid } }
        #expect(during.contains { $0.pid == pid }, "the fault waited for the dump's read: \(daemon.log)")
        #expect(daemon.threadNames().contains("rocfault-devcd"), "the read waits on its own thread")

        let dump = try #require(FileHandle(forWritingAtPath: data), "the daemon is reading the dump")
        dump.write(Data(DevcoredumpFixtureTree.dumpText(pid: pid, comm: "sleep").utf8))
        try dump.close()
        // The free is a write to `data`: a reader must be there for it (as the kernel is).
        let freed = open(data, O_RDONLY | O_NONBLOCK)
        defer { close(freed) }
        let incidents = try await daemon.waitForIncidents(timeout: .seconds(10)) { found in
            found.contains { $0.pid == pid && $0.ruleIDs.contains("amdgpu.devcoredump.ring-timeout") }
        }
        #expect(incidents.filter { $0.pid == pid }.count == 1, "the dump joined the fault's incident: \(daemon.log)")
        try await daemon.waitForLog("captured amdgpu device coredump devcd2", timeout: .seconds(5))
        var byte: UInt8 = 0
        var freedByWrite = false
        for _ in 0..<50 where !freedByWrite {
            freedByWrite = Glibc.read(freed, &byte, 1) == 1 && byte == UInt8(ascii: "1")
            if !freedByWrite { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(freedByWrite, "the dump was freed by a write to data: \(daemon.log)")
        await daemon.stop()
    }

    /// `rocfault report` bundles the copy and `report.md` quotes its summary.
    private func bundle(incident: StoredIncidentSummary, state: URL, pid: Int32) async throws {
        let output = state.appendingPathComponent("out").path
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        let number = incident.number
        let result = try ProcessRunner.run(
            ProcessRunner.executable("rocfault"),
            ["report", String(number), "--state-dir", state.path, "-o", output, "--no-redact"]
        )
        #expect(result.status == 0, "\(result.stderr)")
        let archive = try #require(try FileManager.default.contentsOfDirectory(atPath: output).first)
        let root = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let tar = try ProcessRunner.run("/usr/bin/tar", ["-xzf", output + "/" + archive, "-C", root.path])
        #expect(tar.status == 0, "\(tar.stderr)")
        let folder = root.appendingPathComponent(
            try #require(try FileManager.default.contentsOfDirectory(atPath: root.path).first)
        )
        let dump = try String(contentsOf: folder.appendingPathComponent("devcoredump-devcd1.txt"), encoding: .utf8)
        #expect(dump.hasPrefix("**** AMDGPU Device Coredump ****"))
        #expect(dump.contains("MES feature version: 1, fw version: 0x00000083"))
        let report = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(report.contains("Device coredump `devcd1` (attached as `devcoredump-devcd1.txt`)"))
        #expect(report.contains("> Ring timed out: comp_1.0.0 (compute, IP type 1)"))
        #expect(report.contains("> Process: sleep (pid \(pid))"))
        #expect(report.contains("> Firmware: ME 0x0000007a, MEC 0x00000089, MES_KIQ 0x0000006f, MES 0x00000083"))
    }
}
