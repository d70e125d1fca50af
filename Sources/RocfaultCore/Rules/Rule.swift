/// One rule from a `Rules/*.yaml` file: a pattern, what its match is evidence for, and examples.
package struct Rule: Sendable, Hashable, Identifiable {
    /// Stable dotted id, such as `amdgpu.page-fault.header`.
    package var id: String
    /// One sentence saying what the line means.
    package var description: String
    /// What a match counts as.
    package var kind: EvidenceKind
    /// The finer failure class.
    package var failureClass: FailureClass
    /// Which writers may produce a counting match. Kernel rules use `.kernel`: a line written to
    /// `/dev/kmsg` from userspace never counts as kernel evidence.
    package var origin: RuleOrigin
    /// Literal strings, at least one of which occurs in every line the pattern matches. Used by the
    /// prefilter; each is at least four bytes long.
    package var literals: [String]
    /// The PCRE2 pattern, with named captures (`pid`, `comm`, `pasid`, `address`, ...).
    package var pattern: String
    /// When set, a match attaches to the most recent open match of this rule id in the same source,
    /// no more than `within` records earlier, instead of standing alone.
    package var continues: String?
    /// How many records after the header a continuation may appear.
    package var within: Int
    /// Whether a continuation counts only inside its header's block: with no header before it, it is
    /// dropped (it neither stands alone nor waits for a header that comes later), and attached to a
    /// header that decides nothing it gives the block its own kind (as a `kernel` or `hang`
    /// continuation of such a header always does). Such a rule runs beside the others on a line
    /// and never keeps a catalog family from reading it.
    package var needsHeader: Bool
    /// Rule ids whose matches in the same incident become context when this rule matches too.
    package var demotes: [String]
    /// When set, `demotes` reaches only matches at most this many lines from the demoting line in
    /// the same file (`demotes-within`): the lines a set-up error prints with it (its traceback, the
    /// build step it stops), not a later failure of its own in the same log.
    package var demotesWithin: Int?
    /// Header rule ids whose open block ends at this rule's line (a report's closing line, such as
    /// `---[ end trace ]---`): no continuation after it attaches to that block.
    package var ends: [String]
    /// What the line says about the job's progress (a long phase starts or ends, the user
    /// interrupted it), for recognising a saved log that stops without an error.
    package var progress: ProgressMark?
    /// What the message catalog says about the family this rule covers, when the rule says it.
    package var catalog: CatalogEntry?
    /// Which vendor's GPU the matched lines are about, when the rule says (`gpu-vendor`); `any`
    /// marks a line every vendor's driver prints alike.
    package var gpuVendor: RuleGPUVendor?
    /// Example lines the pattern must match, with the captures they must produce.
    package var matchExamples: [RuleExample]
    /// Example lines the pattern must not match.
    package var noMatchExamples: [RuleExample]
    /// Where the rule was defined.
    package var location: SourceLocation

    /// Creates a rule.
    package init(
        id: String,
        description: String,
        kind: EvidenceKind,
        failureClass: FailureClass,
        origin: RuleOrigin = .any,
        literals: [String],
        pattern: String,
        continues: String? = nil,
        within: Int = 12,
        needsHeader: Bool = false,
        demotes: [String] = [],
        demotesWithin: Int? = nil,
        ends: [String] = [],
        progress: ProgressMark? = nil,
        catalog: CatalogEntry? = nil,
        gpuVendor: RuleGPUVendor? = nil,
        matchExamples: [RuleExample] = [],
        noMatchExamples: [RuleExample] = [],
        location: SourceLocation
    ) {
        self.id = id
        self.description = description
        self.kind = kind
        self.failureClass = failureClass
        self.origin = origin
        self.literals = literals
        self.pattern = pattern
        self.continues = continues
        self.within = within
        self.needsHeader = needsHeader
        self.demotes = demotes
        self.demotesWithin = demotesWithin
        self.ends = ends
        self.progress = progress
        self.catalog = catalog
        self.gpuVendor = gpuVendor
        self.matchExamples = matchExamples
        self.noMatchExamples = noMatchExamples
        self.location = location
    }
}

extension Rule {
    /// Whether this rule is a family of the message catalog (its id has a `.catalog.` part, as in
    /// `amdgpu.catalog.mes`): a fallback for the driver's prints that no other rule names, so it
    /// counts only for lines no other rule matches.
    package var isCatalogFamily: Bool { id.contains(".catalog.") }

    /// Whether this catalog family only names what a line is about (`kind: context`, `class:
    /// benign`, such as `amdstack.catalog.named`): it decides nothing, so it runs on every line,
    /// including lines another rule matched (`Segmentation fault ... HIP_VISIBLE_DEVICES=0 llama-cli`).
    package var onlyNames: Bool { isCatalogFamily && kind == .context && failureClass == .benign }

    /// Whether this rule only tags a line with who wrote it (`kind: context`, `class: no-evidence`,
    /// such as vLLM's `(EngineCore pid=N)` prefix): the tag says nothing about the message after it,
    /// so the rule runs beside the others and never keeps a fallback layer from reading the message.
    package var onlyTags: Bool { kind == .context && failureClass == .noEvidence }
}

/// What a line says about a job's progress (the rule key `progress`).
package enum ProgressMark: String, Sendable, Codable, Hashable, CaseIterable {
    /// A long phase starts (a model load, a server waiting for its engine or runner): when a saved
    /// log ends after it with no `done` line and no error, the job probably stalled there.
    case starts
    /// The phase that last started has completed.
    case done
    /// The user stopped the job (`^C`, `KeyboardInterrupt`, SIGINT): after GPU work and with no
    /// error, the job was probably stalled.
    case interrupt
    /// Something other than a stall ended the job (the host OOM killer): hang evidence in the
    /// same incident does not decide it.
    case killed
}

/// Which writers a rule accepts lines from.
package enum RuleOrigin: String, Sendable, Codable, Hashable, CaseIterable {
    /// Kernel lines, and lines whose origin the input does not tell.
    case kernel
    /// Userspace lines, and lines whose origin the input does not tell.
    case userspace
    /// Any line.
    case any

    /// Whether a record of the given origin can be counting evidence for this rule.
    package func accepts(_ recordOrigin: RecordOrigin) -> Bool {
        switch (self, recordOrigin) {
        case (.any, _), (_, .unknown): true
        case (.kernel, .kernel), (.userspace, .userspace): true
        default: false
        }
    }
}

/// An example line in a rule file.
package struct RuleExample: Sendable, Hashable {
    /// The line text.
    package var text: String
    /// Captures the match must produce, by name.
    package var captures: [String: String]
    /// Where the example stands in its file.
    package var location: SourceLocation

    /// Creates an example.
    package init(text: String, captures: [String: String] = [:], location: SourceLocation) {
        self.text = text
        self.captures = captures
        self.location = location
    }
}
