/// amdgpu device coredump texts built line by line from the kernel's format strings
/// (`drivers/gpu/drm/amd/amdgpu/amdgpu_dev_coredump.c`) for the versions whose output differs.
enum DevcoredumpFixtures {
    /// `0x%08x`.
    static func hex8(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }

    /// `0x%016llx`.
    static func hex16(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, 16 - digits.count)) + digits
    }

    /// The header every version prints; `process` only when the job had a pid.
    static func header(kernel: String, seconds: Int, nanoseconds: Int, process: (String, Int)?) -> String {
        var text = "**** AMDGPU Device Coredump ****\n"
        text += "version: 1\n"
        text += "kernel: \(kernel)\n"
        text += "module: amdgpu\n"
        let nanos = String(nanoseconds)
        text += "time: \(seconds).\(String(repeating: "0", count: 9 - nanos.count))\(nanos)\n"
        if let (name, pid) = process { text += "process_name: \(name) PID: \(pid)\n" }
        return text
    }

    /// 6.8 and 6.9: header, the timed-out ring, VRAM lost, the register dump.
    static func kernel6_9(ring: String?, process: (String, Int)?) -> String {
        var text = header(kernel: "6.9.12-amd64", seconds: 5321, nanoseconds: 42_000_001, process: process)
        if let ring {
            text += "\nRing timed out details\n"
            text += "IP Type: 0 Ring Name: \(ring)\n"
        }
        text += "VRAM is lost due to GPU reset!\n"
        text += "AMDGPU register dumps:\nOffset:     Value:\n"
        text += "0x0000263e: 0x00000000\n0x00002d42: 0x12345678\n"
        return text
    }

    /// 6.10 to 6.12 (and current): SOC, memory, GDS, IP versions, firmware, VBIOS, ring, fault, IP
    /// dump, ring contents.
    static func kernel6_12(
        gc: (Int, Int, Int) = (11, 5, 1),
        mes: UInt64 = 0x83,
        ring: (type: Int, name: String)? = (1, "comp_1.0.0"),
        fault: (address: UInt64, status: UInt64)? = (0x7f12_3400_0, 0x0080_0932),
        process: (String, Int)? = ("python3", 4242)
    ) -> String {
        var text = header(kernel: "6.12.9-amd64", seconds: 5321, nanoseconds: 123_456_789, process: process)
        text += "\nSOC Information\n"
        text += "SOC Device id: 5510\nSOC PCI Revision id: 193\nSOC Family: 150\nSOC Revision id: 0\n"
        text += "SOC External Revision id: 1\n"
        text += "\nSOC Memory Information\n"
        text += "real vram size: 536870912\nvisible vram size: 536870912\ngtt size: 103079215104\n"
        text += "\nGDS Config\n"
        text += "gds: total size: 4096\ngds: compute partition size: 4096\n"
        text += "gds: gws per compute partition: 64\ngds: os per compute partition: 16\n"
        text += "\nHW IP Version Information\n"
        text += "HWIP: GC[1][0]: v\(gc.0).\(gc.1).\(gc.2).0.0\n"
        text += "HWIP: SDMA0[3][0]: v6.1.1.0.0\n"
        text += "HWIP: MMHUB[12][0]: v3.3.1.0.0\n"
        text += "HWIP: UVD/JPEG/VCN[17][0]: v4.0.5.0.0\n"
        text += "\nIP Firmwares\n"
        text += firmware(mes: mes)
        if let ring {
            text += "\nRing timed out details\n"
            text += "IP Type: \(ring.type) Ring Name: \(ring.name)\n"
        }
        let (address, status) = fault ?? (0, 0)
        text += "\n[gfxhub] Page fault observed\n"
        text += "Faulty page starting at address: \(hex16(address))\n"
        text += "Protection fault status register: 0x\(String(status, radix: 16))\n\n"
        text += "IP Dump\nIP: gfx_v11_0\nregCP_CPC_STATUS  0x00000000\n\n"
        text += "Ring buffer information\n"
        text += "ring name: gfx_0.0.0\nRptr: 0x100 Wptr: 0x100 RB mask: 3fff\nRing size in dwords: 16384\n"
        text += "Ring contents\nOffset \t Value\n0x0 \t 0xffff1000\n0x4 \t 0x0\n"
        text += "VRAM lost check is skipped!\n"
        return text
    }

    static func firmware(mes: UInt64) -> String {
        var text = ""
        for (name, feature, version) in [
            ("VCE", 0, 0), ("UVD", 0, 0), ("GMC", 0, 0), ("ME", 35, 0x7a), ("PFP", 35, 0x86),
            ("CE", 0, 0), ("RLC", 1, 0x12d), ("MEC", 35, 0x89),
        ] as [(String, Int, UInt64)] {
            text += "\(name) feature version: \(feature), fw version: \(hex8(version))\n"
        }
        text += "TA XGMI feature version: 0x00000000, fw version: 0x00000000\n"
        text += "SMC feature version: 0, program: 0, fw version: 0x00644600 (100.70.0)\n"
        text += "SDMA0 feature version: 60, firmware version: 0x00000010\n"
        text += "MES_KIQ feature version: 6, fw version: \(hex8(0x6f))\n"
        text += "MES feature version: 1, fw version: \(hex8(mes))\n"
        text += "VPE feature version: 0, fw version: 0x00000000\n"
        text += "\nVBIOS Information\n"
        text += "vbios name       : STRIX_HALO\n"
        text += "vbios pn         : 113-STRXLGEN-001\n"
        text += "vbios version    : 0\n"
        text += "vbios ver_str    : 023.011.000.039.000001\n"
        text += "vbios date       : 2025/01/10 10:00\n"
        return text
    }
}
