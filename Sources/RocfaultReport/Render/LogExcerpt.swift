package import RocfaultCore
package import RocfaultStore

/// `kernel.log` and `journal.log`: the incident's evidence and context lines (and live lines of its
/// window), in time order, split by who wrote them. Matched lines are marked `*` with their rule id.
/// `kernel.log` also holds the boot's amdgpu/amdkfd/drm lines up to the incident (``BootKernelLog``).
package struct LogExcerpt: Sendable {
    /// One line with whether rocfault matched it.
    struct Entry: Hashable {
        var line: EvidenceLine
        var matched: Bool
    }

    let entries: [Entry]

    /// Collects the lines of a stored incident plus `live` lines and the boot's driver lines
    /// (deduplicated by time and text, and live and boot lines by text).
    package init(stored: StoredIncident, live: [EvidenceLine], boot: [EvidenceLine] = []) {
        var entries: [Entry] = []
        var seen: Set<String> = []
        func add(_ line: EvidenceLine, matched: Bool) {
            let time = line.monotonicMicroseconds.map { "m\($0)" } ?? line.realtimeMicroseconds.map { "r\($0)" } ?? "-"
            let key = time + "|" + line.text
            guard seen.insert(key).inserted else { return }
            entries.append(Entry(line: line, matched: matched))
        }
        for (index, evidence) in stored.incident.evidence.enumerated() {
            let context = stored.context[index] ?? EvidenceContext()
            for line in context.before { add(line, matched: false) }
            for line in evidence.lines { add(line, matched: true) }
            for line in context.after { add(line, matched: false) }
        }
        // A live line whose text was stored already is the same message seen again (the journal's
        // copy of a kmsg line, or the entry `rocfault run` wrote for a stderr line).
        let storedTexts = Set(entries.map(\.line.text))
        for line in live + boot where !storedTexts.contains(line.text) { add(line, matched: false) }
        self.entries = Self.ordered(entries)
    }

    /// The kernel's lines.
    package func kernelLog(header: String) -> String {
        render(entries.filter { $0.line.origin == .kernel }, header: header, kernel: true)
    }

    /// Everything else: application output, journal entries of processes.
    package func journalLog(header: String) -> String {
        render(entries.filter { $0.line.origin != .kernel }, header: header, kernel: false)
    }

    private func render(_ selected: [Entry], header: String, kernel: Bool) -> String {
        var text = "# " + header + "\n# Lines marked '*' matched a rocfault rule (its id after '#'); times are UTC.\n"
        if selected.isEmpty { text += "# (no lines of this kind were recorded for the incident)\n" }
        for entry in selected {
            let line = entry.line
            var parts: [String] = []
            if let realtime = line.realtimeMicroseconds { parts.append(TimeText.utc(microseconds: realtime)) }
            if let monotonic = line.monotonicMicroseconds { parts.append(TimeText.monotonic(microseconds: monotonic)) }
            if !kernel {
                let writer = (line.identifier ?? "?") + (line.pid.map { "[\($0)]" } ?? "")
                parts.append(writer + ":")
            }
            parts.append(line.text)
            var rendered = (entry.matched ? "* " : "  ") + parts.joined(separator: " ")
            if entry.matched { rendered += "  # " + line.ruleID }
            text += rendered + "\n"
        }
        return text
    }

    /// Time order on the wall clock, else the monotonic clock; lines without a time keep their place.
    private static func ordered(_ entries: [Entry]) -> [Entry] {
        entries.enumerated().sorted { lhs, rhs in
            let left = lhs.element.line
            let right = rhs.element.line
            if let a = left.realtimeMicroseconds, let b = right.realtimeMicroseconds, a != b { return a < b }
            if let a = left.monotonicMicroseconds, let b = right.monotonicMicroseconds, a != b { return a < b }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }
}
