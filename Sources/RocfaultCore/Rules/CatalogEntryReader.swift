/// Reads the catalog keys of a rule (`side`, `subsystem`, `meaning`, `action`, `investigate`,
/// `kernels`) and checks that they agree with the rule's kind.
enum CatalogEntryReader {
    static let keys = ["side", "subsystem", "meaning", "action", "investigate", "kernels"]

    static func entry(from fields: inout YAMLFields, kind: EvidenceKind?) -> CatalogEntry? {
        let present = keys.filter { fields.value($0) != nil }
        guard !present.isEmpty else { return nil }
        guard fields.value("side") != nil, fields.value("meaning") != nil else {
            fields.fail("a catalog entry needs 'side' and 'meaning' (found \(present.joined(separator: ", ")))")
            return nil
        }
        let side = fields.enumValue("side", as: CatalogSide.self)
        let subsystem =
            fields.value("subsystem") == nil ? nil : fields.enumValue("subsystem", as: Subsystem.self)
        let meaning = fields.string("meaning")
        let action = fields.string("action", required: false)
        let investigate = fields.string("investigate", required: false)
        let kernels = fields.strings("kernels")
        guard let side, let meaning else { return nil }
        if let kind, !side.allowedKinds.contains(kind) {
            let allowed = side.allowedKinds.map(\.rawValue).sorted().joined(separator: ", ")
            fields.fail(
                "side '\(side.rawValue)' does not fit kind '\(kind.rawValue)' (expected kind: \(allowed))",
                at: fields.value("side")
            )
        }
        if side == .kernelFault || side == .kernelBenign, kernels.isEmpty {
            fields.fail("a kernel catalog entry lists the kernel versions that print it in 'kernels'")
        }
        return CatalogEntry(
            side: side,
            subsystem: subsystem,
            meaning: meaning,
            action: action,
            investigate: investigate,
            kernels: kernels
        )
    }
}
