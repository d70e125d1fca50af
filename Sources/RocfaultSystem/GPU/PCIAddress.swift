/// A PCI function address, written `domain:bus:device.function` as in `0000:c5:00.0`.
package struct PCIAddress: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The PCI segment (domain).
    package var domain: UInt32
    /// The bus number.
    package var bus: UInt8
    /// The device (slot) number, 0 to 31.
    package var device: UInt8
    /// The function number, 0 to 7.
    package var function: UInt8

    /// Creates an address from its parts.
    package init(domain: UInt32, bus: UInt8, device: UInt8, function: UInt8) {
        self.domain = domain
        self.bus = bus
        self.device = device & 0x1f
        self.function = function & 0x07
    }

    /// Parses `0000:c5:00.0` (or `c5:00.0`, domain 0); `nil` for anything else.
    package init?(_ text: String) {
        let parts = text.trimmedWhitespace.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3 else { return nil }
        let slot = parts[parts.count - 1].split(separator: ".", omittingEmptySubsequences: false)
        guard slot.count == 2,
            let domain = parts.count == 3 ? UInt32(parts[0], radix: 16) : 0,
            let bus = UInt8(parts[parts.count - 2], radix: 16),
            let device = UInt8(slot[0], radix: 16), device < 32,
            let function = UInt8(slot[1], radix: 16), function < 8
        else { return nil }
        self.init(domain: domain, bus: bus, device: device, function: function)
    }

    /// Builds the address from the KFD topology's `domain` and `location_id` (`bus << 8 | devfn`).
    package init(domain: UInt32, locationID: UInt32) {
        let devfn = UInt8(locationID & 0xff)
        self.init(domain: domain, bus: UInt8((locationID >> 8) & 0xff), device: devfn >> 3, function: devfn & 7)
    }

    /// The KFD `location_id` for this address.
    package var locationID: UInt32 { UInt32(bus) << 8 | UInt32(device) << 3 | UInt32(function) }

    /// `0000:c5:00.0`.
    package var description: String {
        func digits(_ value: UInt64, _ width: Int) -> String {
            String(TextParsing.hex(value, width: width).dropFirst(2))
        }
        return "\(digits(UInt64(domain), 4)):\(digits(UInt64(bus), 2)):\(digits(UInt64(device), 2)).\(function)"
    }
}
