import Foundation
import RocfaultTestKit
import Testing

@testable import RocfaultSystem
import RocfaultPlatform

@Suite("GPU inventory with damaged sysfs")
struct GPUInventoryBadInputTests {
    /// A sysfs file that even root cannot read (write-only), so reads fail with EACCES.
    static let writeOnlyFile = "/sys/bus/pci/rescan"

    @Test("Garbage, directories, FIFOs and unreadable files become nil, never a crash or a hang")
    func garbage() throws {
        let fixture = SysfsFixture()
        let device = SysfsFixture.apu.devicePath
        fixture.tree.file("\(device)/vendor", bytes: [0xff, 0xfe, 0x00, 0x41])
        fixture.tree.remove("\(device)/device")
        fixture.tree.directory("\(device)/device")
        fixture.tree.remove("\(device)/mem_info_vram_total")
        fixture.tree.fifo("\(device)/mem_info_vram_total")
        fixture.tree.file("\(device)/mem_info_gtt_total", "-12 bytes\n")
        fixture.tree.file("\(device)/fw_version/vcn_fw_version", "not a number\n")
        fixture.tree.file("\(device)/fw_version/huge_fw_version", "0x1ffffffff\n")
        fixture.tree.file("\(device)/fw_version/_fw_version", "0x1\n")
        fixture.tree.remove("\(device)/revision")
        if FileManager.default.fileExists(atPath: Self.writeOnlyFile) {
            fixture.tree.link("\(device)/revision", to: Self.writeOnlyFile)
        }
        fixture.tree.file(
            "class/kfd/kfd/topology/nodes/1/properties",
            bytes: [0x00, 0xff, 0x0a, 0x20, 0x0a] + Array("gfx_target_version banana\nlocation_id\n".utf8)
        )
        fixture.tree.directory("class/kfd/kfd/topology/nodes/7")
        fixture.tree.directory("class/kfd/kfd/topology/nodes/notanumber")

        let gpu = try #require(
            GPUInventory(sysfsRoot: fixture.root).devices().first { $0.card == SysfsFixture.apu.card }
        )
        #expect(gpu.vendorID == nil)
        #expect(!gpu.isAMD)
        #expect(gpu.deviceID == nil)
        #expect(gpu.revision == nil)
        #expect(gpu.vramTotalBytes == nil)
        #expect(gpu.gttTotalBytes == nil)
        #expect(gpu.firmware.map(\.name) == SysfsFixture.apu.firmware.keys.sorted())
        #expect(gpu.kfdNode == nil)
        #expect(gpu.pciAddress?.description == SysfsFixture.apu.slot)
    }

    @Test("Root gets EACCES from a write-only sysfs file, and the reader returns nil")
    func permissionDenied() throws {
        try #require(FileManager.default.fileExists(atPath: Self.writeOnlyFile))
        errno = 0
        #expect(FileIO.read(Self.writeOnlyFile) == nil)
        #expect(errno == EACCES)
    }

    @Test("Without a uevent file the PCI address comes from the resolved device link")
    func addressFromLink() throws {
        let fixture = SysfsFixture()
        fixture.tree.remove("\(SysfsFixture.apu.devicePath)/uevent")
        let gpu = try #require(GPUInventory(sysfsRoot: fixture.root).amdDevices().first)
        #expect(gpu.pciAddress?.description == SysfsFixture.apu.slot)
        #expect(gpu.driver == SysfsFixture.apu.driver)
    }

    @Test("A card without a device link is listed with its name only")
    func cardWithoutDevice() throws {
        let tree = TemporaryTree()
        tree.directory("devices/virtual/drm/card3")
        tree.link("class/drm/card3", to: "../../devices/virtual/drm/card3")
        let devices = GPUInventory(sysfsRoot: tree.root).devices()
        #expect(devices.map(\.card) == ["card3"])
        #expect(devices.first?.vendorID == nil)
        #expect(devices.first?.pciAddress == nil)
    }
}
