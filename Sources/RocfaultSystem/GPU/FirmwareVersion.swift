/// One firmware version from `<device>/fw_version/<name>_fw_version`.
package struct FirmwareVersion: Sendable, Hashable, Codable {
    /// The block name without the suffix: `mes`, `mec`, `smc`, `sdma`.
    package var name: String
    /// The version number as the kernel reports it.
    package var value: UInt32

    /// Creates a version.
    package init(name: String, value: UInt32) {
        self.name = name
        self.value = value
    }

    /// The value the way the kernel prints it: `0x00000083`.
    package var hex: String { TextParsing.hex(UInt64(value), width: 8) }
}
