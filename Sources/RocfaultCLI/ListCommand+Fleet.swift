import ArgumentParser
import RocfaultCore
import RocfaultStore

/// `--journal-directory` and `--host` of `list` and `show`.
struct FleetOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Read the incidents that machines announced into journal files in this directory (as systemd-journal-remote writes them) instead of the local store.",
            valueName: "dir"
        )
    )
    var journalDirectory: String?

    @Option(help: ArgumentHelp("Only incidents of this host (with --journal-directory).", valueName: "host"))
    var host: String?

    func validate() throws {
        if host != nil && journalDirectory == nil { throw ValidationError("--host needs --journal-directory") }
    }
}

extension ListCommand {
    /// `list --journal-directory`: the announced incidents with their host.
    func listFleet(directory: String, query: IncidentQuery) throws {
        var found = try FleetIncidents(directory: directory).load(host: fleet.host)
            .filter { FleetIncidents.matches($0, query) }
        if let limit = query.limit { found = Array(found.prefix(limit)) }
        if let json {
            Terminal.standardOutput.write(
                try JSONOutput.encode(found.map(FleetIncidentDocument.init), style: json) + "\n"
            )
            if found.isEmpty { throw CLIError.nothingMatched }
            return
        }
        guard !found.isEmpty else {
            if !noLegend { Terminal.standardError.write("No incidents found.\n") }
            throw CLIError.nothingMatched
        }
        Pager.show(FleetIncidentTable.render(found, legend: !noLegend), enabled: !noPager)
    }
}
