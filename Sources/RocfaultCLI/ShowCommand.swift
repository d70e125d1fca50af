import ArgumentParser
import RocfaultCore
import RocfaultReport
import RocfaultStore

/// `rocfault show [ID|--last]`: one incident in full (the newest when no ID is given).
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one incident: verdict, deciding lines, context, known issues, process, coverage.",
        discussion: "Exits 1 when there is no such incident, 2 when the database cannot be read."
    )

    @OptionGroup var selection: IncidentSelection
    @OptionGroup var store: StoreOptions

    @Option(name: .customLong("json"), help: "Print one JSON object: short or pretty (a bare --json is pretty).")
    var json: JSONStyle?

    @Flag(help: "Do not pipe the output into a pager.")
    var noPager = false

    func run() throws {
        let store = try self.store.open()
        defer { try? store.close() }
        let stored = try selection.load(from: store)
        if let json {
            let document = IncidentDocument(stored: stored, process: stored.process)
            Terminal.standardOutput.write(try JSONOutput.encode(document, style: json) + "\n")
            return
        }
        let coverage = try? store.kernelLogCoverageDetail(
            at: KernelLogCoverageLedger.incidentTime(
                firstSeen: stored.incident.firstSeen,
                lastSeen: stored.incident.lastSeen
            ),
            bootID: stored.bootID
        )
        let renderer = IncidentDetailRenderer(style: Style(enabled: Terminal.standardOutput.usesColor))
        Pager.show(
            renderer.render(stored, coverageNow: coverage, reportCommand: reportCommand(for: stored)),
            enabled: !noPager
        )
    }

    private func reportCommand(for stored: StoredIncident) -> String {
        var command = "rocfault report \(stored.number)"
        if let directory = store.stateDirectory { command += " --state-dir " + ShellQuote.quote(directory) }
        return command
    }
}
