import Foundation
import Glibc

/// A sysfs tree laid out as a machine with an amdgpu device coredump has it:
/// `class/devcoredump/devcd1 -> ../../devices/virtual/devcoredump/devcd1`, which holds `data` and
/// `failing_device -> ../../../pci0000:00/0000:00:08.1/0000:c3:00.0`, whose `driver` links to amdgpu.
struct DevcoredumpFixtureTree {
    let root: URL
    static let pciDevice = "pci0000:00/0000:00:08.1/0000:c3:00.0"

    var sysfs: String { root.appendingPathComponent("sys").path }

    init(root: URL) throws {
        self.root = root
        let fileManager = FileManager.default
        try fileManager.createDirectory(atPath: sysfs + "/devices/" + Self.pciDevice, withIntermediateDirectories: true)
        try fileManager.createDirectory(atPath: sysfs + "/bus/pci/drivers/amdgpu", withIntermediateDirectories: true)
        try fileManager.createSymbolicLink(
            atPath: sysfs + "/devices/" + Self.pciDevice + "/driver",
            withDestinationPath: "../../../../bus/pci/drivers/amdgpu"
        )
        try fileManager.createDirectory(atPath: sysfs + "/class/devcoredump", withIntermediateDirectories: true)
        try fileManager.createDirectory(
            atPath: sysfs + "/devices/virtual/devcoredump",
            withIntermediateDirectories: true
        )
    }

    /// Adds `devcdN` holding `text`, as the kernel does when a driver calls `dev_coredumpm`.
    func addDump(_ name: String, text: String) throws {
        let fileManager = FileManager.default
        let device = sysfs + "/devices/virtual/devcoredump/" + name
        try fileManager.createDirectory(atPath: device, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: device + "/data"))
        try fileManager.createSymbolicLink(
            atPath: device + "/failing_device",
            withDestinationPath: "../../../" + Self.pciDevice
        )
        try fileManager.createSymbolicLink(
            atPath: sysfs + "/class/devcoredump/" + name,
            withDestinationPath: "../../devices/virtual/devcoredump/" + name
        )
    }

    /// Adds `devcdN` whose `data` is a FIFO: reading it blocks until the test writes the dump, as a
    /// driver slow to produce a large dump would. Returns the FIFO's path.
    func addSlowDump(_ name: String) throws -> String {
        let fileManager = FileManager.default
        let device = sysfs + "/devices/virtual/devcoredump/" + name
        try fileManager.createDirectory(atPath: device, withIntermediateDirectories: true)
        guard mkfifo(device + "/data", 0o600) == 0 else { throw CocoaError(.fileWriteUnknown) }
        try fileManager.createSymbolicLink(
            atPath: device + "/failing_device",
            withDestinationPath: "../../../" + Self.pciDevice
        )
        try fileManager.createSymbolicLink(
            atPath: sysfs + "/class/devcoredump/" + name,
            withDestinationPath: "../../devices/virtual/devcoredump/" + name
        )
        return device + "/data"
    }

    func data(_ name: String) throws -> String {
        try String(contentsOfFile: sysfs + "/class/devcoredump/\(name)/data", encoding: .utf8)
    }

    /// The kernel's monotonic clock now, as a devcoredump's `time:` line writes it.
    static func monotonicTimeLine() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        let nanos = String(spec.tv_nsec)
        return "time: \(spec.tv_sec).\(String(repeating: "0", count: 9 - nanos.count))\(nanos)"
    }

    /// An amdgpu 6.12 dump (format strings of `amdgpu_dev_coredump.c`): a compute ring timed out in
    /// `comm` (`pid`) on GC 11.5.1 with MES firmware 0x83, after a page fault.
    static func dumpText(pid: Int32, comm: String) -> String {
        """
        **** AMDGPU Device Coredump ****
        version: 1
        kernel: 6.12.9-amd64
        module: amdgpu
        \(monotonicTimeLine())
        process_name: \(comm) PID: \(pid)

        SOC Information
        SOC Device id: 5510
        SOC PCI Revision id: 193
        SOC Family: 150
        SOC Revision id: 0
        SOC External Revision id: 1

        HW IP Version Information
        HWIP: GC[1][0]: v11.5.1.0.0
        HWIP: SDMA0[3][0]: v6.1.1.0.0

        IP Firmwares
        ME feature version: 35, fw version: 0x0000007a
        MEC feature version: 35, fw version: 0x00000089
        MES_KIQ feature version: 6, fw version: 0x0000006f
        MES feature version: 1, fw version: 0x00000083

        VBIOS Information
        vbios name       : STRIX_HALO
        vbios pn         : 113-STRXLGEN-001
        vbios version    : 0
        vbios ver_str    : 023.011.000.039.000001
        vbios date       : 2025/01/10 10:00

        Ring timed out details
        IP Type: 1 Ring Name: comp_1.0.0

        [gfxhub] Page fault observed
        Faulty page starting at address: 0x00007f3a58f7f000
        Protection fault status register: 0x800932

        IP Dump
        Ring buffer information
        ring name: comp_1.0.0
        Rptr: 0x100 Wptr: 0x100 RB mask: 3fff
        Ring size in dwords: 16384
        Ring contents
        Offset \t Value
        0x0 \t 0xffff1000

        """
    }
}
