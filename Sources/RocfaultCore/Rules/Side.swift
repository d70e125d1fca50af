/// Which side of the kernel/userspace line a piece of evidence points at.
package enum Side: String, Sendable, Codable, Hashable, CaseIterable, Comparable {
    /// amdgpu/amdkfd saw a GPU failure: page fault, ring timeout, reset, MES/HWS hang, RAS, SMU, firmware.
    case kernel
    /// The runtime, a library or the framework reported the failure; the kernel did not.
    case userspace
    /// The GPU work stalled with no fault reported anywhere.
    case hang
    /// Not an AMD GPU failure (or no evidence at all).
    case none

    /// How strongly a side decides an incident: kernel beats userspace beats hang beats none.
    package var precedence: Int {
        switch self {
        case .kernel: 3
        case .userspace: 2
        case .hang: 1
        case .none: 0
        }
    }

    package static func < (lhs: Side, rhs: Side) -> Bool { lhs.precedence < rhs.precedence }
}
