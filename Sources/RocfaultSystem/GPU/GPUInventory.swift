package import RocfaultCore
import RocfaultPlatform
/// Finds the GPUs of the machine: DRM cards, their PCI devices and their KFD nodes.
///
/// On the live system (`sysfsRoot == "/sys"`) the cards are enumerated with libudev; elsewhere,
/// or when libudev fails, `<sysfsRoot>/class/drm/card*` is listed. Either way the same reader
/// reads the attributes, so fixture trees exercise the code the daemon runs.
package struct GPUInventory: Sendable {
    /// The sysfs mount point (`/sys`, or a fixture tree in tests).
    package var sysfsRoot: String

    /// Creates an inventory over the given sysfs root.
    package init(sysfsRoot: String = "/sys") {
        self.sysfsRoot = sysfsRoot
    }

    /// All DRM cards with their KFD nodes linked; AMD and other vendors alike (see `GPUDevice.isAMD`).
    package func devices() -> [GPUDevice] {
        if sysfsRoot == "/sys", let found = udevDevices(), !found.isEmpty {
            return found
        }
        return sysfsDevices()
    }

    /// The makers of the machine's GPUs (AMD, Intel, NVIDIA), by their PCI vendor ids.
    package func vendors() -> Set<GPUVendor> {
        Set(devices().compactMap { $0.vendorID.flatMap(GPUVendor.init(pciVendorID:)) })
    }

    /// Only the AMD GPUs.
    package func amdDevices() -> [GPUDevice] { devices().filter(\.isAMD) }

    /// The cards found by listing `<sysfsRoot>/class/drm`.
    package func sysfsDevices() -> [GPUDevice] {
        let drm = sysfsRoot + "/class/drm"
        let cards = FileIO.list(drm).filter(DRMDeviceReader.isCardName).map { (path: drm + "/" + $0, card: $0) }
        return link(cards)
    }

    /// The cards found by libudev on the live system, or `nil` when libudev fails.
    package func udevDevices() -> [GPUDevice]? {
        guard let entries = UdevEnumerator.devices(subsystem: "drm", sysnameGlob: "card[0-9]*") else { return nil }
        let cards = entries.filter { DRMDeviceReader.isCardName($0.sysname) }
        return link(cards.map { (path: $0.syspath, card: $0.sysname) })
    }

    /// The KFD topology nodes, CPU and GPU.
    package func kfdNodes() -> [KFDNode] {
        KFDTopology(sysfsRoot: sysfsRoot).nodes()
    }

    private func link(_ cards: [(path: String, card: String)]) -> [GPUDevice] {
        let nodes = kfdNodes()
        return cards.map { entry in
            var device = DRMDeviceReader.read(cardPath: entry.path, card: entry.card)
            device.kfdNode = KFDTopology.node(for: device, in: nodes)
            if device.renderNode == nil { device.renderNode = device.kfdNode?.renderNode }
            return device
        }
        .sorted { cardNumber($0.card) < cardNumber($1.card) }
    }

    private func cardNumber(_ card: String) -> Int { Int(card.dropFirst(4)) ?? Int.max }
}
