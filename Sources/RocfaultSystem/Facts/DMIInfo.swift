import RocfaultPlatform
/// Board and firmware identity from `<sysfs>/class/dmi/id/`.
package struct DMIInfo: Sendable, Hashable, Codable {
    /// `board_name`.
    package var boardName: String?
    /// `board_vendor`.
    package var boardVendor: String?
    /// `sys_vendor`.
    package var systemVendor: String?
    /// `product_name`.
    package var productName: String?
    /// `bios_version`.
    package var biosVersion: String?
    /// `bios_date`.
    package var biosDate: String?

    /// Creates a record.
    package init(
        boardName: String? = nil,
        boardVendor: String? = nil,
        systemVendor: String? = nil,
        productName: String? = nil,
        biosVersion: String? = nil,
        biosDate: String? = nil
    ) {
        self.boardName = boardName
        self.boardVendor = boardVendor
        self.systemVendor = systemVendor
        self.productName = productName
        self.biosVersion = biosVersion
        self.biosDate = biosDate
    }

    /// Reads the attributes under `<sysfsRoot>/class/dmi/id`; missing ones stay `nil`.
    package init(sysfsRoot: String) {
        let directory = sysfsRoot + "/class/dmi/id/"
        self.init(
            boardName: FileIO.trimmed(directory + "board_name"),
            boardVendor: FileIO.trimmed(directory + "board_vendor"),
            systemVendor: FileIO.trimmed(directory + "sys_vendor"),
            productName: FileIO.trimmed(directory + "product_name"),
            biosVersion: FileIO.trimmed(directory + "bios_version"),
            biosDate: FileIO.trimmed(directory + "bios_date")
        )
    }
}
