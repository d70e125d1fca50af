/// Parses debugfs `amdgpu_firmware_info` (`amdgpu_debugfs_firmware_info_show` in amdgpu_kms.c).
///
/// Lines look like `MES feature version: 1, firmware version: 0x00000083`,
/// `SMC feature version: 0, program: 0, firmware version: 0x00646000 (100.96.0)`,
/// `SDMA0 feature version: 60, firmware version: 0x00000014`, `VBIOS version: 113-STRXLGEN-001`.
package enum FirmwareInfo {
    /// Firmware versions by block name as the `fw_version` sysfs files name them: `mes`, `mes_kiq`,
    /// `mec`, `smc`, `sdma` (instance 0), `sdma2` (instance 1), `ta_ras`; and `vbios`.
    package static func parse(_ text: String) -> [String: String] {
        var versions: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            if line.hasPrefix("VBIOS version:") {
                let value = line.dropFirst("VBIOS version:".count).trimmedWhitespace
                if !value.isEmpty { versions["vbios"] = value }
                continue
            }
            guard let feature = line.firstRange(of: " feature version:"),
                let firmware = line.firstRange(of: "firmware version: ")
            else { continue }
            let value = line[firmware.upperBound...].prefix { !$0.isWhitespace }
            guard value.hasPrefix("0x"), value.count > 2 else { continue }
            versions[blockName(line[..<feature.lowerBound])] = String(value)
        }
        return versions
    }

    /// `MES_KIQ` → `mes_kiq`, `TA RAS` → `ta_ras`, `SDMA0` → `sdma`, `SDMA1` → `sdma2`.
    static func blockName(_ label: Substring) -> String {
        let name = label.lowercased().replacingOccurrences(" ", with: "_")
        if name.hasPrefix("sdma"), let instance = Int(name.dropFirst(4)) {
            return instance == 0 ? "sdma" : "sdma\(instance + 1)"
        }
        return name
    }
}

extension String {
    fileprivate func replacingOccurrences(_ target: Character, with replacement: String) -> String {
        String(flatMap { $0 == target ? Array(replacement) : [$0] })
    }
}
