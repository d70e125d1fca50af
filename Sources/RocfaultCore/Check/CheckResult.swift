/// The outcome of checking saved logs.
package struct CheckResult: Sendable, Codable {
    /// The overall verdict: that of the strongest incident.
    package var verdict: Verdict
    /// Every incident found, strongest first.
    package var incidents: [Incident]
    /// What was read.
    package var inputs: [CheckInput]
    /// Matches per rule id over the whole check.
    package var ruleHits: [String: Int]
    /// Older incidents left out to keep memory flat on huge inputs (the newest are kept), counted by side.
    package var omittedIncidents: [String: Int]
    /// Lines on which a rule's pattern gave up at the match limit (counted as no match), per rule
    /// id; nil when none did.
    package var matchLimitHits: [String: Int]?
    /// The amdgpu device coredumps among the inputs, parsed; nil when there were none.
    package var devcoredumps: [CheckedDevcoredump]?

    /// Creates a result.
    package init(
        verdict: Verdict,
        incidents: [Incident],
        inputs: [CheckInput],
        ruleHits: [String: Int],
        omittedIncidents: [String: Int] = [:]
    ) {
        self.verdict = verdict
        self.incidents = incidents
        self.inputs = inputs
        self.ruleHits = ruleHits
        self.omittedIncidents = omittedIncidents
    }
}

/// One input of a check.
package struct CheckInput: Sendable, Codable, Hashable {
    /// The file name (`-` for standard input).
    package var file: String
    /// Lines read.
    package var lines: Int
    /// Lines handed to the parser (prefilter hits and samples, or every line).
    package var parsedLines: Int
    /// The kernel log the input held.
    package var kernelLog: KernelLogSpan
    /// Whether the input held text, nothing, or binary data (a NUL byte near its start, as
    /// `grep` judges it; a `journalctl -o export` stream counts as text).
    package var content: Content = .text

    /// What an input held.
    package enum Content: String, Sendable, Codable, Hashable {
        /// Lines of text.
        case text
        /// No line at all.
        case empty
        /// Not text: a binary journal file, a core file, an archive.
        case binary
    }

    /// Creates an input summary.
    package init(file: String, lines: Int = 0, parsedLines: Int = 0, kernelLog: KernelLogSpan = KernelLogSpan()) {
        self.file = file
        self.lines = lines
        self.parsedLines = parsedLines
        self.kernelLog = kernelLog
    }
}

/// An amdgpu device coredump given to a check.
package struct CheckedDevcoredump: Sendable, Codable, Hashable {
    /// The input it was read from.
    package var file: String
    /// What it says.
    package var dump: Devcoredump
    /// Its summary for people (ring, process, GPU, fault, firmware, VBIOS, kernel).
    package var summary: [String]

    /// Creates one.
    package init(file: String, dump: Devcoredump) {
        self.file = file
        self.dump = dump
        self.summary = dump.summaryLines
    }
}
