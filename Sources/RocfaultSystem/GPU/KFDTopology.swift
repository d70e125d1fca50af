import RocfaultPlatform
/// Reads the KFD topology under `<sysfsRoot>/class/kfd/kfd/topology/nodes`.
package struct KFDTopology: Sendable {
    /// The sysfs mount point (`/sys`, or a fixture tree in tests).
    package var sysfsRoot: String

    /// Creates a reader for the given sysfs root.
    package init(sysfsRoot: String = "/sys") {
        self.sysfsRoot = sysfsRoot
    }

    /// The directory holding one subdirectory per node.
    package var nodesPath: String { sysfsRoot + "/class/kfd/kfd/topology/nodes" }

    /// All nodes, CPU and GPU, by node number; nodes whose `properties` cannot be read are skipped.
    package func nodes() -> [KFDNode] {
        FileIO.list(nodesPath).compactMap { Int($0) }.sorted().compactMap(node)
    }

    /// One node, or `nil` when its `properties` file is missing or unreadable.
    package func node(_ number: Int) -> KFDNode? {
        let directory = "\(nodesPath)/\(number)"
        guard let text = FileIO.text(directory + "/properties") else { return nil }
        let properties = TextParsing.spaceSeparatedPairs(text).compactMapValues { UInt64($0) }
        var node = KFDNode(node: number, properties: properties)
        node.gpuID = FileIO.trimmed(directory + "/gpu_id").flatMap { UInt32($0) }
        node.name = FileIO.trimmed(directory + "/name")
        node.gfxTargetVersion = properties["gfx_target_version"].flatMap { $0 == 0 ? nil : $0 }
        node.vendorID = properties["vendor_id"].flatMap(UInt32.init(exactly:))
        node.deviceID = properties["device_id"].flatMap(UInt32.init(exactly:))
        node.drmRenderMinor = properties["drm_render_minor"].flatMap(Int.init(exactly:))
        if let location = properties["location_id"].flatMap(UInt32.init(exactly:)), location != 0 || node.isGPU {
            let domain = properties["domain"].flatMap(UInt32.init(exactly:)) ?? 0
            node.pciAddress = PCIAddress(domain: domain, locationID: location)
        }
        return node
    }

    /// The GPU node of a device: by PCI address, else by render node.
    package static func node(for device: GPUDevice, in nodes: [KFDNode]) -> KFDNode? {
        let gpus = nodes.filter(\.isGPU)
        if let address = device.pciAddress, let match = gpus.first(where: { $0.pciAddress == address }) {
            return match
        }
        guard let render = device.renderNode else { return nil }
        return gpus.first { $0.renderNode == render }
    }
}
