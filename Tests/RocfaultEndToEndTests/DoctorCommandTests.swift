import Foundation
import Testing

/// `rocfault doctor` as a user runs it: the built binary on this machine (no AMD GPU) and on the
/// fixture trees with `--root`.
@Suite struct DoctorCommandTests {
    let rocfault = ProcessRunner.executable("rocfault")
    let rules = ["--rules", ProcessRunner.rulesDirectory]
    static let fixtures = ProcessRunner.packageRoot.appendingPathComponent("Tests/Fixtures/doctor")

    @Test func onThisMachineWithoutAnAMDGPUItSaysSoPlainly() throws {
        let output = try ProcessRunner.run(rocfault, ["doctor"] + rules, environment: ["NO_COLOR": "1"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("No AMD GPU on this machine"))
        #expect(output.stdout.contains("no AMD GPU found"))
        #expect(output.stdout.contains("kernel              "))
        let json = try ProcessRunner.run(rocfault, ["doctor", "--json=short"] + rules)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let facts = try #require(object["facts"] as? [String: Any])
        #expect((facts["gpus"] as? [Any])?.isEmpty == true)
        let machine = try #require(facts["machine"] as? [String: Any])
        let release = try #require(machine["kernel.release"] as? [String: Any])
        #expect(release["source"] as? String == "/proc/sys/kernel/osrelease")
    }

    @Test func theStrixHaloTreeGivesItsFindingsAsJSONAndExitsOne() throws {
        let root = Self.fixtures.appendingPathComponent("strix-halo").path
        let output = try ProcessRunner.run(rocfault, ["doctor", "--root", root, "--pid", "4242", "--json"] + rules)
        #expect(output.status == 1, "\(output.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(object["version"] as? Int == 1)
        let findings = try #require(object["findings"] as? [[String: Any]])
        let ids = Set(findings.compactMap { $0["checkID"] as? String })
        #expect(
            ids.isSuperset(of: ["doctor.mes-0x83-gfx11.5", "doctor.gfx1151-old-rocm", "doctor.hsa-override-native"])
        )
        let mes = try #require(findings.first { $0["checkID"] as? String == "doctor.mes-0x83-gfx11.5" })
        #expect(mes["severity"] as? String == "error")
        #expect(mes["gfxTarget"] as? String == "gfx1151")
        #expect((mes["bearsOn"] as? [String])?.contains("page-fault") == true)
        #expect(mes["immediate"] is String && mes["investigate"] is String)
    }

    @Test func theTextNamesTheFileAndValueOfEachFinding() throws {
        let root = Self.fixtures.appendingPathComponent("rdna3-desktop").path
        let output = try ProcessRunner.run(rocfault, ["doctor", "--root", root, "--pid", "4242"] + rules)
        #expect(output.status == 1)
        #expect(output.stdout.contains("read: kernel.release = 7.0.0-28-generic (\(root)/proc/sys/kernel/osrelease)"))
        #expect(output.stdout.contains("ERROR: Ubuntu kernel 7.0.0-28"))
        #expect(output.stdout.contains("2 error, 1 warning, 1 notice, 0 cannot tell"))
    }

    @Test func aCleanTreeExitsZeroAndABadRootIsAUsageError() throws {
        let clean = try ProcessRunner.run(
            rocfault,
            ["doctor", "--root", Self.fixtures.appendingPathComponent("clean").path, "--pid", "4242"] + rules
        )
        #expect(clean.status == 0, "\(clean.stdout)")
        #expect(clean.stdout.contains("none: nothing in the check table applies"))
        let missing = try ProcessRunner.run(rocfault, ["doctor", "--root", "/nonexistent/tree"] + rules)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("--root /nonexistent/tree: no such directory"))
    }
}
