import RocfaultCore

/// The human output of `rocfault check`.
struct CheckReportRenderer {
    let style: Style

    func render(_ result: CheckResult, explain: Bool) -> String {
        let renderer = IncidentRenderer(style: style)
        var text = renderer.verdict(result.verdict) + "\n"
        if let top = result.incidents.first {
            text += renderer.evidence(of: top, explain: false)
            text += renderer.knownIssues(top.knownIssues)
        }
        for checked in result.devcoredumps ?? [] {
            text += "\n" + style.bold("Device coredump \(checked.file.terminalSafe)") + "\n"
            for line in checked.summary { text += "  \(line.terminalSafe)\n" }
        }
        text += renderer.coverageCaveat(result.verdict)
        text += inputNotes(result.inputs) + droppedNote(result.omittedIncidents)
        if explain {
            text += "\n" + explanation(result, renderer: renderer)
        } else if result.incidents.count > 1 {
            text += style.dim(
                "\n\(result.incidents.count) incidents in all; --explain shows each with every rule hit.\n"
            )
        }
        return text
    }

    /// A line for every input that was empty or not text: a verdict of no evidence says nothing then.
    func inputNotes(_ inputs: [CheckInput]) -> String {
        var text = ""
        for input in inputs where input.content != .text {
            let name = input.file == "-" ? "standard input" : input.file.terminalSafe
            text +=
                input.content == .empty
                ? style.yellow("\nNote: \(name) is empty: there was nothing to check in it.") + "\n"
                : style.yellow("\nNote: \(name) is not text (it holds NUL bytes)") + "; "
                    + "for a binary journal file give `journalctl --file \(name)` output instead.\n"
        }
        return text
    }

    /// How many older incidents were left out when there were too many to keep.
    func droppedNote(_ omitted: [String: Int]) -> String {
        let count = omitted.values.reduce(0, +)
        guard count > 0 else { return "" }
        let sides = omitted.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        return style.yellow(
            "\nNote: \(count) older incident\(count == 1 ? " was" : "s were") left out (\(sides)); only the newest "
                + "\(LogChecker.incidentLimit) are kept."
        ) + "\n"
    }

    private func explanation(_ result: CheckResult, renderer: IncidentRenderer) -> String {
        var text = style.bold("Inputs") + "\n"
        for input in result.inputs {
            let kernel = input.kernelLog.records > 0 ? "kernel log lines seen" : "no kernel log lines"
            text += "  \(input.file.terminalSafe): \(input.lines) lines, \(input.parsedLines) parsed, \(kernel)\n"
        }
        text += "\n" + style.bold("Rule hits") + "\n"
        for (rule, count) in result.ruleHits.sorted(by: { $0.key < $1.key }) { text += "  \(rule): \(count)\n" }
        text += matchLimitSection(result.matchLimitHits ?? [:])
        for incident in result.incidents {
            text += "\n" + style.bold("Incident \(incident.id)") + ": \(renderer.sideLabel(incident.verdict.side)), "
            text +=
                "\(incident.verdict.failureClass.rawValue), kernel log \(renderer.coverageLabel(incident.verdict.kernelLog))"
            if let pid = incident.pid { text += ", pid \(pid)" }
            if let comm = incident.comm { text += " (\(comm.terminalSafe))" }
            text += "\n  \(incident.verdict.summary.terminalSafe)\n"
            text += renderer.evidence(of: incident, explain: true)
            text += renderer.knownIssues(incident.knownIssues)
        }
        text += "\n" + style.bold("Why") + "\n" + Self.reasoning
        return text
    }

    /// Rules whose pattern gave up at the match limit: those lines were counted as no match.
    private func matchLimitSection(_ hits: [String: Int]) -> String {
        guard !hits.isEmpty else { return "" }
        var text = "\n" + style.bold("Match limit") + "\n"
        for (rule, count) in hits.sorted(by: { $0.key < $1.key }) {
            text += "  " + style.yellow("\(rule): gave up on \(count) line\(count == 1 ? "" : "s")") + "\n"
        }
        return text
            + "  These lines counted as no match for the rule; `rocfault rules lint` flags patterns that\n"
            + "  backtrack catastrophically.\n"
    }

    static let reasoning = """
          Kernel evidence (amdgpu/amdkfd page faults, ring timeouts, resets, MES/HWS, RAS, SMU, firmware) decides
          an incident as kernel-side; otherwise userspace runtime evidence makes it userspace; otherwise a stall
          makes it a hang. Benign driver chatter, crash records and non-AMD failures never decide a side. Lines a
          process wrote into the kernel log never count as kernel evidence.

        """
}
