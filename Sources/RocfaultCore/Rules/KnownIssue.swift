/// A known upstream problem, recognised by a fingerprint over matched rules and captured values.
package struct KnownIssue: Sendable, Hashable, Identifiable {
    /// The upstream id (`ROCm/ROCm#6182`) or, without one, a local id (`rocfault:strix-halo-mmap-stall`).
    package var id: String
    /// Link to the upstream report, if any.
    package var url: String?
    /// One-line title.
    package var title: String
    /// What the user should do, in one paragraph.
    package var advice: String
    /// The first, safe step to take now (the immediate tier), when the file gives it.
    package var immediate: String?
    /// What to try or collect to find out more (the investigatory tier), when the file gives it.
    package var investigate: String?
    /// Alternative fingerprints: the issue matches an incident when any one of them holds.
    package var fingerprints: [Fingerprint]
    /// Where it was defined.
    package var location: SourceLocation

    /// Whether the id names an upstream tracker entry (`owner/repo#N`).
    package var isUpstream: Bool { id.contains("#") && id.contains("/") }

    /// Creates a known issue.
    package init(
        id: String,
        url: String?,
        title: String,
        advice: String,
        fingerprints: [Fingerprint],
        location: SourceLocation,
        immediate: String? = nil,
        investigate: String? = nil
    ) {
        self.id = id
        self.url = url
        self.title = title
        self.advice = advice
        self.fingerprints = fingerprints
        self.location = location
        self.immediate = immediate
        self.investigate = investigate
    }

    /// One set of conditions, all of which must hold.
    package struct Fingerprint: Sendable, Hashable {
        /// Every one of these rule ids matched in the incident.
        package var all: [String]
        /// At least one of these matched (ignored when empty).
        package var any: [String]
        /// None of these matched.
        package var none: [String]
        /// Captured values that must occur (name to exact value, compared case-insensitively).
        package var captures: [String: String]
        /// The incident's GPU has one of these gfx targets (ignored when empty; unknown never matches).
        package var gfxTargets: [String]
        /// Firmware versions that must be in use (name, case-insensitive, to a decimal or `0x` hex
        /// number compared by value: `{MES: "0x83"}`), as a devcoredump's `fw` capture or the context says.
        package var firmware: [String: UInt64]

        /// Creates a fingerprint.
        package init(
            all: [String] = [],
            any: [String] = [],
            none: [String] = [],
            captures: [String: String] = [:],
            gfxTargets: [String] = [],
            firmware: [String: UInt64] = [:]
        ) {
            self.all = all
            self.any = any
            self.none = none
            self.captures = captures
            self.gfxTargets = gfxTargets
            self.firmware = firmware
        }
    }
}

/// Firmware versions in use, by upper-case name (`MES`, `MES_KIQ`, `MEC`): what a fingerprint's
/// `firmware` condition is checked against.
package enum FirmwareFacts {
    /// The capture that carries firmware versions in a record (`MES=0x00000083 MEC=0x000001f0`).
    package static let captureName = "fw"

    /// The versions a `fw` capture lists; tokens that are not `NAME=NUMBER` are skipped.
    package static func parse(_ capture: String) -> [String: UInt64] {
        var versions: [String: UInt64] = [:]
        for token in capture.split(separator: " ") {
            let parts = token.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let version = number(String(parts[1])) else { continue }
            versions[parts[0].uppercased()] = version
        }
        return versions
    }

    /// A decimal or `0x` hexadecimal number.
    package static func number(_ text: String) -> UInt64? {
        if text.hasPrefix("0x") || text.hasPrefix("0X") { return UInt64(text.dropFirst(2), radix: 16) }
        return UInt64(text)
    }
}
