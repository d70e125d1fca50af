/// Converts the KFD `gfx_target_version` number to the LLVM target name ROCm prints.
///
/// The kernel encodes the ISA version as `major * 10000 + minor * 100 + stepping`, all decimal.
/// The name writes the major in decimal and the minor and stepping as one hex digit each:
/// `90010` is `gfx90a`, `110501` is `gfx1151`, `90402` is `gfx942`.
package enum GFXTarget {
    /// The `gfx…` name, or `nil` for `0` (a CPU node) or a value whose minor or stepping
    /// does not fit one hex digit.
    package static func name(forTargetVersion version: UInt64) -> String? {
        let major = version / 10_000
        let minor = (version / 100) % 100
        let stepping = version % 100
        guard major > 0, minor < 16, stepping < 16 else { return nil }
        return "gfx\(major)" + String(minor, radix: 16) + String(stepping, radix: 16)
    }

    /// The `gfx_target_version` number for a `gfx…` name; the inverse of `name(forTargetVersion:)`.
    package static func targetVersion(forName name: String) -> UInt64? {
        guard name.hasPrefix("gfx") else { return nil }
        let digits = Array(name.dropFirst(3).lowercased())
        guard digits.count >= 3,
            let major = UInt64(String(digits.dropLast(2))),
            let minor = UInt64(String(digits[digits.count - 2]), radix: 16),
            let stepping = UInt64(String(digits[digits.count - 1]), radix: 16),
            major > 0
        else { return nil }
        return major * 10_000 + minor * 100 + stepping
    }
}
