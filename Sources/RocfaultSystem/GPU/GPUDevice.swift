/// One DRM card with what sysfs tells about its PCI device and, for AMD GPUs, its KFD node.
package struct GPUDevice: Sendable, Hashable, Codable {
    /// The PCI vendor id of AMD/ATI.
    package static let amdVendorID: UInt16 = 0x1002

    /// The card name: `card0`.
    package var card: String
    /// The render node on the same device: `renderD128`.
    package var renderNode: String?
    /// The sysfs directory of the card that was read.
    package var syspath: String
    /// The PCI address of the parent device.
    package var pciAddress: PCIAddress?
    /// PCI vendor id (`0x1002` for AMD).
    package var vendorID: UInt16?
    /// PCI device id.
    package var deviceID: UInt16?
    /// PCI subsystem vendor id.
    package var subsystemVendorID: UInt16?
    /// PCI subsystem device id.
    package var subsystemDeviceID: UInt16?
    /// PCI revision.
    package var revision: UInt8?
    /// The bound kernel driver (`amdgpu`), from the `driver` link.
    package var driver: String?
    /// Total VRAM in bytes (`mem_info_vram_total`).
    package var vramTotalBytes: UInt64?
    /// Total GTT in bytes (`mem_info_gtt_total`).
    package var gttTotalBytes: UInt64?
    /// The VBIOS version string (`vbios_version`).
    package var vbiosVersion: String?
    /// Firmware versions from `fw_version/`, sorted by name.
    package var firmware: [FirmwareVersion]
    /// The KFD topology node of this GPU, when KFD knows it.
    package var kfdNode: KFDNode?

    /// Creates a device record.
    package init(
        card: String,
        renderNode: String? = nil,
        syspath: String,
        pciAddress: PCIAddress? = nil,
        vendorID: UInt16? = nil,
        deviceID: UInt16? = nil,
        subsystemVendorID: UInt16? = nil,
        subsystemDeviceID: UInt16? = nil,
        revision: UInt8? = nil,
        driver: String? = nil,
        vramTotalBytes: UInt64? = nil,
        gttTotalBytes: UInt64? = nil,
        vbiosVersion: String? = nil,
        firmware: [FirmwareVersion] = [],
        kfdNode: KFDNode? = nil
    ) {
        self.card = card
        self.renderNode = renderNode
        self.syspath = syspath
        self.pciAddress = pciAddress
        self.vendorID = vendorID
        self.deviceID = deviceID
        self.subsystemVendorID = subsystemVendorID
        self.subsystemDeviceID = subsystemDeviceID
        self.revision = revision
        self.driver = driver
        self.vramTotalBytes = vramTotalBytes
        self.gttTotalBytes = gttTotalBytes
        self.vbiosVersion = vbiosVersion
        self.firmware = firmware
        self.kfdNode = kfdNode
    }

    /// Whether this is an AMD GPU, the only kind rocfault diagnoses.
    package var isAMD: Bool { vendorID == Self.amdVendorID }

    /// The LLVM target (`gfx1151`) from the KFD node.
    package var gfxTarget: String? { kfdNode?.gfxTarget }

    /// The firmware version of one block, by name (`mes`).
    package func firmware(named name: String) -> FirmwareVersion? {
        firmware.first { $0.name == name }
    }
}
