import Foundation
import Testing

/// `rocfault check FILE` on a copy of an amdgpu device coredump's `data`.
@Suite struct DevcoredumpCheckCommandTests {
    let rocfault = ProcessRunner.executable("rocfault")
    let rules = ["--rules", ProcessRunner.rulesDirectory]

    @Test func aCopiedDumpGetsAKernelVerdictWithRingProcessFirmwareAndKnownIssue() throws {
        let directory = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("data")
        try DevcoredumpFixtureTree.dumpText(pid: 4242, comm: "python3").write(
            to: file,
            atomically: true,
            encoding: .utf8
        )
        let output = try ProcessRunner.run(rocfault, ["check"] + rules + [file.path], environment: ["NO_COLOR": "1"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.hasPrefix("Verdict: KERNEL, ring-timeout"), "\(output.stdout)")
        #expect(output.stdout.contains("[amdgpu.devcoredump.ring-timeout]"))
        #expect(output.stdout.contains("Ring timed out: comp_1.0.0 (compute, IP type 1)"))
        #expect(output.stdout.contains("Process: python3 (pid 4242)"))
        #expect(output.stdout.contains("GPU: gfx1151 (GC 11.5.1)"))
        #expect(output.stdout.contains("MES 0x00000083"))
        #expect(output.stdout.contains("ROCm/ROCm#5724"))

        let json = try ProcessRunner.run(rocfault, ["check", "--json"] + rules + [file.path])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let verdict = try #require(object["verdict"] as? [String: Any])
        #expect(verdict["side"] as? String == "kernel")
        #expect((verdict["knownIssues"] as? [String])?.contains("ROCm/ROCm#5724") == true)
        let dumps = try #require(object["devcoredumps"] as? [[String: Any]])
        #expect((dumps.first?["dump"] as? [String: Any])?["kernelRelease"] as? String == "6.12.9-amd64")
    }

    @Test func aDumpMixedWithAnApplicationLogJoinsItsAbortByPid() throws {
        let directory = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let dump = directory.appendingPathComponent("devcd1.txt")
        try DevcoredumpFixtureTree.dumpText(pid: 4242, comm: "python3").write(
            to: dump,
            atomically: true,
            encoding: .utf8
        )
        let log = directory.appendingPathComponent("dmesg.txt")
        try "[ 12.000000] amdgpu 0000:c3:00.0: amdgpu: [gfxhub] page fault (src_id:0 ring:24 vmid:8 pasid:32803)\n"
            .write(to: log, atomically: true, encoding: .utf8)
        let output = try ProcessRunner.run(rocfault, ["check", "--json"] + rules + [log.path, dump.path])
        #expect(output.status == 0, "\(output.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect((object["verdict"] as? [String: Any])?["side"] as? String == "kernel")
    }
}
