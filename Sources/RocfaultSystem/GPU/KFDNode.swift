/// One node of the KFD topology (`/sys/class/kfd/kfd/topology/nodes/N`).
///
/// ROCr numbers its agents by these nodes: `node-1` in its messages is `nodes/1` here.
package struct KFDNode: Sendable, Hashable, Codable {
    /// The node number `N`.
    package var node: Int
    /// The `gpu_id` file; `0` or absent for CPU nodes.
    package var gpuID: UInt32?
    /// The `name` file (`gfx1151` on recent kernels, empty on CPU nodes).
    package var name: String?
    /// The raw `gfx_target_version` property.
    package var gfxTargetVersion: UInt64?
    /// PCI vendor id from the `vendor_id` property.
    package var vendorID: UInt32?
    /// PCI device id from the `device_id` property.
    package var deviceID: UInt32?
    /// The PCI address built from the `domain` and `location_id` properties.
    package var pciAddress: PCIAddress?
    /// The render node minor from `drm_render_minor` (128 is `renderD128`).
    package var drmRenderMinor: Int?
    /// Every numeric property, for reports.
    package var properties: [String: UInt64]

    /// Creates a node.
    package init(
        node: Int,
        gpuID: UInt32? = nil,
        name: String? = nil,
        gfxTargetVersion: UInt64? = nil,
        vendorID: UInt32? = nil,
        deviceID: UInt32? = nil,
        pciAddress: PCIAddress? = nil,
        drmRenderMinor: Int? = nil,
        properties: [String: UInt64] = [:]
    ) {
        self.node = node
        self.gpuID = gpuID
        self.name = name
        self.gfxTargetVersion = gfxTargetVersion
        self.vendorID = vendorID
        self.deviceID = deviceID
        self.pciAddress = pciAddress
        self.drmRenderMinor = drmRenderMinor
        self.properties = properties
    }

    /// The LLVM target, such as `gfx1151`; `nil` for CPU nodes.
    package var gfxTarget: String? { gfxTargetVersion.flatMap(GFXTarget.name(forTargetVersion:)) }

    /// Whether this node is a GPU (it has a target version or a non-zero gpu id).
    package var isGPU: Bool { gfxTarget != nil || (gpuID ?? 0) != 0 }

    /// The render node name (`renderD128`) from `drm_render_minor`.
    package var renderNode: String? {
        guard let drmRenderMinor, drmRenderMinor > 0 else { return nil }
        return "renderD\(drmRenderMinor)"
    }
}
