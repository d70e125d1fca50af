package import RocfaultCore

extension GPUDevice {
    /// What known-issue matching needs of this GPU: its address, gfx target and firmware versions
    /// (`fw_version/mes_fw_version` becomes `MES`).
    package var knownGPU: KnownGPUs.GPU {
        KnownGPUs.GPU(
            card: card,
            pciAddress: pciAddress?.description,
            gfxTarget: gfxTarget,
            firmware: Dictionary(firmware.map { ($0.name.uppercased(), UInt64($0.value)) }) { $1 }
        )
    }
}
