/// What the message catalog says about the family of messages a rule covers: the optional
/// `side`, `subsystem`, `meaning`, `action`, `investigate` and `kernels` keys of a rule.
package struct CatalogEntry: Sendable, Hashable, Codable {
    /// Which side the family stands on.
    package var side: CatalogSide
    /// The GPU block or software layer that prints the family.
    package var subsystem: Subsystem?
    /// What the message means, in plain words.
    package var meaning: String
    /// What to do right away.
    package var action: String?
    /// What to look at to find the cause.
    package var investigate: String?
    /// The kernel versions that print the family (such as `6.1`, `6.12`, `7.x`); empty for userspace.
    package var kernels: [String]

    /// Creates an entry.
    package init(
        side: CatalogSide,
        subsystem: Subsystem? = nil,
        meaning: String,
        action: String? = nil,
        investigate: String? = nil,
        kernels: [String] = []
    ) {
        self.side = side
        self.subsystem = subsystem
        self.meaning = meaning
        self.action = action
        self.investigate = investigate
        self.kernels = kernels
    }
}

/// The catalog's side of a message family (the rule key `side`).
package enum CatalogSide: String, Sendable, Hashable, Codable, CaseIterable {
    /// The driver saw the GPU or its firmware fail.
    case kernelFault = "kernel-fault"
    /// The driver printed it, but healthy machines print it too.
    case kernelBenign = "kernel-benign"
    /// A runtime, library or framework reported the failure.
    case userspace
    /// Not AMD GPU evidence.
    case none

    /// The rule kinds an entry of this side may carry.
    package var allowedKinds: Set<EvidenceKind> {
        switch self {
        case .kernelFault: [.kernel]
        case .kernelBenign: [.benign, .context]
        case .userspace: [.userspace, .hang, .context]
        case .none: [.notAMD, .benign, .context]
        }
    }
}

/// The GPU block or software layer a message family belongs to (the rule key `subsystem`).
package enum Subsystem: String, Sendable, Hashable, Codable, CaseIterable {
    case gfx = "GFX"
    case compute
    case sdma = "SDMA"
    case mes = "MES"
    case smu = "SMU/PM"
    case psp = "PSP"
    case vcn = "VCN"
    case kfd = "KFD"
    case display
    case memory = "GMC/VM"
    case ras = "RAS"
    case device = "device"
    case runtime
    case library
}
