import RocfaultCore

extension ShowCommand {
    /// `show ID|--last --journal-directory DIR [--host H]`: one announced incident. An id that
    /// several hosts announced needs `--host`.
    func showFleet(directory: String) throws {
        let found = try FleetIncidents(directory: directory).load(host: fleet.host)
        let chosen: IncidentAnnouncement
        if let id = selection.id {
            guard let number = Int64(id), number > 0 else {
                throw CLIError(message: "'\(id)' is not an incident number; `rocfault list` shows them", exitCode: 1)
            }
            let matching = found.filter { $0.number == number }
            guard let first = matching.first else {
                throw CLIError(message: "no incident \(id) announced in \(directory)", exitCode: 1)
            }
            guard matching.count == 1 else {
                let hosts = matching.compactMap(\.host).joined(separator: ", ")
                throw CLIError.usage("incident \(id) was announced by several hosts (\(hosts)); choose one with --host")
            }
            chosen = first
        } else {
            guard let newest = found.first else {
                throw CLIError(message: "no incidents announced in \(directory)", exitCode: 1)
            }
            chosen = newest
        }
        if let json {
            Terminal.standardOutput.write(
                try JSONOutput.encode(FleetIncidentDocument(announcement: chosen), style: json) + "\n"
            )
            return
        }
        Pager.show(Self.render(chosen), enabled: !noPager)
    }

    /// The announced incident as text.
    static func render(_ announcement: IncidentAnnouncement) -> String {
        let incident = announcement.incident
        let verdict = incident.verdict
        let time = { (micros: Int64?) in micros.map { LocalTime.text(microseconds: $0) } ?? "unknown" }
        var lines = [
            "Incident \(announcement.number) on \(announcement.host ?? "an unknown host") (\(announcement.state))",
            "Side:          \(verdict.side.rawValue)",
            "Class:         \(verdict.failureClass.rawValue)",
            "Kernel log:    \(verdict.kernelLog.rawValue)",
            "First seen:    \(time(incident.firstSeen.realtimeMicroseconds))",
            "Last seen:     \(time(incident.lastSeen.realtimeMicroseconds))",
        ]
        if let comm = incident.comm ?? incident.pid.map({ _ in "-" }) {
            lines.append("Process:       \(comm)" + (incident.pid.map { " (pid \($0))" } ?? ""))
        }
        if announcement.gpu != nil || announcement.gfxTarget != nil {
            let target = announcement.gfxTarget.map { announcement.gpu == nil ? $0 : " (\($0))" } ?? ""
            lines.append("GPU:           \(announcement.gpu ?? "")\(target)")
        }
        if !verdict.knownIssues.isEmpty {
            lines.append("Known issues:  \(verdict.knownIssues.joined(separator: ", "))")
        }
        lines.append("Signature:     \(incident.signature)")
        if let boot = announcement.bootID { lines.append("Boot:          \(boot)") }
        if !verdict.summary.isEmpty { lines += ["", verdict.summary] }
        lines += ["", "Evidence lines stay on the host: `rocfault show \(announcement.number)` there shows them."]
        return lines.map(\.terminalSafeLine).joined(separator: "\n") + "\n"
    }
}
