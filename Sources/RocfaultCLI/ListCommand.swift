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
    @OptionGroup var filter: IncidentFilterOptions

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

    @Flag(
        name: [.customShort("f"), .long],
        help: "Go on printing incidents as rocfaultd records them, until interrupted."
    )
    var follow = false

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("-n must not be negative") }
    }

    func run() throws {
        var query = try makeQuery()
        if let directory = fleet.journalDirectory { return try listFleet(directory: directory, query: query) }
        var store = try self.store.open()
        defer { try? store.close() }
        let filter = try self.filter.resolve(store: store)
        query.bootID = filter.bootID
        if follow { return try followNew(&store, query: query, filter: filter) }
        let incidents = try matching(store, query: query, filter: filter)
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

    /// The incidents the query and the filter select, newest first, at most `-n` (counted after `--grep`).
    private func matching(_ store: IncidentStore, query: IncidentQuery, filter: IncidentFilter) throws -> [Incident] {
        var unlimited = query
        if filter.pattern != nil { unlimited.limit = nil }
        do {
            let found = try store.storedIncidents(matching: unlimited)
                .filter { filter.matches($0.incident, bootID: $0.bootID) }.map(\.shown)
            return Array(found.prefix(query.limit ?? .max))
        } catch {
            throw CLIError.store(error, path: store.path)
        }
    }

    /// `--follow`: the selected incidents oldest first, then each new one as rocfaultd records it.
    /// Watching starts before the first read, so nothing recorded in between is lost.
    private func followNew(_ store: inout IncidentStore, query: IncidentQuery, filter: IncidentFilter) throws {
        var recent = query
        recent.limit = nil
        recent.until = nil
        let follower = try StoreFollower(options: self.store)
        let everything = try matching(store, query: recent, filter: filter)
        var seen = Set(everything.map(\.id))
        let until = query.until.map { Int64($0.timeIntervalSince1970 * 1_000_000) } ?? .max
        let shown = everything.filter { ($0.firstSeen.realtimeMicroseconds ?? .max) <= until }
        printRows(shown.prefix(query.limit ?? .max).reversed())
        try follower.follow(&store) { store in
            let fresh = try matching(store, query: recent, filter: filter).filter { !seen.contains($0.id) }
            seen.formUnion(fresh.map(\.id))
            printRows(fresh.reversed())
        }
    }

    /// Rows without header or footer (a followed list has no end), or one JSON document a line.
    private func printRows(_ incidents: some Sequence<Incident>) {
        var text = ""
        if let json {
            for incident in incidents { text += ((try? JSONOutput.encode(incident, style: json)) ?? "{}") + "\n" }
        } else {
            let table = IncidentTable(style: Style(enabled: Terminal.standardOutput.usesColor))
            text = table.render(Array(incidents), legend: false)
        }
        if !text.isEmpty { Terminal.standardOutput.write(text) }
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
