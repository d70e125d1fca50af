import RocfaultTestKit
/// A sysfs tree laid out like a real one: a Strix Halo APU (gfx1151, amdgpu, `card1`,
/// `renderD128`) and an NVIDIA card (`card0`), with the KFD topology and process list.
struct SysfsFixture {
    struct Card {
        var card: String
        var render: String
        var slot: String
        var parentBridge: String
        var vendor: UInt16
        var device: UInt16
        var subsystemVendor: UInt16
        var subsystemDevice: UInt16
        var revision: UInt8
        var driver: String
        var vramTotal: UInt64?
        var gttTotal: UInt64?
        var vbios: String?
        var firmware: [String: UInt32]

        var devicePath: String { "devices/pci0000:00/\(parentBridge)/\(slot)" }
    }

    static let apu = Card(
        card: "card1",
        render: "renderD128",
        slot: "0000:c5:00.0",
        parentBridge: "0000:00:08.1",
        vendor: 0x1002,
        device: 0x1586,
        subsystemVendor: 0xf111,
        subsystemDevice: 0x000a,
        revision: 0xc1,
        driver: "amdgpu",
        vramTotal: 536_870_912,
        gttTotal: 68_719_476_736,
        vbios: "113-STRXLGEN-001",
        firmware: ["mes": 0x83, "mec": 0x0000_00a3, "smc": 0x0064_6e00, "sdma": 0x0e]
    )

    static let nvidia = Card(
        card: "card0",
        render: "renderD129",
        slot: "0000:01:00.0",
        parentBridge: "0000:00:01.1",
        vendor: 0x10de,
        device: 0x2684,
        subsystemVendor: 0x10de,
        subsystemDevice: 0x16f3,
        revision: 0xa1,
        driver: "nvidia",
        vramTotal: nil,
        gttTotal: nil,
        vbios: nil,
        firmware: [:]
    )

    /// The APU's KFD node number and gpu_id.
    static let apuNode = 1
    static let apuGPUID: UInt32 = 43_690
    static let apuTargetVersion = 110_501

    let tree = TemporaryTree()
    var root: String { tree.root }

    init() {
        add(Self.apu)
        add(Self.nvidia)
        tree.file("class/drm/version", "drm 1.1.0 20060810\n")
        tree.directory("devices/virtual/kfd/kfd/topology/nodes")
        tree.link("class/kfd/kfd", to: "../../devices/virtual/kfd/kfd")
        addCPUNode()
        addGPUNode(Self.apu, node: Self.apuNode, gpuID: Self.apuGPUID, target: Self.apuTargetVersion)
    }

    func hex(_ value: UInt64, _ width: Int) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    func add(_ card: Card) {
        let device = card.devicePath
        tree.file("\(device)/vendor", hex(UInt64(card.vendor), 4) + "\n")
        tree.file("\(device)/device", hex(UInt64(card.device), 4) + "\n")
        tree.file("\(device)/subsystem_vendor", hex(UInt64(card.subsystemVendor), 4) + "\n")
        tree.file("\(device)/subsystem_device", hex(UInt64(card.subsystemDevice), 4) + "\n")
        tree.file("\(device)/revision", hex(UInt64(card.revision), 2) + "\n")
        tree.file("\(device)/class", "0x030000\n")
        let ids =
            "\(String(card.vendor, radix: 16, uppercase: true)):\(String(card.device, radix: 16, uppercase: true))"
        tree.file(
            "\(device)/uevent",
            "DRIVER=\(card.driver)\nPCI_CLASS=30000\nPCI_ID=\(ids)\nPCI_SLOT_NAME=\(card.slot)\n"
        )
        tree.directory("bus/pci/drivers/\(card.driver)")
        tree.link("\(device)/driver", to: "../../../../bus/pci/drivers/\(card.driver)")
        if let vram = card.vramTotal { tree.file("\(device)/mem_info_vram_total", "\(vram)\n") }
        if let gtt = card.gttTotal { tree.file("\(device)/mem_info_gtt_total", "\(gtt)\n") }
        if let vbios = card.vbios { tree.file("\(device)/vbios_version", vbios + "\n") }
        for (name, value) in card.firmware {
            tree.file("\(device)/fw_version/\(name)_fw_version", hex(UInt64(value), 8) + "\n")
        }
        addMinor(card.card, of: card, minor: Int(card.card.dropFirst(4))!)
        addMinor(card.render, of: card, minor: Int(card.render.dropFirst(7))!)
        tree.directory("\(device)/drm/\(card.card)/\(card.card)-DP-1")
        tree.link("class/drm/\(card.card)-DP-1", to: "../../\(device)/drm/\(card.card)/\(card.card)-DP-1")
    }

    private func addMinor(_ name: String, of card: Card, minor: Int) {
        let path = "\(card.devicePath)/drm/\(name)"
        tree.file("\(path)/dev", "226:\(minor)\n")
        tree.file("\(path)/uevent", "MAJOR=226\nMINOR=\(minor)\nDEVNAME=dri/\(name)\nDEVTYPE=drm_minor\n")
        tree.link("\(path)/device", to: "../../../\(card.slot)")
        tree.link("class/drm/\(name)", to: "../../\(path)")
    }

    private func addCPUNode() {
        let properties = [
            "cpu_cores_count 32", "simd_count 0", "mem_banks_count 1", "gfx_target_version 0", "vendor_id 0",
            "device_id 0", "location_id 0", "domain 0", "drm_render_minor 0", "max_engine_clk_ccompute 5187",
        ]
        tree.file("devices/virtual/kfd/kfd/topology/nodes/0/properties", properties.joined(separator: "\n") + "\n")
        tree.file("devices/virtual/kfd/kfd/topology/nodes/0/gpu_id", "0\n")
        tree.file("devices/virtual/kfd/kfd/topology/nodes/0/name", "\n")
    }

    func addGPUNode(
        _ card: Card,
        node: Int,
        gpuID: UInt32,
        target: Int,
        name: String = "gfx1151",
        withLocation: Bool = true
    ) {
        let parts = card.slot.split(separator: ":")
        let bus = Int(parts[1], radix: 16)!
        let slot = parts[2].split(separator: ".")
        let devfn = Int(slot[0], radix: 16)! << 3 | Int(slot[1])!
        var properties = [
            "cpu_cores_count 0", "simd_count 80", "mem_banks_count 1", "gfx_target_version \(target)",
            "vendor_id \(card.vendor)", "device_id \(card.device)",
            "drm_render_minor \(Int(card.render.dropFirst(7))!)", "num_xcc 1", "max_engine_clk_fcompute 2900",
        ]
        if withLocation { properties += ["location_id \(bus << 8 | devfn)", "domain 0"] }
        let directory = "devices/virtual/kfd/kfd/topology/nodes/\(node)"
        tree.file("\(directory)/properties", properties.joined(separator: "\n") + "\n")
        tree.file("\(directory)/gpu_id", "\(gpuID)\n")
        tree.file("\(directory)/name", name + "\n")
    }

    /// Lists a process in the KFD process tree with the legacy `pasid` file.
    func addKFDProcess(pid: Int32, pasid: UInt32) {
        tree.file("devices/virtual/kfd/kfd/proc/\(pid)/pasid", "\(pasid)\n")
    }
}
