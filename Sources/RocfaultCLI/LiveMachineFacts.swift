import RocfaultReport
import RocfaultSystem

/// The machine as `rocfault report` describes it: GPUs from the GPU inventory (sysfs, udev, KFD).
struct LiveMachineFacts: MachineFactsSource {
    func collect() -> MachineFacts {
        var facts = MachineFacts()
        facts.gpus = GPUInventory().amdDevices().map(Self.gpu)
        if facts.gpus.isEmpty { facts.notes.append("no AMD GPU found in /sys/class/drm") }
        facts.notes.append("kernel, distribution, DMI, CPU and package versions: not collected by this build")
        return facts
    }

    static func gpu(_ device: GPUDevice) -> GPUFacts {
        let ids = [device.vendorID, device.deviceID].compactMap { $0 }.map { String($0, radix: 16) }
        var gpu = GPUFacts(name: device.kfdNode?.name ?? "AMD GPU \(ids.joined(separator: ":")) (\(device.card))")
        gpu.pciAddress = device.pciAddress.map { "\($0)" }
        gpu.gfxTarget = device.gfxTarget
        gpu.vramBytes = device.vramTotalBytes
        gpu.gttBytes = device.gttTotalBytes
        gpu.vbios = device.vbiosVersion
        for firmware in device.firmware { gpu.firmware[firmware.name] = firmware.hex }
        return gpu
    }
}
