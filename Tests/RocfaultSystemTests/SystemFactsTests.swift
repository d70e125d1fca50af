import Foundation
import Glibc
import RocfaultTestKit
import Testing

@testable import RocfaultSystem
import RocfaultPlatform

@Suite("Machine facts for bug reports")
struct SystemFactsTests {
    @Test("Reads every fact from fixture trees")
    func fixtureFacts() {
        let files = TemporaryTree()
        files.file("etc/os-release", "NAME=\"Ubuntu\"\nPRETTY_NAME=\"Ubuntu 24.04.2 LTS\"\nID=ubuntu\n")
        files.file("opt/rocm/.info/version", "6.4.1-83\n")
        files.directory("opt/rocm-6.4.1")
        files.directory("opt/rocm-6.3.0")
        files.directory("opt/rocm-smi")
        let proc = TemporaryTree()
        proc.file(
            "cmdline",
            "BOOT_IMAGE=/vmlinuz root=UUID=x ro quiet amdgpu.gttsize=126976 ttm.pages_limit=32505856 "
                + "iommu=pt amd_iommu=off amdgpu.cwsr_enable=0 dyndbg=\"file amdgpu* +p\" splash\n"
        )
        proc.file(
            "cpuinfo",
            "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD RYZEN AI MAX+ 395 w/ Radeon 8060S\n"
        )
        let sysfs = TemporaryTree()
        let dmi = [
            "board_name": "GZ302EA", "board_vendor": "ASUSTeK COMPUTER INC.", "sys_vendor": "ASUSTeK COMPUTER INC.",
            "product_name": "ROG Flow Z13", "bios_version": "GZ302EA.308", "bios_date": "04/01/2025",
        ]
        for (name, value) in dmi { sysfs.file("class/dmi/id/\(name)", value + "\n") }
        sysfs.file("module/amdgpu/version", "6.12.12\n")

        let facts = SystemFactsCollector(
            procRoot: proc.root,
            sysfsRoot: sysfs.root,
            fileRoot: files.root,
            packageQuery: nil
        )
        .collect()
        #expect(facts.distribution == "Ubuntu 24.04.2 LTS")
        #expect(facts.rocmVersion == "6.4.1-83")
        #expect(facts.rocmInstallations == [files.root + "/opt/rocm-6.3.0", files.root + "/opt/rocm-6.4.1"])
        #expect(
            facts.kernelParameters == [
                "amdgpu.gttsize=126976", "ttm.pages_limit=32505856", "iommu=pt", "amd_iommu=off",
                "amdgpu.cwsr_enable=0",
            ]
        )
        #expect(facts.cpuModel == "AMD RYZEN AI MAX+ 395 w/ Radeon 8060S")
        #expect(facts.dmi.boardName == dmi["board_name"])
        #expect(facts.dmi.boardVendor == dmi["board_vendor"])
        #expect(facts.dmi.systemVendor == dmi["sys_vendor"])
        #expect(facts.dmi.productName == dmi["product_name"])
        #expect(facts.dmi.biosVersion == dmi["bios_version"])
        #expect(facts.dmi.biosDate == dmi["bios_date"])
        #expect(facts.amdgpuModuleVersion == "6.12.12")
        #expect(facts.packages.isEmpty)
    }

    @Test("Empty roots give nil and empty facts, never a crash")
    func emptyRoots() {
        let empty = TemporaryTree()
        let facts = SystemFactsCollector(
            procRoot: empty.root,
            sysfsRoot: empty.root,
            fileRoot: empty.root + "/missing",
            packageQuery: nil
        )
        .collect()
        #expect(facts.distribution == nil)
        #expect(facts.rocmVersion == nil)
        #expect(facts.rocmInstallations.isEmpty)
        #expect(facts.kernelParameters.isEmpty)
        #expect(facts.cpuModel == nil)
        #expect(facts.dmi == DMIInfo())
        #expect(facts.amdgpuModuleVersion == nil)
    }

    @Test("On the live system the kernel release matches procfs and the distribution is read")
    func liveFacts() throws {
        let facts = SystemFactsCollector(packageQuery: nil).collect()
        #expect(facts.kernelRelease == FileIO.trimmed("/proc/sys/kernel/osrelease"))
        #expect(facts.kernelVersion == FileIO.trimmed("/proc/sys/kernel/version"))
        let osRelease = try String(contentsOfFile: "/etc/os-release", encoding: .utf8)
        let pretty = try #require(osRelease.split(separator: "\n").first { $0.hasPrefix("PRETTY_NAME=") })
        #expect(facts.distribution.map { "PRETTY_NAME=\"\($0)\"" } == String(pretty))
    }

    @Test("Kernel parameters split outside quotes and only relevant ones are kept")
    func commandLine() {
        #expect(KernelCommandLine.parameters("a  b=\"c d\"\te\n") == ["a", "b=\"c d\"", "e"])
        #expect(
            KernelCommandLine.relevantParameters("quiet amdgpu_foo=1 iommu.strict=0 noiommu") == [
                "amdgpu_foo=1", "iommu.strict=0",
            ]
        )
        #expect(KernelCommandLine.parameters("") == [])
    }

    @Test("CPU models come from x86 and Arm cpuinfo layouts")
    func cpuModels() {
        #expect(SystemFactsCollector.cpuModel("model name\t: AMD EPYC 9654\n") == "AMD EPYC 9654")
        #expect(SystemFactsCollector.cpuModel("processor : 0\nModel : Raspberry Pi 5\n") == "Raspberry Pi 5")
        #expect(SystemFactsCollector.cpuModel("model name\t:\n") == nil)
        #expect(SystemFactsCollector.cpuModel("") == nil)
    }
}
