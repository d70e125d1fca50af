import RocfaultCore
import RocfaultReport
import RocfaultStore

/// The human output of `rocfault show`.
struct IncidentDetailRenderer {
    let style: Style

    func render(
        _ stored: StoredIncident,
        coverageNow: KernelLogCoverageDetail?,
        reportCommand: String,
        doctor: String = ""
    ) -> String {
        let incident = stored.incident
        let renderer = IncidentRenderer(style: style)
        var text =
            style.bold("Incident \(stored.number)") + " (\(incident.isFinal ? "final" : "open"))\n"
        text += "  first seen \(LocalTime.text(microseconds: incident.firstSeen.realtimeMicroseconds))"
        text += ", last seen \(LocalTime.text(microseconds: incident.lastSeen.realtimeMicroseconds))\n"
        if let pid = incident.pid { text += "  process \((incident.comm ?? "?").terminalSafe) (pid \(pid))\n" }
        text += "  signature \(incident.signature)\n\n"
        text += renderer.verdict(incident.verdict) + "\n"
        text += renderer.evidence(of: incident, explain: true)
        text += context(stored)
        text += renderer.knownIssues(incident.knownIssues)
        text += doctor
        text += renderer.coverageCaveat(incident.verdict)
        if let coverageNow, coverageNow.value != .notProvided {
            text += "Kernel log coverage of that time in the store now: \(renderer.coverageLabel(coverageNow.value))"
            text += " (\(coverageNow.explanation.terminalSafe))\n"
        }
        let upstream = UpstreamAttribution.attribute(incident)
        text += "Points at: \(upstream.project)\n"
        text += process(stored.process)
        text += "\n" + renderer.nextStep(incident.verdict, reportCommand: reportCommand, tracker: upstream.tracker)
        return text
    }

    private func context(_ stored: StoredIncident) -> String {
        guard !stored.context.isEmpty else { return "" }
        var text = "Context:\n"
        for index in stored.context.keys.sorted() {
            guard let context = stored.context[index], index < stored.incident.evidence.count else { continue }
            text += "  around [\(stored.incident.evidence[index].ruleID)]\n"
            for line in context.before {
                text += style.dim("      \(line.text.terminalSafeLine.trimmingLeadingSpaces)") + "\n"
            }
            text += "      " + style.dim("...") + "\n"
            for line in context.after {
                text += style.dim("      \(line.text.terminalSafeLine.trimmingLeadingSpaces)") + "\n"
            }
        }
        return text
    }

    private func process(_ process: ProcessRecord?) -> String {
        guard let process else { return "Process: not recorded\n" }
        var text = "Process:\n"
        if !process.cmdline.isEmpty { text += "  command line  \(ShellQuote.join(process.cmdline).terminalSafe)\n" }
        if let exe = process.exe { text += "  executable    \(exe.terminalSafe)\n" }
        if let unit = process.unit { text += "  unit          \(unit.terminalSafe)\n" }
        if let signal = process.exitSignal { text += "  exit signal   \(SignalName.name(signal))\n" }
        for (name, version) in process.libraryVersions.sorted(by: { $0.key < $1.key }) {
            text += "  library       \(name.terminalSafe) \(version.terminalSafe)\n"
        }
        for (name, value) in process.environment.sorted(by: { $0.key < $1.key }) {
            text += "  environment   \(name.terminalSafe)=\(value.terminalSafe)\n"
        }
        return text
    }
}
