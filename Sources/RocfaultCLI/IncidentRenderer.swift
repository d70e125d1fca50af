import RocfaultCore

/// Renders verdicts and incidents for people.
struct IncidentRenderer {
    let style: Style

    func sideLabel(_ side: Side) -> String {
        switch side {
        case .kernel: style.red("KERNEL")
        case .userspace: style.yellow("USERSPACE")
        case .hang: style.yellow("HANG")
        case .none: style.green("NONE")
        }
    }

    func coverageLabel(_ coverage: KernelLogCoverage) -> String {
        switch coverage {
        case .covered: "covered"
        case .notProvided: style.yellow("not provided")
        case .gap: style.yellow("gap")
        }
    }

    /// The verdict headline and paragraph.
    func verdict(_ verdict: Verdict) -> String {
        "Verdict: \(sideLabel(verdict.side)), \(verdict.failureClass.rawValue) "
            + "(kernel log: \(coverageLabel(verdict.kernelLog)))\n\n\(verdict.summary.terminalSafe)\n"
    }

    /// The deciding lines of an incident with their rule ids (all evidence with `explain`).
    func evidence(of incident: Incident, explain: Bool) -> String {
        let shown =
            explain ? incident.evidence : incident.evidence.filter { $0.kind.decidesSide == incident.verdict.side }
        guard !shown.isEmpty else { return "" }
        var text = explain ? "Evidence:\n" : "Deciding lines:\n"
        for item in shown.prefix(explain ? .max : 6) {
            let count = item.count > 1 ? style.dim(" (x\(item.count))") : ""
            let note = item.note.map { style.dim("  <- \($0.terminalSafe)") } ?? ""
            let kind = explain ? " \(item.kind.rawValue)" : ""
            text +=
                "  [\(style.bold(item.ruleID))\(kind)]\(count) \(item.header.location.description.terminalSafe)\(note)\n"
            for line in item.lines.prefix(explain ? 12 : 4) {
                text += "      \(line.text.terminalSafeLine.trimmingLeadingSpaces)\n"
            }
        }
        return text
    }

    /// Known issues with their advice.
    func knownIssues(_ issues: [KnownIssueMatch]) -> String {
        guard !issues.isEmpty else { return "" }
        var text = "Known issues:\n"
        for issue in issues {
            text += "  \(style.bold(issue.id)): \(issue.title)\n"
            text += "      Advice: \(issue.advice)\n"
            if let url = issue.url { text += "      \(url)\n" }
        }
        return text
    }

    /// The caveat about what the kernel log can and cannot tell.
    func coverageCaveat(_ verdict: Verdict) -> String {
        switch (verdict.side, verdict.kernelLog) {
        case (.kernel, _):
            return ""
        case (_, .covered):
            return "Kernel log: read for this time; it shows no amdgpu/amdkfd fault.\n"
        case (_, .notProvided):
            return "Kernel log: not provided. Add `sudo dmesg` or `journalctl -k -b` output from the time of the "
                + "crash to tell a kernel-side fault from a userspace abort.\n"
        case (_, .gap):
            return "Kernel log: it does not cover the time of the crash (it starts later, or lines were lost), "
                + "so the kernel side is unknown.\n"
        }
    }
}

extension String {
    var trimmingLeadingSpaces: String { String(drop(while: { $0 == " " || $0 == "\t" })) }
}
