import Yams

/// Reads one known-issue mapping.
enum KnownIssueNodeReader {
    static func knownIssue(from fields: inout YAMLFields) -> KnownIssue? {
        guard case .mapping = fields.node else {
            fields.fail("a known issue is a mapping")
            return nil
        }
        let id = fields.string("id")
        let url = fields.string("url", required: false)
        let title = fields.string("title")
        let advice = fields.string("advice")
        let immediate = fields.string("immediate", required: false)
        let investigate = fields.string("investigate", required: false)
        let fingerprints = self.fingerprints(from: &fields)
        guard let id, let title, let advice else { return nil }
        return KnownIssue(
            id: id,
            url: url,
            title: title,
            advice: advice,
            fingerprints: fingerprints,
            location: fields.location,
            immediate: immediate,
            investigate: investigate
        )
    }

    private static func fingerprints(from fields: inout YAMLFields) -> [KnownIssue.Fingerprint] {
        guard let node = fields.value("when") else {
            fields.fail("missing key 'when' (a list of fingerprints)")
            return []
        }
        guard case .sequence(let items) = node, !items.isEmpty else {
            fields.fail("'when' must be a non-empty list of fingerprints", at: node)
            return []
        }
        return items.compactMap { item in
            var inner = YAMLFields(item, file: fields.file)
            guard case .mapping = item else {
                fields.fail("a fingerprint is a mapping with all/any/none/captures/gfx", at: item)
                return nil
            }
            let fingerprint = KnownIssue.Fingerprint(
                all: inner.strings("all"),
                any: inner.strings("any"),
                none: inner.strings("none"),
                captures: inner.stringMap("captures"),
                gfxTargets: inner.strings("gfx"),
                firmware: firmwareVersions(from: &inner)
            )
            if fingerprint.all.isEmpty && fingerprint.any.isEmpty {
                inner.fail("a fingerprint needs 'all' or 'any' rule ids")
            }
            inner.rejectUnknownKeys()
            fields.append(inner.diagnostics)
            return fingerprint
        }
    }

    /// The `firmware` map: each name to a version number (decimal or `0x` hex); anything else fails.
    private static func firmwareVersions(from fields: inout YAMLFields) -> [String: UInt64] {
        var versions: [String: UInt64] = [:]
        for (name, text) in fields.stringMap("firmware") {
            guard let version = FirmwareFacts.number(text) else {
                fields.fail("firmware '\(name)': '\(text)' is not a version number (decimal or 0x hex)")
                continue
            }
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                fields.fail("firmware name '\(name)' must be letters, digits and '_' (MES, MES_KIQ, PSP_SOS)")
                continue
            }
            versions[name.uppercased()] = version
        }
        return versions
    }
}
