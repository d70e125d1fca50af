/// The AMD GPUs the daemon knows, with what known-issue matching needs of each (gfx target and
/// firmware versions, read from sysfs), and the choice of the GPU an incident is on.
package struct KnownGPUs: Sendable, Equatable {
    /// One GPU as sysfs described it when last read.
    package struct GPU: Sendable, Equatable {
        /// The DRM card (`card1`).
        package var card: String
        /// The PCI address, lower-case (`0000:c5:00.0`), when known.
        package var pciAddress: String?
        /// The LLVM target (`gfx1151`), when KFD knows the GPU.
        package var gfxTarget: String?
        /// Firmware versions by upper-case name (`MES`, `MES_KIQ`), as `fw_version/*_fw_version` give them.
        package var firmware: [String: UInt64]

        /// Creates a GPU record.
        package init(card: String, pciAddress: String?, gfxTarget: String?, firmware: [String: UInt64]) {
            self.card = card
            self.pciAddress = pciAddress?.lowercased()
            self.gfxTarget = gfxTarget
            self.firmware = firmware
        }

        /// The card with its address: `card1 (0000:c5:00.0)`.
        package var name: String { card + (pciAddress.map { " (\($0))" } ?? "") }

        /// Where its firmware versions were read, as a known-issue match names it.
        package var firmwareSource: String { "sysfs " + name }

        /// For the daemon's log: `card1 (0000:c5:00.0): gfx1151, MES 0x00000083, MEC 0x000000a3`.
        package var summary: String {
            let versions = firmware.sorted { $0.key < $1.key }.map {
                "\($0.key) \(FirmwareReading(name: $0.key, version: $0.value, source: "").hexVersion)"
            }
            return name + ": " + ([gfxTarget ?? "unknown gfx target"] + versions).joined(separator: ", ")
        }
    }

    /// The GPUs, in the order read.
    package private(set) var gpus: [GPU]

    /// Creates the table.
    package init(_ gpus: [GPU] = []) { self.gpus = gpus }

    /// The gfx target all the GPUs share, or nil when they differ or none is known.
    package var sharedGFXTarget: String? {
        let targets = Set(gpus.map(\.gfxTarget))
        guard targets.count == 1, let only = targets.first else { return nil }
        return only
    }

    /// The GPU an incident's evidence is on: the one known GPU whose PCI address its kernel lines
    /// name; with no address named, the only GPU when exactly one is known. Nil when the lines name
    /// another device, or several, or when several GPUs are known and none is named: an unknown
    /// GPU's firmware never matches.
    package func gpu(for evidence: [Evidence]) -> GPU? {
        var named: Set<String> = []
        for item in evidence {
            for line in item.lines where line.origin == .kernel {
                if let address = Incident.firstPCIAddress(in: line.text) { named.insert(address) }
            }
        }
        guard !named.isEmpty else { return gpus.count == 1 ? gpus[0] : nil }
        let known = gpus.filter { $0.pciAddress.map(named.contains) == true }
        return named.count == 1 && known.count == 1 ? known[0] : nil
    }

    /// Whether a device event should make the daemon read its GPUs again: a DRM card or an AMD PCI
    /// function appeared, changed (a reset or wedge is a `change`), was bound, unbound or removed.
    package static func isGPUChange(subsystem: String?, action: String, properties: [String: String]) -> Bool {
        guard ["add", "change", "bind", "unbind", "remove", "online"].contains(action) else { return false }
        switch subsystem {
        case "drm": return true
        case "pci":
            return properties["PCI_ID"]?.uppercased().hasPrefix("1002:") == true || properties["DRIVER"] == "amdgpu"
        default: return false
        }
    }
}
