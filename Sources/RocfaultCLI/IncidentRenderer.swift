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
        case .unreadable: style.yellow("unreadable")
        case .unaligned: style.yellow("unaligned")
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
            text += "  \(style.bold(issue.id.terminalSafe)): \(issue.title.terminalSafe)\n"
            // With tiers, `Advice:` is the immediate step and `Investigate:` the next one.
            text += "      Advice: \((issue.immediate ?? issue.advice).terminalSafe)\n"
            if let investigate = issue.investigate, issue.immediate != nil {
                text += "      Investigate: \(investigate.terminalSafe)\n"
            }
            if let firmware = issue.firmware, !firmware.isEmpty {
                let versions = firmware.map { "\($0.name) \($0.hexVersion) (\($0.source))" }
                text += "      Firmware: \(versions.joined(separator: ", ").terminalSafe)\n"
            }
            if let url = issue.url { text += "      \(url.terminalSafe)\n" }
        }
        return text
    }

    /// The `Next:` line: the report command, said as what it is for the verdict's class (a bug report
    /// only where one is due; a limit or hardware says so).
    func nextStep(_ verdict: Verdict, reportCommand: String, tracker: String?) -> String {
        let command = style.bold(reportCommand)
        switch verdict.failureClass.guidance.reporting {
        case .bugReport:
            return "Next: \(command)  (writes a redacted bug-report bundle"
                + (tracker.map { " for \($0))\n" } ?? ")\n")
        case .settings:
            return "Next: the first step in the verdict (a limit or a setting, not a bug); \(command) writes the "
                + "evidence bundle if you ask for help.\n"
        case .hardware:
            return "Next: the first step in the verdict (hardware first); \(command) writes the evidence bundle.\n"
        case .elsewhere:
            return "Next: \(command) writes the evidence bundle, if you need it.\n"
        }
    }

    /// The caveat about what the kernel log can and cannot tell, with the spans read and missing
    /// when the verdict names them.
    func coverageCaveat(_ verdict: Verdict) -> String {
        guard verdict.side != .kernel else { return "" }
        let detail = verdict.kernelLogDetail.map { " (\($0.explanation.terminalSafe).)" } ?? ""
        switch verdict.kernelLog {
        case .covered:
            return "Kernel log: read for this time; it shows no amdgpu/amdkfd fault.\(detail)\n"
        case .notProvided:
            return "Kernel log: not provided. Add `sudo dmesg` or `journalctl -k -b` output from the time of the "
                + "crash to tell a kernel-side fault from a userspace abort.\n"
        case .gap:
            guard let explanation = verdict.kernelLogDetail?.explanation.terminalSafe else {
                return "Kernel log: it does not cover the time of the crash (it starts later, ends earlier, is of "
                    + "another day or boot, or lines were lost), so the kernel side is unknown.\n"
            }
            return "Kernel log: it does not cover the time of the crash, so the kernel side is unknown: "
                + explanation + ".\n"
        case .unreadable:
            let access = verdict.kernelLogDetail?.access ?? []
            guard access.isEmpty else {
                return "Kernel log: unreadable for this user, so the kernel side is unknown: "
                    + access.joined(separator: "; ") + ".\n"
            }
            return "Kernel log: unreadable for this user, so the kernel side is unknown. Run with `sudo`, or "
                + "join the `systemd-journal` (or `adm`) group and log in again.\n"
        case .unaligned:
            guard let explanation = verdict.kernelLogDetail?.explanation.terminalSafe else {
                return "Kernel log: read, but it cannot be put on one clock with the crash, so the kernel side is "
                    + "unknown. Give `dmesg -T` or `journalctl -k -o short-iso` output, or an application log with "
                    + "timestamps.\n"
            }
            return "Kernel log: it cannot be put on one clock with the crash, so the kernel side is unknown: "
                + explanation + ".\n"
        }
    }
}

extension String {
    var trimmingLeadingSpaces: String { String(drop(while: { $0 == " " || $0 == "\t" })) }
}
