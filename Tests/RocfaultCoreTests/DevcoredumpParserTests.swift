import Testing

@testable import RocfaultCore

@Suite struct DevcoredumpParserTests {
    @Test func readsEveryPartOfA612Dump() throws {
        let dump = try DevcoredumpParser.parse(DevcoredumpFixtures.kernel6_12())
        #expect(dump.kernelRelease == "6.12.9-amd64")
        #expect(dump.module == "amdgpu")
        #expect(dump.monotonicMicroseconds == 5_321_123_456)
        #expect(dump.process == Devcoredump.Process(name: "python3", pid: 4242))
        #expect(dump.deviceID == 5510)
        #expect(dump.graphicsCore?.shortVersion == "11.5.1")
        #expect(dump.gfxTarget == "gfx1151")
        #expect(dump.ipVersions.map(\.block) == ["GC", "SDMA0", "MMHUB", "UVD/JPEG/VCN"])
        #expect(dump.firmware(named: "mes")?.version == 0x83)
        #expect(dump.firmware(named: "MES")?.feature == 1)
        #expect(dump.firmware(named: "MES_KIQ")?.version == 0x6f)
        #expect(dump.firmware(named: "SMC")?.version == 0x0064_4600)
        #expect(dump.firmware(named: "SDMA0")?.version == 0x10)
        #expect(dump.firmware(named: "TA_XGMI")?.version == 0)
        #expect(dump.vbios["vbios ver_str"] == "023.011.000.039.000001")
        #expect(dump.ringTimeout == Devcoredump.RingTimeout(ipType: 1, name: "comp_1.0.0"))
        #expect(dump.ringTimeout?.typeName == "compute")
        #expect(dump.pageFault == Devcoredump.PageFault(hub: "gfxhub", address: 0x7f12_3400_0, status: 0x0080_0932))
        #expect(!dump.vramLost)
    }

    @Test func readsThe69FormatWithoutIPVersionsOrFirmware() throws {
        let dump = try DevcoredumpParser.parse(DevcoredumpFixtures.kernel6_9(ring: "gfx_0.0.0", process: ("kwin", 911)))
        #expect(dump.kernelRelease == "6.9.12-amd64")
        #expect(dump.process?.pid == 911)
        #expect(dump.ringTimeout?.name == "gfx_0.0.0")
        #expect(dump.vramLost)
        #expect(dump.firmware.isEmpty)
        #expect(dump.gfxTarget == nil)
        #expect(dump.pageFault == nil)
        #expect(
            dump.evidenceText
                == "amdgpu devcoredump: ring gfx_0.0.0 (gfx) timed out; process kwin pid 911; kernel 6.9.12-amd64"
        )
    }

    @Test func aDumpWithoutAGuiltyJobNamesNoRingNorProcess() throws {
        let text = DevcoredumpFixtures.kernel6_12(ring: nil, fault: nil, process: nil)
        let dump = try DevcoredumpParser.parse(text)
        #expect(dump.ringTimeout == nil)
        #expect(dump.process == nil)
        #expect(dump.pageFault?.isPresent == false)
        #expect(dump.evidenceText.hasPrefix("amdgpu devcoredump: GPU reset; gfx1151 (GC 11.5.1); fw "))
        #expect(!dump.evidenceText.contains("page fault"))
    }

    @Test func processNamesWithSpacesSplitAtTheLastPID() throws {
        var text = DevcoredumpFixtures.header(
            kernel: "6.12.0",
            seconds: 1,
            nanoseconds: 5,
            process: ("Web Content PID: x", 77)
        )
        text += "\nRing timed out details\nIP Type: 2 Ring Name: sdma0\n"
        let dump = try DevcoredumpParser.parse(text)
        #expect(dump.process == Devcoredump.Process(name: "Web Content PID: x", pid: 77))
        #expect(dump.monotonicMicroseconds == 1_000_000)
        #expect(dump.ringTimeout?.typeName == "sdma")
    }

    @Test(arguments: [(9, 4, 2, "gfx90a"), (9, 4, 3, "gfx942"), (10, 3, 0, "gfx1030"), (12, 0, 1, "gfx1201")])
    func graphicsCoreVersionsNameTheirTarget(major: Int, minor: Int, revision: Int, target: String) throws {
        let dump = try DevcoredumpParser.parse(DevcoredumpFixtures.kernel6_12(gc: (major, minor, revision)))
        #expect(dump.gfxTarget == target)
    }

    @Test func hostileValuesParseWithoutTrapping() throws {
        var text = DevcoredumpParser.banner + "\n"
        text += "time: 99999999999999999999.5\ntime: 18446744073709.999999\n"
        text += "SOC Device id: -5\nprocess_name:  PID: 99999999999\nprocess_name: x PID: -3\n"
        text += "HWIP: GC[1][0]: v-1.-2.3.0.0\nHWIP: GC[1][99999999999]: v11.5.1\nHWIP: GC[1][0]: v70000.1.1\n"
        text += "MES feature version: 99999999999999999999, fw version: 0xffffffffffffffffff\n"
        text += "[gfxhub Page fault observed\nFaulty page starting at address: 0xzz\n"
        text += "Ring timed out details\nIP Type: 999999999999999999999 Ring Name: x\nIP Type: -1 Ring Name: \n"
        let dump = try DevcoredumpParser.parse(text)
        #expect(dump.monotonicMicroseconds == nil)
        #expect(dump.deviceID == nil)
        #expect(dump.process == nil)
        #expect(dump.gfxTarget == nil)
        #expect(dump.firmware.isEmpty)
        #expect(dump.ringTimeout == nil)
        _ = dump.summaryLines
        _ = dump.evidenceText
    }

    @Test func otherTextIsRefusedWithACode() {
        #expect(throws: DevcoredumpParser.ParseError.self) { try DevcoredumpParser.parse("[  12.3] amdgpu: hello\n") }
        do {
            _ = try DevcoredumpParser.parse("iwlwifi firmware dump\n")
        } catch {
            #expect(error.code == "not-a-devcoredump")
        }
        #expect(!DevcoredumpParser.looksLikeDevcoredump(Array("**** Other Coredump ****\n".utf8)))
        #expect(DevcoredumpParser.looksLikeDevcoredump(Array("\n**** AMDGPU Device Coredump ****\r\n".utf8)))
    }

    @Test func theSummaryNamesRingProcessGPUFaultAndFirmware() throws {
        let lines = try DevcoredumpParser.parse(DevcoredumpFixtures.kernel6_12()).summaryLines
        #expect(lines.contains("Ring timed out: comp_1.0.0 (compute, IP type 1)"))
        #expect(lines.contains("Process: python3 (pid 4242)"))
        #expect(lines.contains("GPU: gfx1151 (GC 11.5.1), device id 0x1586"))
        #expect(lines.contains("Page fault (gfxhub): address 0x00000007f1234000, status 0x00800932"))
        #expect(lines.contains { $0.hasPrefix("Firmware: ") && $0.contains("MES 0x00000083") })
        #expect(lines.contains("VBIOS: 023.011.000.039.000001 (113-STRXLGEN-001)"))
    }
}
