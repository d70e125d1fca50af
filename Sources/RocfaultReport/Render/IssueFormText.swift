import RocfaultCore
public import RocfaultStore

/// `report.md`: the incident written in the shape of the ROCm GitHub issue form (Problem
/// Description, Operating System, CPU, GPU, ROCm Version, ROCm Component, Steps to Reproduce,
/// rocminfo output, Additional Information), ready to paste.
public struct IssueFormText: Sendable {
    let inputs: ReportInputs
    let process: ProcessRecord?

    /// Creates the renderer; `process` is the (redacted) process record.
    public init(inputs: ReportInputs, process: ProcessRecord?) {
        self.inputs = inputs
        self.process = process
    }

    private var incident: Incident { inputs.stored.incident }
    private var facts: MachineFacts { inputs.machine }

    /// The whole file.
    public func render() -> String {
        let attribution = UpstreamAttribution.attribute(incident)
        var text = "<!-- rocfault report: incident \(inputs.stored.number), signature \(incident.signature) -->\n"
        text += "# " + title() + "\n\n"
        text += "### Problem Description\n\n" + problem(attribution) + "\n"
        text += "### Operating System\n\n" + (facts.distribution ?? "unknown") + "\n\n"
        text += "### CPU\n\n" + (facts.cpu ?? "unknown") + "\n\n"
        text += "### GPU\n\n" + gpus() + "\n"
        text += "### ROCm Version\n\n" + rocmVersion() + "\n\n"
        text += "### ROCm Component\n\n" + attribution.component + "\n\n"
        text += "### Steps to Reproduce\n\n" + steps() + "\n"
        text += "### (Optional for Linux users) Output of /opt/rocm/bin/rocminfo --support\n\n"
        text += "```\n" + SystemText.rocminfoSection(inputs.rocminfo) + "```\n\n"
        text += "### Additional Information\n\n" + additional() + "\n"
        return text
    }

    private func title() -> String {
        let who = incident.comm.map { " in \($0)" } ?? ""
        let side: String
        switch incident.verdict.side {
        case .kernel: side = "kernel-side GPU failure"
        case .userspace: side = "userspace abort, kernel log silent"
        case .hang: side = "GPU work stalled"
        case .none: side = "no AMD GPU failure evidence"
        }
        return "\(incident.verdict.failureClass.phrase.capitalizedFirst)\(who) (\(side))"
    }

    private func problem(_ attribution: UpstreamAttribution) -> String {
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
        return text
    }

    private func gpus() -> String {
        guard !facts.gpus.isEmpty else { return "unknown\n" }
        return facts.gpus.map { gpu in
            var parts = [gpu.name]
            if let target = gpu.gfxTarget { parts.append(target) }
            if let vram = gpu.vramBytes { parts.append("VRAM " + SystemText.byteText(vram)) }
            if let gtt = gpu.gttBytes { parts.append("GTT " + SystemText.byteText(gtt)) }
            return "- " + parts.joined(separator: ", ") + "\n"
        }.joined()
    }

    private func rocmVersion() -> String {
        var parts: [String] = []
        if let rocm = facts.rocmVersion { parts.append("ROCm " + rocm) }
        if let hip = facts.hipVersion { parts.append("HIP " + hip) }
        if let libraries = process?.libraryVersions, !libraries.isEmpty {
            let list = libraries.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            parts.append("loaded by the process: " + list.joined(separator: ", "))
        }
        return parts.isEmpty ? "unknown" : parts.joined(separator: "; ")
    }

    private func steps() -> String {
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

    private func additional() -> String {
        var text = ""
        if let first = incident.firstSeen.realtimeMicroseconds {
            text += "- First seen \(TimeText.utcSeconds(microseconds: first))"
            if let last = incident.lastSeen.realtimeMicroseconds {
                text += ", last seen \(TimeText.utcSeconds(microseconds: last))"
            }
            text += " (UTC).\n"
        }
        text += "- Kernel log: " + coverageSentence() + "\n"
        text += "- Attached: `incident.json`, `kernel.log`, `journal.log`, `process.txt`, `system.txt`.\n"
        if let kernel = facts.kernel { text += "- Kernel: \(kernel)\n" }
        if !facts.kernelParameters.isEmpty {
            text += "- Kernel parameters: `\(facts.kernelParameters.joined(separator: " "))`\n"
        }
        if let firmware = facts.linuxFirmwareVersion { text += "- linux-firmware: \(firmware)\n" }
        if let mesa = facts.mesaVersion { text += "- Mesa: \(mesa)\n" }
        text += "- Written by rocfault \(inputs.rocfaultVersion)"
        text += inputs.liveLinesNote.map { "; live logs: \($0)" } ?? ""
        text += ".\n"
        return text
    }

    private func coverageSentence() -> String {
        switch (incident.verdict.side, incident.verdict.kernelLog) {
        case (.kernel, _): "the kernel reported the failure (see kernel.log)."
        case (_, .covered): "read for the time of the failure; it shows no amdgpu/amdkfd fault."
        case (_, .notProvided): "not read for this time, so a kernel-side cause cannot be ruled out."
        case (_, .gap): "lines were lost around the time of the failure, so the kernel side is unknown."
        case (_, .unreadable): "not readable by the user who checked, so a kernel-side cause cannot be ruled out."
        case (_, .unaligned): "read, but not placeable against the failure's time, so the kernel side is unknown."
        }
    }
}

extension String {
    var capitalizedFirst: String {
        var text = self
        for article in ["a ", "an "] where text.hasPrefix(article) { text.removeFirst(article.count) }
        return text.prefix(1).uppercased() + text.dropFirst()
    }
}
