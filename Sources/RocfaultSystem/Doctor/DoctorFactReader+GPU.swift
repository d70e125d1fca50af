import RocfaultCore

#if canImport(Glibc)
import Glibc
import RocfaultPlatform
#endif

extension DoctorFactReader {
    /// One GPU's facts: target, PCI address, VRAM, GTT, VBIOS, render node and firmware.
    func gpuFacts(_ device: GPUDevice) -> DoctorGPU {
        let card = path("sys/class/drm/" + device.card)
        var facts: [String: DoctorFact] = [:]
        if let node = device.kfdNode, let gfx = node.gfxTarget {
            let properties = path("sys/class/kfd/kfd/topology/nodes/\(node.node)/properties")
            facts["gpu.gfx"] = .known(gfx, from: "\(properties) (gfx_target_version \(node.gfxTargetVersion ?? 0))")
        } else {
            facts["gpu.gfx"] = .unknown(
                "no KFD topology node for this GPU",
                source: path("sys/class/kfd/kfd/topology/nodes")
            )
        }
        if let address = device.pciAddress { facts["gpu.pci"] = .known("\(address)", from: card + "/device/uevent") }
        if let vram = device.vramTotalBytes {
            facts["gpu.vram"] = .known(Self.byteText(vram), from: card + "/device/mem_info_vram_total")
        }
        if let gtt = device.gttTotalBytes {
            facts["gpu.gtt"] = .known(Self.byteText(gtt), from: card + "/device/mem_info_gtt_total")
        }
        if let vbios = device.vbiosVersion { facts["gpu.vbios"] = .known(vbios, from: card + "/device/vbios_version") }
        if let render = device.renderNode { facts["gpu.render-node"] = .known(render, from: card + "/device/drm") }
        facts.merge(firmwareFacts(device), uniquingKeysWith: { first, _ in first })
        let name = [device.card, device.gfxTarget, device.pciAddress.map { "\($0)" }].compactMap { $0 }
        return DoctorGPU(name: name.joined(separator: " "), facts: facts)
    }

    /// `gpu.firmware.NAME` from debugfs `amdgpu_firmware_info` when readable, else the world-readable
    /// `fw_version/NAME_fw_version` files; `gpu.firmware` records what was read or why not.
    func firmwareFacts(_ device: GPUDevice) -> [String: DoctorFact] {
        let debugfs = debugfsFirmwarePath(device)
        var facts: [String: DoctorFact] = [:]
        if let text = FileIO.text(debugfs), !text.isEmpty {
            facts["gpu.firmware"] = .known("read", from: debugfs)
            for (name, value) in FirmwareInfo.parse(text) {
                facts["gpu.firmware." + name] = .known(value, from: debugfs)
            }
            return facts
        }
        let reason = debugfsProblem(debugfs)
        let sysfs = path("sys/class/drm/" + device.card) + "/device/fw_version"
        for version in device.firmware {
            facts["gpu.firmware." + version.name] = .known(version.hex, from: "\(sysfs)/\(version.name)_fw_version")
        }
        // Blocks the sysfs files lack stay unknown with the debugfs reason ("MES version unknown: debugfs needs root").
        facts["gpu.firmware"] = .unknown(reason, source: debugfs)
        return facts
    }

    /// `sys/kernel/debug/dri/<card number>/amdgpu_firmware_info`, or the PCI-named directory newer kernels add.
    func debugfsFirmwarePath(_ device: GPUDevice) -> String {
        let base = path("sys/kernel/debug/dri")
        if let address = device.pciAddress, FileIO.exists("\(base)/\(address)/amdgpu_firmware_info") {
            return "\(base)/\(address)/amdgpu_firmware_info"
        }
        return "\(base)/\(device.card.dropFirst(4))/amdgpu_firmware_info"
    }

    private func debugfsProblem(_ file: String) -> String {
        if isLive && geteuid() != 0 { return "debugfs needs root" }
        if !FileIO.isDirectory(path("sys/kernel/debug/dri")) {
            return isLive ? "debugfs is not mounted at /sys/kernel/debug" : "no debugfs under the root"
        }
        return FileIO.exists(file) ? "unreadable" : "no amdgpu_firmware_info for this GPU"
    }

    /// `512 MiB`, `96.0 GiB`.
    static func byteText(_ bytes: UInt64) -> String {
        let mib = bytes / 1_048_576
        guard mib >= 1024 else { return "\(mib) MiB" }
        let tenths = (bytes * 10 / 1_073_741_824)
        return "\(tenths / 10).\(tenths % 10) GiB"
    }
}
