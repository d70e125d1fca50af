import RocfaultPlatform
/// Reads one DRM card directory (`<sysfs>/class/drm/cardN` or the syspath udev gives) and its
/// parent PCI device. Shared by the udev and the plain-sysfs enumeration.
enum DRMDeviceReader {
    /// Whether a `class/drm` entry is a card (`card0`), not a connector (`card0-DP-1`) or render node.
    static func isCardName(_ name: String) -> Bool {
        name.hasPrefix("card") && name.count > 4 && name.dropFirst(4).allSatisfy(\.isASCIIDigit)
    }

    /// Everything sysfs tells about the card; missing or garbled attributes stay `nil`.
    static func read(cardPath: String, card: String) -> GPUDevice {
        let device = cardPath + "/device"
        var gpu = GPUDevice(card: card, syspath: FileIO.resolve(cardPath) ?? cardPath)
        guard FileIO.isDirectory(device) else { return gpu }
        let uevent = FileIO.text(device + "/uevent").map(TextParsing.equalsSeparatedPairs) ?? [:]
        gpu.pciAddress = uevent["PCI_SLOT_NAME"].flatMap(PCIAddress.init) ?? resolvedAddress(device)
        gpu.vendorID = hexAttribute(device + "/vendor").flatMap(UInt16.init(exactly:))
        gpu.deviceID = hexAttribute(device + "/device").flatMap(UInt16.init(exactly:))
        gpu.subsystemVendorID = hexAttribute(device + "/subsystem_vendor").flatMap(UInt16.init(exactly:))
        gpu.subsystemDeviceID = hexAttribute(device + "/subsystem_device").flatMap(UInt16.init(exactly:))
        gpu.revision = hexAttribute(device + "/revision").flatMap(UInt8.init(exactly:))
        gpu.driver = FileIO.readLink(device + "/driver").map(lastComponent) ?? uevent["DRIVER"]
        gpu.vramTotalBytes = FileIO.trimmed(device + "/mem_info_vram_total").flatMap { UInt64($0) }
        gpu.gttTotalBytes = FileIO.trimmed(device + "/mem_info_gtt_total").flatMap { UInt64($0) }
        gpu.vbiosVersion = FileIO.trimmed(device + "/vbios_version")
        gpu.firmware = firmware(device + "/fw_version")
        gpu.renderNode = FileIO.list(device + "/drm").first { $0.hasPrefix("renderD") }
        return gpu
    }

    /// The `*_fw_version` files of a device, sorted by block name; unreadable ones are skipped.
    static func firmware(_ directory: String) -> [FirmwareVersion] {
        let suffix = "_fw_version"
        return FileIO.list(directory).compactMap { file in
            guard file.hasSuffix(suffix), file.count > suffix.count,
                let value = hexAttribute(directory + "/" + file).flatMap(UInt32.init(exactly:))
            else { return nil }
            return FirmwareVersion(name: String(file.dropLast(suffix.count)), value: value)
        }
    }

    private static func hexAttribute(_ path: String) -> UInt64? {
        FileIO.trimmed(path).flatMap { TextParsing.unsigned($0, hexByDefault: true) }
    }

    private static func resolvedAddress(_ device: String) -> PCIAddress? {
        FileIO.resolve(device).map(lastComponent).flatMap(PCIAddress.init)
    }

    static func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
