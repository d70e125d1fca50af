import Foundation
import Testing

/// `rocfault explain` as a user runs it: the built binary, lines as arguments or on standard input.
@Suite struct ExplainCommandTests {
    let rocfault = ProcessRunner.executable("rocfault")
    let rules = ["--rules", ProcessRunner.rulesDirectory]

    func answers(_ output: ProcessRunner.Output) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [[String: Any]])
    }

    @Test func knownLinesOnStandardInputGiveOneObjectEachAndExitZero() throws {
        let lines = """
            [  518.050606] amdgpu 0000:03:00.0: SMU: No response msg_reg: 6 resp_reg: 0
            amdgpu: Failed to map wptr bo to GART
            Memory access fault by GPU node-1 (Agent handle: 0x1) on address 0x7f. Reason: Page not present or supervisor privilege.

            """
        let output = try ProcessRunner.run(rocfault, ["explain", "--json=short"] + rules + ["-"], stdin: lines)
        #expect(output.status == 0, "\(output.stderr)")
        let objects = try answers(output)
        #expect(objects.map { $0["side"] as? String } == ["kernel", "kernel", "userspace"])
        #expect(objects[0]["subsystem"] as? String == "SMU/PM")
        #expect(objects[0]["catalogSide"] as? String == "kernel-fault")
        #expect((objects[0]["kernels"] as? [String])?.isEmpty == false)
        #expect(objects.allSatisfy { ($0["meaning"] as? String)?.isEmpty == false })
    }

    @Test func anUnknownOrOtherVendorLineExitsOneAndIsNotKernel() throws {
        let output = try ProcessRunner.run(
            rocfault,
            ["explain", "--json=short"] + rules + [
                "amdgpu 0000:03:00.0: amdgpu: SMU is initialized successfully!",
                "xe 0000:00:02.0: [drm] *ERROR* GT0: engine reset failed",
            ]
        )
        #expect(output.status == 1)
        let sides = try answers(output).compactMap { $0["side"] as? String }
        #expect(sides.count == 2)
        #expect(sides[0] == "unknown")
        #expect(sides[1] != "kernel" && sides[1] != "userspace")
    }

    @Test func wordsNameSideMeaningAndActions() throws {
        let output = try ProcessRunner.run(
            rocfault,
            ["explain"] + rules + ["amdgpu: Failed to pin bo. ret -1"],
            environment: ["NO_COLOR": "1"]
        )
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("kernel-fault"))
        #expect(output.stdout.contains("meaning: "))
        #expect(output.stdout.contains("do now: "))
        #expect(output.stdout.contains("kernels: 6.1"))
    }

    @Test func aWedgeOnAnotherVendorsDeviceIsNotAMDEvidence() throws {
        let directory = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = directory.appendingPathComponent("dmesg.txt")
        try "[ 4242.000001] xe 0000:00:02.0: [drm] device wedged, needs recovery\n"
            .write(to: log, atomically: true, encoding: .utf8)
        let output = try ProcessRunner.run(rocfault, ["check", "--json=short"] + rules + [log.path])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let verdict = try #require(object["verdict"] as? [String: Any])
        #expect(verdict["side"] as? String == "none")
        #expect(verdict["class"] as? String == "other-gpu")
        let amd = try ProcessRunner.run(
            rocfault,
            ["explain", "--json=short"] + rules + ["amdgpu 0000:03:00.0: [drm] device wedged, needs recovery"]
        )
        #expect(try answers(amd).first?["side"] as? String == "kernel")
    }
}
