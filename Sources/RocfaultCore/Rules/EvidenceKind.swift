/// What a rule's match counts as.
package enum EvidenceKind: String, Sendable, Codable, Hashable, CaseIterable {
    /// Kernel-side GPU failure evidence (needs a kernel-origin or unknown-origin line).
    case kernel
    /// Userspace runtime/library/framework failure evidence.
    case userspace
    /// A stall with no error.
    case hang
    /// Seen on healthy systems; never decides anything.
    case benign
    /// Evidence of a failure that is not an AMD GPU failure (NVIDIA Xid, CPU trap, host OOM).
    case notAMD = "not-amd"
    /// Crash records and traces: they time and attribute a crash but say nothing of its cause.
    case context

    /// The incident side this kind decides, if any.
    package var decidesSide: Side? {
        switch self {
        case .kernel: .kernel
        case .userspace: .userspace
        case .hang: .hang
        case .benign, .notAMD, .context: nil
        }
    }
}
