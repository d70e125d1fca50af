import Foundation
import RocfaultTestKit

/// A sysfs tree laid out as an amdgpu machine has it, with one Krackan Point GPU (gfx1152) at a
/// random PCI address (so lines of earlier runs still in the kernel ring never name it):
/// `class/drm/card1 -> ../../devices/pciDDDD:00/DDDD:00:08.1/DDDD:BB:00.0/drm/card1`, the PCI
/// function's `vendor`, `device`, `uevent` and `fw_version/*_fw_version` files, and its KFD node.
struct GPUFirmwareFixtureTree {
    let tree = TemporaryTree(prefix: "rocfault-gpu-firmware")
    let domain = UInt16.random(in: 0x1000...0xfff0)
    let bus = UInt8.random(in: 0x10...0xef)

    var sysfs: String { tree.root }
    /// `DDDD:BB:00.0`, as amdgpu's kernel lines name the GPU.
    var address: String { hex(domain, 4) + ":" + hex(bus, 2) + ":00.0" }
    /// The PCI function's directory under `devices`.
    var devicePath: String { "devices/pci\(hex(domain, 4)):00/\(hex(domain, 4)):00:08.1/\(address)" }
    /// `DEVPATH` of the DRM card in a uevent.
    var cardDevpath: String { "/" + devicePath + "/drm/card1" }

    init(mes: UInt32) {
        let device = devicePath
        tree.file(device + "/vendor", "0x1002\n")
        tree.file(device + "/device", "0x1114\n")
        tree.file(device + "/class", "0x030000\n")
        tree.file(device + "/uevent", "DRIVER=amdgpu\nPCI_CLASS=30000\nPCI_ID=1002:1114\nPCI_SLOT_NAME=\(address)\n")
        tree.directory("bus/pci/drivers/amdgpu")
        tree.link(device + "/driver", to: "../../../../bus/pci/drivers/amdgpu")
        tree.file(device + "/drm/card1/dev", "226:1\n")
        tree.file(device + "/drm/card1/uevent", "MAJOR=226\nMINOR=1\nDEVNAME=dri/card1\nDEVTYPE=drm_minor\n")
        tree.link(device + "/drm/card1/device", to: "../../../" + address)
        tree.link("class/drm/card1", to: "../../" + device + "/drm/card1")
        tree.file(device + "/fw_version/mec_fw_version", "0x0000001d\n")
        tree.file(device + "/fw_version/mes_kiq_fw_version", "0x0000006f\n")
        setMES(mes)
        let node = "devices/virtual/kfd/kfd/topology/nodes/1"
        tree.link("class/kfd/kfd", to: "../../devices/virtual/kfd/kfd")
        tree.file(node + "/gpu_id", "48517\n")
        tree.file(node + "/name", "gfx1152\n")
        tree.file(
            node + "/properties",
            "simd_count 16\ngfx_target_version 110502\nvendor_id 4098\ndevice_id 4372\n"
                + "location_id \(UInt32(bus) << 8)\ndomain \(domain)\ndrm_render_minor 128\n"
        )
    }

    /// Writes the MES version the way amdgpu prints `fw_version/mes_fw_version` (`0x%08x`).
    func setMES(_ version: UInt32) {
        tree.file(devicePath + "/fw_version/mes_fw_version", "0x" + hex(version, 8) + "\n")
    }

    private func hex(_ value: some BinaryInteger, _ width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
