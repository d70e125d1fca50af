import ArgumentParser
import Foundation
import RocfaultCore
import RocfaultStore

/// `rocfault list`: the incidents rocfaultd recorded, newest first.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List recorded incidents, newest first.",
        discussion: """
            Times are as journalctl takes them: '2026-11-24 10:00', 'today', 'yesterday', '-1h', '-30min', \
            '@1764000000'. Exits 1 when no incident matches, 2 when the database cannot be read.
            """
    )

    @OptionGroup var store: StoreOptions

    @Option(name: [.customShort("S"), .long], help: "Only incidents first seen at or after this time.")
    var since: String?

    @Option(name: [.customShort("U"), .long], help: "Only incidents first seen at or before this time.")
    var until: String?

    @Option(help: "Only this side: kernel, userspace, hang or none.")
    var side: SideOption?

    @Option(help: "Only this process id.")
    var pid: Int32?

    @Option(help: "Only this command name (exact).")
    var comm: String?

    @Option(name: [.customShort("n"), .customLong("lines")], help: "Show at most the N newest.")
    var limit: Int?

    @Option(name: .customLong("json"), help: "Print a JSON array: short or pretty (a bare --json is pretty).")
    var json: JSONStyle?

    @Flag(help: "Do not pipe the output into a pager.")
    var noPager = false

    @Flag(help: "Print no header and no footer.")
    var noLegend = false

    @OptionGroup var fleet: FleetOptions

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("-n must not be negative") }
    }

    func run() throws {
        let query = try makeQuery()
        if let directory = fleet.journalDirectory { return try listFleet(directory: directory, query: query) }
        let store = try self.store.open()
        defer { try? store.close() }
        let incidents: [Incident]
        do {
            incidents = try store.storedIncidents(matching: query).map(\.shown)
        } catch {
            throw CLIError.store(error, path: store.path)
        }
        if let json {
            Terminal.standardOutput.write(try JSONOutput.encode(incidents, style: json) + "\n")
            if incidents.isEmpty { throw CLIError.nothingMatched }
            return
        }
        guard !incidents.isEmpty else {
            if !noLegend { Terminal.standardError.write("No incidents found.\n") }
            throw CLIError.nothingMatched
        }
        let table = IncidentTable(style: Style(enabled: Terminal.standardOutput.usesColor))
        Pager.show(table.render(incidents, legend: !noLegend), enabled: !noPager)
    }

    func makeQuery() throws -> IncidentQuery {
        let times = TimeSpecification(now: Date(), timeZone: .current)
        do {
            return IncidentQuery(
                since: try since.map(times.parse),
                until: try until.map(times.parse),
                side: side.map { Side(rawValue: $0.rawValue)! },
                pid: pid,
                comm: comm,
                limit: limit
            )
        } catch {
            throw CLIError.usage(error.description)
        }
    }
}

/// `--side` values.
enum SideOption: String, ExpressibleByArgument, CaseIterable {
    case kernel
    case userspace
    case hang
    case none
}
