import RocfaultCore
package import RocfaultStore

/// `report.md`: the incident written in the shape of the tracker it belongs to, ready to paste.
///
/// Kernel-side incidents take the drm/amd tracker's shape (kernel, GPU, firmware, the boot's driver
/// log, steps); the ROCm runtime, HIP and the libraries take ROCm/TheRock's issue form (the fields of
/// the old ROCm/ROCm form); frameworks and other projects a plain problem, environment, steps, logs.
/// A box above the issue text says where to report it and what to do first, and whether a bug
/// report is the right step at all (out of memory is not).
package struct IssueFormText: Sendable {
    let inputs: ReportInputs
    let process: ProcessRecord?

    /// Creates the renderer; `process` is the (redacted) process record.
    package init(inputs: ReportInputs, process: ProcessRecord?) {
        self.inputs = inputs
        self.process = process
    }

    var incident: Incident { inputs.stored.incident }
    var facts: MachineFacts { inputs.machine }

    /// The whole file.
    package func render() -> String {
        let attribution = UpstreamAttribution.attribute(incident)
        var text = "<!-- rocfault report: incident \(inputs.stored.number), signature \(incident.signature) -->\n"
        text += preface(attribution) + "\n---\n\n"
        text += "# " + title() + "\n\n"
        switch attribution.form {
        case .drmAMD: text += drmAMDBody(attribution)
        case .rocm: text += rocmBody(attribution)
        case .project: text += projectBody(attribution)
        }
        return text
    }

    /// Where to report it, what to do first, and whether to report it at all: for the reader, not the issue.
    func preface(_ attribution: UpstreamAttribution) -> String {
        let guidance = incident.verdict.failureClass.guidance
        var text = ""
        switch guidance.reporting {
        case .bugReport:
            text += "> **Report to:** \(attribution.tracker) (\(attribution.project)). Search it for the signature "
            text += "`\(incident.signature)` first.\n"
        case .settings:
            text += "> **Not a bug report yet:** this is a limit, a setting or packaging. Do the first step below; "
            text += "report it to \(attribution.tracker) only if it still fails once that is done.\n"
        case .hardware:
            text += "> **Hardware first:** ask the board's vendor (warranty, RMA); report it to \(attribution.tracker) "
            text += "only if the hardware is ruled out.\n"
        case .elsewhere:
            // "Yet" only where the failure was not shown to be AMD's, not where it was another's.
            let failureClass = incident.verdict.failureClass
            let yet = VerdictSummary.notAMDClasses.contains(failureClass) ? "" : " yet"
            text += "> **\(VerdictSummary.noneLead(failureClass)):** the AMD GPU trackers cannot help with it\(yet).\n"
        }
        text += ">\n> **First:** \(incident.verdict.firstStep)\n>\n"
        text += "> Paste from the title below; this box is for you.\n"
        return text
    }

    func title() -> String {
        let who = incident.comm.map { " in \($0)" } ?? ""
        let silent = incident.verdict.kernelLog == .covered
        let side: String
        switch incident.verdict.side {
        case .kernel: side = "kernel-side GPU failure"
        case .userspace:
            side = silent ? "userspace error, kernel log silent" : "userspace error, kernel log not checked"
        case .hang: side = silent ? "GPU work stalled, kernel log silent" : "GPU work stalled"
        case .none: side = "no AMD GPU failure evidence"
        }
        return "\(incident.verdict.failureClass.phrase.capitalizedFirst)\(who) (\(side))"
    }

    /// The verdict, what points where, known issues and the deciding lines.
    func problem(_ attribution: UpstreamAttribution) -> String {
        let verdict = incident.verdict
        var text = verdict.summary + "\n\n"
        text += "- **Verdict:** \(verdict.side.rawValue), \(verdict.failureClass.rawValue); "
        text += "kernel log \(verdict.kernelLog.rawValue) for the time of the failure.\n"
        text += "- **Points at:** \(attribution.project) (rules: \(attribution.rules.joined(separator: ", ")))\n"
        text += "- **Duplicate signature:** `\(incident.signature)` (the same failure gives the same signature)\n"
        for issue in incident.knownIssues {
            let link = issue.url.map { "[\(issue.id)](\($0))" } ?? issue.id
            text += "- **Known issue:** \(link): \(issue.title). \(issue.advice)\n"
        }
        let deciding = incident.evidence.filter { $0.kind.decidesSide == verdict.side }
        let shown = deciding.isEmpty ? Array(incident.evidence.prefix(3)) : deciding
        if !shown.isEmpty {
            text += "\nDeciding lines (rule id first):\n\n```\n"
            for evidence in shown.prefix(8) {
                for line in evidence.lines.prefix(6) { text += "[\(line.ruleID)] \(line.text)\n" }
            }
            text += "```\n"
        }
        for dump in inputs.devcoredumps {
            let cut = dump.truncated ? ", cut at rocfaultd's size cap" : ""
            text += "\nDevice coredump `\(dump.name)` (attached as `devcoredump-\(dump.name).txt`\(cut)):\n\n"
            for line in dump.summary { text += "> \(line)\n" }
        }
        return text
    }

    func gpus() -> String {
        guard !facts.gpus.isEmpty else { return "unknown\n" }
        return facts.gpus.map { gpu in
            var parts = [gpu.name]
            if let target = gpu.gfxTarget { parts.append(target) }
            if let vram = gpu.vramBytes { parts.append("VRAM " + SystemText.byteText(vram)) }
            if let gtt = gpu.gttBytes { parts.append("GTT " + SystemText.byteText(gtt)) }
            return "- " + parts.joined(separator: ", ") + "\n"
        }.joined()
    }

    func rocmVersion() -> String {
        var parts: [String] = []
        if let rocm = facts.rocmVersion { parts.append("ROCm " + rocm) }
        if let hip = facts.hipVersion { parts.append("HIP " + hip) }
        if let libraries = process?.libraryVersions, !libraries.isEmpty {
            let list = libraries.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            parts.append("loaded by the process: " + list.joined(separator: ", "))
        }
        return parts.isEmpty ? "unknown" : parts.joined(separator: "; ")
    }

    func steps() -> String {
        var text = ""
        if let process, !process.cmdline.isEmpty {
            text += "1. Ran `" + process.cmdline.map(ProcessText.quoted).joined(separator: " ") + "`"
            text += process.unit.map { " (unit \($0))" } ?? ""
            text += ".\n"
        } else {
            text += "1. Ran \(incident.comm ?? "the program") (command line not recorded).\n"
        }
        if let signal = process?.exitSignal {
            text += "2. It died of \(SignalName.name(signal)).\n"
        } else {
            text += "2. It failed as shown above.\n"
        }
        text += "3. _Describe the model, workload and settings, and how often it happens._\n"
        return text
    }

    /// When it happened, the kernel log's coverage and the rocfault version.
    func occurrence() -> String {
        var text = ""
        if let first = incident.firstSeen.realtimeMicroseconds {
            text += "- First seen \(TimeText.utcSeconds(microseconds: first))"
            if let last = incident.lastSeen.realtimeMicroseconds {
                text += ", last seen \(TimeText.utcSeconds(microseconds: last))"
            }
            text += " (UTC).\n"
        }
        let kernel =
            incident.verdict.side == .kernel
            ? "the kernel reported the failure (see kernel.log)." : incident.verdict.certainty
        text += "- Kernel log: " + kernel + "\n"
        return text
    }

    func written() -> String {
        var text = "- Written by rocfault \(inputs.rocfaultVersion)"
        text += inputs.liveLinesNote.map { "; live logs: \($0)" } ?? ""
        return text + ".\n"
    }
}

extension String {
    var capitalizedFirst: String {
        var text = self
        for article in ["a ", "an "] where text.hasPrefix(article) { text.removeFirst(article.count) }
        return text.prefix(1).uppercased() + text.dropFirst()
    }
}
