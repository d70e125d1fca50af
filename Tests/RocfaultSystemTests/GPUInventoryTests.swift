import Foundation
import RocfaultCore
import RocfaultTestKit
import Testing

@testable import RocfaultSystem

@Suite("GPU inventory over a sysfs tree")
struct GPUInventoryTests {
    @Test("Finds both cards, skips connectors and the version file, and orders by card number")
    func findsCards() {
        let fixture = SysfsFixture()
        let devices = GPUInventory(sysfsRoot: fixture.root).devices()
        #expect(devices.map(\.card) == [SysfsFixture.nvidia.card, SysfsFixture.apu.card])
    }

    @Test("Reads the AMD APU's PCI identity, driver, memory, VBIOS and firmware")
    func readsAPU() throws {
        let fixture = SysfsFixture()
        let expected = SysfsFixture.apu
        let gpu = try #require(GPUInventory(sysfsRoot: fixture.root).devices().first { $0.card == expected.card })
        #expect(gpu.isAMD)
        #expect(gpu.pciAddress?.description == expected.slot)
        #expect(gpu.vendorID == expected.vendor)
        #expect(gpu.deviceID == expected.device)
        #expect(gpu.subsystemVendorID == expected.subsystemVendor)
        #expect(gpu.subsystemDeviceID == expected.subsystemDevice)
        #expect(gpu.revision == expected.revision)
        #expect(gpu.driver == expected.driver)
        #expect(gpu.renderNode == expected.render)
        #expect(gpu.vramTotalBytes == expected.vramTotal)
        #expect(gpu.gttTotalBytes == expected.gttTotal)
        #expect(gpu.vbiosVersion == expected.vbios)
        #expect(Dictionary(uniqueKeysWithValues: gpu.firmware.map { ($0.name, $0.value) }) == expected.firmware)
        #expect(gpu.firmware.map(\.name) == expected.firmware.keys.sorted())
        let mes = try #require(gpu.firmware(named: "mes"))
        #expect(mes.hex == fixture.hex(UInt64(expected.firmware["mes"]!), 8))
        #expect(gpu.syspath.hasSuffix("/\(expected.slot)/drm/\(expected.card)"))
    }

    @Test("Names the makers of the machine's GPUs by their PCI vendor ids")
    func namesTheMakers() {
        let fixture = SysfsFixture()
        #expect(GPUInventory(sysfsRoot: fixture.root).vendors() == [.amd, .nvidia])
        #expect(GPUInventory(sysfsRoot: fixture.root + "/nonexistent").vendors().isEmpty)
    }

    @Test("Links the APU to its KFD node and names the gfx target")
    func linksKFD() throws {
        let fixture = SysfsFixture()
        let gpu = try #require(GPUInventory(sysfsRoot: fixture.root).amdDevices().first)
        let node = try #require(gpu.kfdNode)
        #expect(node.node == SysfsFixture.apuNode)
        #expect(node.gpuID == SysfsFixture.apuGPUID)
        #expect(node.gfxTargetVersion == UInt64(SysfsFixture.apuTargetVersion))
        #expect(gpu.gfxTarget == "gfx1151")
        #expect(node.pciAddress == gpu.pciAddress)
        #expect(node.renderNode == gpu.renderNode)
    }

    @Test("Lists the NVIDIA card but flags it as not AMD, without a KFD node")
    func flagsNVIDIA() throws {
        let fixture = SysfsFixture()
        let inventory = GPUInventory(sysfsRoot: fixture.root)
        let nvidia = try #require(inventory.devices().first { $0.card == SysfsFixture.nvidia.card })
        #expect(!nvidia.isAMD)
        #expect(nvidia.driver == SysfsFixture.nvidia.driver)
        #expect(nvidia.kfdNode == nil)
        #expect(nvidia.vramTotalBytes == nil)
        #expect(nvidia.firmware.isEmpty)
        #expect(inventory.amdDevices().map(\.card) == [SysfsFixture.apu.card])
    }

    @Test("Falls back to the render minor when the KFD node has no location")
    func matchesByRenderMinor() throws {
        let fixture = SysfsFixture()
        fixture.addGPUNode(
            SysfsFixture.apu,
            node: SysfsFixture.apuNode,
            gpuID: SysfsFixture.apuGPUID,
            target: 90010,
            withLocation: false
        )
        let gpu = try #require(GPUInventory(sysfsRoot: fixture.root).amdDevices().first)
        #expect(gpu.kfdNode?.node == SysfsFixture.apuNode)
        #expect(gpu.kfdNode?.pciAddress == nil)
        #expect(gpu.gfxTarget == "gfx90a")
    }

    @Test("Reads the CPU node too, and does not call it a GPU")
    func readsCPUNode() {
        let fixture = SysfsFixture()
        let nodes = KFDTopology(sysfsRoot: fixture.root).nodes()
        #expect(nodes.map(\.node) == [0, SysfsFixture.apuNode])
        #expect(nodes.first?.isGPU == false)
        #expect(nodes.first?.properties["cpu_cores_count"] == 32)
        #expect(nodes.first?.gfxTarget == nil)
    }

    @Test("An empty or missing tree yields no devices and no nodes")
    func emptyTree() {
        let tree = TemporaryTree()
        #expect(GPUInventory(sysfsRoot: tree.root).devices().isEmpty)
        #expect(GPUInventory(sysfsRoot: tree.root + "/missing").devices().isEmpty)
        #expect(KFDTopology(sysfsRoot: tree.root).nodes().isEmpty)
    }
}
