/// What an amdgpu device coredump (`/sys/class/devcoredump/devcdN/data`) says, as parsed from its
/// text (`drivers/gpu/drm/amd/amdgpu/amdgpu_dev_coredump.c`). Every part is optional: kernels
/// before 6.10 print no IP versions or firmware, and a dump without a guilty job names no ring.
package struct Devcoredump: Sendable, Hashable, Codable {
    /// The dump format version (`version: 1`).
    package var formatVersion: String?
    /// The kernel release the dump came from (`kernel: 6.12.9-amd64`).
    package var kernelRelease: String?
    /// The module (`amdgpu`).
    package var module: String?
    /// When the reset happened, on the kernel's monotonic clock (`time: 1234.567890123`), in µs.
    package var monotonicMicroseconds: UInt64?
    /// The process whose job was guilty (`process_name: python3 PID: 4242`).
    package var process: Process?
    /// PCI device id (`SOC Device id: 5510`), decimal as printed.
    package var deviceID: Int?
    /// Hardware IP versions (`HWIP: GC[1][0]: v11.5.1.0.0`).
    package var ipVersions: [IPVersion] = []
    /// Firmware versions (`MES feature version: 1, fw version: 0x00000083`), in dump order.
    package var firmware: [Firmware] = []
    /// The VBIOS fields (`vbios name`, `vbios pn`, `vbios version`, `vbios ver_str`, `vbios date`).
    package var vbios: [String: String] = [:]
    /// The ring whose job timed out (`Ring timed out details`).
    package var ringTimeout: RingTimeout?
    /// The last VM page fault the driver saw (`[gfxhub] Page fault observed`).
    package var pageFault: PageFault?
    /// Whether VRAM was lost in the reset (`VRAM is lost due to GPU reset!`).
    package var vramLost = false

    /// Creates an empty dump.
    package init() {}

    /// The guilty process.
    package struct Process: Sendable, Hashable, Codable {
        /// Its task name.
        package var name: String
        /// Its pid.
        package var pid: Int32

        /// Creates one.
        package init(name: String, pid: Int32) {
            self.name = name
            self.pid = pid
        }
    }

    /// One hardware IP block version.
    package struct IPVersion: Sendable, Hashable, Codable {
        /// The block (`GC`, `SDMA0`, `MMHUB`, `UVD/JPEG/VCN`).
        package var block: String
        /// The instance.
        package var instance: Int
        /// Major, minor, revision, variant, sub-revision.
        package var numbers: [Int]

        /// Creates one.
        package init(block: String, instance: Int, numbers: [Int]) {
            self.block = block
            self.instance = instance
            self.numbers = numbers
        }

        /// `11.5.1`.
        package var shortVersion: String { numbers.prefix(3).map(String.init).joined(separator: ".") }
    }

    /// One firmware's versions.
    package struct Firmware: Sendable, Hashable, Codable {
        /// The name as printed, with spaces replaced by `_` (`MES`, `MES_KIQ`, `PSP_SOS`, `SDMA0`).
        package var name: String
        /// The feature version.
        package var feature: UInt64
        /// The firmware version.
        package var version: UInt64

        /// Creates one.
        package init(name: String, feature: UInt64, version: UInt64) {
            self.name = name
            self.feature = feature
            self.version = version
        }

        /// The version as the kernel prints it: `0x00000083`.
        package var hexVersion: String { Devcoredump.hex(version, width: 8) }
    }

    /// The timed-out ring.
    package struct RingTimeout: Sendable, Hashable, Codable {
        /// `enum amdgpu_ring_type` (0 gfx, 1 compute, 2 sdma, ...).
        package var ipType: Int
        /// The ring (`comp_1.0.0`, `gfx_0.0.0`).
        package var name: String

        /// Creates one.
        package init(ipType: Int, name: String) {
            self.ipType = ipType
            self.name = name
        }

        /// The ring type's name.
        package var typeName: String {
            let names = ["gfx", "compute", "sdma", "uvd", "vce", "kiq", "uvd_enc", "vcn_dec", "vcn_enc", "vcn_jpeg"]
            return names.indices.contains(ipType) ? names[ipType] : "type \(ipType)"
        }
    }

    /// The fault the VM manager recorded last.
    package struct PageFault: Sendable, Hashable, Codable {
        /// `gfxhub` or `mmhub`.
        package var hub: String
        /// The faulting page.
        package var address: UInt64
        /// The protection fault status register.
        package var status: UInt64

        /// Creates one.
        package init(hub: String, address: UInt64, status: UInt64) {
            self.hub = hub
            self.address = address
            self.status = status
        }

        /// Whether the dump names a fault (the kernel prints zeros when none happened).
        package var isPresent: Bool { address != 0 || status != 0 }
    }

    /// The graphics core's version (`GC` instance 0).
    package var graphicsCore: IPVersion? { ipVersions.first { $0.block == "GC" && $0.instance == 0 } }

    /// The LLVM target of the graphics core (`GC 11.5.1` is `gfx1151`, `GC 9.4.3` is `gfx942`).
    package var gfxTarget: String? {
        guard let core = graphicsCore, core.numbers.count >= 3 else { return nil }
        let (major, minor, revision) = (core.numbers[0], core.numbers[1], core.numbers[2])
        if major == 9 { return Self.gc9Targets["\(minor).\(revision)"] }
        guard major >= 10, minor < 16, revision < 16 else { return nil }
        return "gfx\(major)" + String(minor, radix: 16) + String(revision, radix: 16)
    }

    /// GC 9.x versions are not spelled like their targets.
    private static let gc9Targets: [String: String] = [
        "0.1": "gfx900", "1.0": "gfx902", "2.1": "gfx904", "4.0": "gfx906", "2.2": "gfx909", "4.1": "gfx908",
        "3.0": "gfx90c", "4.2": "gfx90a", "4.3": "gfx942", "4.4": "gfx942", "5.0": "gfx950",
    ]

    /// A firmware by name, case-insensitively (`mes`).
    package func firmware(named name: String) -> Firmware? {
        firmware.first { $0.name.lowercased() == name.lowercased() }
    }

    static func hex(_ value: UInt64, width: Int) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
