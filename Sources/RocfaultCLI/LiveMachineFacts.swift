import RocfaultCore
import RocfaultReport
import RocfaultSystem

/// The machine as `rocfault report` describes it: system facts (kernel, parameters, distribution,
/// DMI, CPU, ROCm and package versions) and the GPUs from the inventory (sysfs, udev, KFD).
struct LiveMachineFacts: MachineFactsSource {
    func collect() -> MachineFacts {
        let system = SystemFactsCollector().collect()
        var facts = MachineFacts()
        facts.kernel =
            [system.kernelRelease, system.kernelVersion, system.architecture].compactMap { $0 }
            .joined(separator: " ").nonEmpty
        facts.kernelParameters = system.kernelParameters
        facts.distribution = system.distribution
        facts.cpu = system.cpuModel
        facts.rocmVersion = system.rocmVersion ?? system.packages["rocm-core"]
        facts.hipVersion = system.packages["hip-runtime-amd"] ?? system.packages["rocm-hip-runtime"]
        facts.mesaVersion = system.packages["mesa-vulkan-drivers"]
        facts.linuxFirmwareVersion =
            system.packages["linux-firmware"] ?? system.packages["firmware-amd-graphics"]
            ?? system.packages["amd-gpu-firmware"]
        facts.bios =
            [system.dmi.biosVersion, system.dmi.biosDate.map { "(\($0))" }].compactMap { $0 }
            .joined(separator: " ").nonEmpty
        facts.board =
            [system.dmi.systemVendor, system.dmi.productName, system.dmi.boardVendor, system.dmi.boardName]
            .compactMap { $0 }.joined(separator: " / ").nonEmpty
        facts.packages = system.packages
        if let module = system.amdgpuModuleVersion { facts.packages["amdgpu module (DKMS)"] = module }
        if !system.rocmInstallations.isEmpty {
            facts.packages["ROCm trees"] = system.rocmInstallations.joined(separator: " ")
        }
        facts.gpus = GPUInventory().amdDevices().map(Self.gpu)
        if facts.gpus.isEmpty { facts.notes.append("no AMD GPU found in /sys/class/drm") }
        if system.packages.isEmpty { facts.notes.append("package versions: neither dpkg-query nor rpm answered") }
        let checks = DoctorBearing.installedChecks()
        facts.doctor = DoctorReport(
            facts: DoctorFactReader(environment: DoctorBearing.currentEnvironment()).read(),
            checks: checks
        )
        if checks.isEmpty { facts.notes.append("doctor checks: the rule files could not be loaded") }
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

extension String {
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
