/// A known upstream problem, recognised by a fingerprint over matched rules and captured values.
public struct KnownIssue: Sendable, Hashable, Identifiable {
    /// The upstream id (`ROCm/ROCm#6182`) or, without one, a local id (`rocfault:strix-halo-mmap-stall`).
    public var id: String
    /// Link to the upstream report, if any.
    public var url: String?
    /// One-line title.
    public var title: String
    /// What the user should do, in one paragraph.
    public var advice: String
    /// The first, safe step to take now (the immediate tier), when the file gives it.
    public var immediate: String?
    /// What to try or collect to find out more (the investigatory tier), when the file gives it.
    public var investigate: String?
    /// Alternative fingerprints: the issue matches an incident when any one of them holds.
    public var fingerprints: [Fingerprint]
    /// Where it was defined.
    public var location: SourceLocation

    /// Whether the id names an upstream tracker entry (`owner/repo#N`).
    public var isUpstream: Bool { id.contains("#") && id.contains("/") }

    /// Creates a known issue.
    public init(
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
    public struct Fingerprint: Sendable, Hashable {
        /// Every one of these rule ids matched in the incident.
        public var all: [String]
        /// At least one of these matched (ignored when empty).
        public var any: [String]
        /// None of these matched.
        public var none: [String]
        /// Captured values that must occur (name to exact value, compared case-insensitively).
        public var captures: [String: String]
        /// The incident's GPU has one of these gfx targets (ignored when empty; unknown never matches).
        public var gfxTargets: [String]

        /// Creates a fingerprint.
        public init(
            all: [String] = [],
            any: [String] = [],
            none: [String] = [],
            captures: [String: String] = [:],
            gfxTargets: [String] = []
        ) {
            self.all = all
            self.any = any
            self.none = none
            self.captures = captures
            self.gfxTargets = gfxTargets
        }
    }
}
