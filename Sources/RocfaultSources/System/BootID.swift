internal import CSystemd
import RocfaultPlatform

/// Formats and reads 128-bit systemd IDs (boot IDs) as 32 lowercase hex digits, the way the
/// journal's `_BOOT_ID` field spells them.
enum BootID {
    /// The running boot's ID, from `sd_id128_get_boot` (`/proc/sys/kernel/random/boot_id`).
    static func current() throws(SystemCallError) -> String {
        var id = sd_id128_t()
        _ = try SystemCall.systemd("sd_id128_get_boot", path: "/proc/sys/kernel/random/boot_id") {
            sd_id128_get_boot(&id)
        }
        return format(id)
    }

    /// `id` as 32 lowercase hex digits.
    static func format(_ id: sd_id128_t) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(32)
        withUnsafeBytes(of: id.bytes) { bytes in
            for byte in bytes {
                text.append(digits[Int(byte >> 4)])
                text.append(digits[Int(byte & 0x0f)])
            }
        }
        return String(decoding: text, as: UTF8.self)
    }
}
