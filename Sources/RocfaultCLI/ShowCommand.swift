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
    @OptionGroup var filter: IncidentFilterOptions

    @Option(name: .customLong("json"), help: "Print one JSON object: short or pretty (a bare --json is pretty).")
    var json: JSONStyle?

    @Flag(help: "Do not pipe the output into a pager.")
    var noPager = false

    @OptionGroup var fleet: FleetOptions

    func run() throws {
        if let directory = fleet.journalDirectory { return try showFleet(directory: directory) }
        let store = try self.store.open()
        defer { try? store.close() }
        let stored = filter.isActive ? try newestMatching(in: store) : try selection.load(from: store)
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
            renderer.render(
                stored,
                coverageNow: coverage,
                reportCommand: reportCommand(for: stored),
                doctor: DoctorBearing.text(for: stored.incident.verdict, checks: DoctorBearing.installedChecks())
            ),
            enabled: !noPager
        )
    }

    /// `-b`/`-g`: the newest incident that matches, or the given one if it matches.
    private func newestMatching(in store: IncidentStore) throws -> StoredIncident {
        let filter = try self.filter.resolve(store: store)
        if selection.id != nil {
            let stored = try selection.load(from: store)
            guard filter.matches(stored.incident, bootID: stored.bootID) else {
                throw CLIError(message: "incident \(stored.number) does not match --boot/--grep", exitCode: 1)
            }
            return stored
        }
        do {
            let candidates = try store.storedIncidents(matching: IncidentQuery(bootID: filter.bootID))
            guard let newest = candidates.first(where: { filter.matches($0.incident, bootID: $0.bootID) }),
                let found = try store.storedIncident(number: newest.number)
            else {
                throw CLIError(message: "no incident in \(store.path) matches --boot/--grep", exitCode: 1)
            }
            return found
        } catch let error as StoreError {
            throw CLIError.store(error, path: store.path)
        }
    }

    private func reportCommand(for stored: StoredIncident) -> String {
        var command = "rocfault report \(stored.number)"
        if let directory = store.stateDirectory { command += " --state-dir " + ShellQuote.quote(directory) }
        return command
    }
}
