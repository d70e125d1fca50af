import ArgumentParser
import Foundation
import RocfaultCore
import RocfaultStore

#if canImport(Glibc)
import Glibc
#endif

/// `rocfault watch`: new and updated incidents as rocfaultd records them.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Print incidents as rocfaultd records or updates them, until interrupted.",
        discussion: """
            Wakes on changes to the database (inotify on the state directory) rather than polling, and \
            stops on SIGINT or SIGTERM. With --json, prints one JSON object per event: \
            {"event": "new" or "updated", "incident": {...}}.
            """
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var filter: IncidentFilterOptions

    @Option(name: [.customShort("n"), .customLong("lines")], help: "First show the N newest recorded incidents.")
    var initial = 0

    @Option(name: .customLong("json"), help: "Print JSON objects: short or pretty (a bare --json is pretty).")
    var json: JSONStyle?

    /// Incidents compared on each change: the newest this many.
    private static let window = 200

    func run() throws {
        var store = try self.store.open()
        defer { try? store.close() }
        let filter = try self.filter.resolve(store: store)
        let follower = try StoreFollower(options: self.store)
        var known = try snapshot(store, filter: filter)
        let newest = known.values.sorted(by: Self.newerFirst).prefix(max(0, initial)).reversed()
        for incident in newest { emit(incident, event: "new") }
        Terminal.standardError.write("Watching \(store.path) for incidents; Ctrl-C stops.\n")
        try follower.follow(&store) { store in
            let current = try snapshot(store, filter: filter)
            for incident in current.values.sorted(by: Self.newerFirst).reversed() where known[incident.id] != incident {
                emit(incident, event: known[incident.id] == nil ? "new" : "updated")
            }
            known = current
        }
    }

    private func snapshot(_ store: IncidentStore, filter: IncidentFilter) throws -> [String: Incident] {
        do {
            let query = IncidentQuery(bootID: filter.bootID, limit: Self.window)
            let incidents = try store.storedIncidents(matching: query)
                .filter { filter.matches($0.incident, bootID: $0.bootID) }.map(\.shown)
            return Dictionary(incidents.map { ($0.id, $0) }) { first, _ in first }
        } catch {
            throw CLIError.store(error, path: store.path)
        }
    }

    private func emit(_ incident: Incident, event: String) {
        if let json {
            let text = (try? JSONOutput.encode(WatchEvent(event: event, incident: incident), style: json)) ?? "{}"
            Terminal.standardOutput.write(text + "\n")
            return
        }
        let style = Style(enabled: Terminal.standardOutput.usesColor)
        let cells = IncidentTable.cells(incident)
        let label = event == "new" ? style.bold("new    ") : "updated"
        let summary = incident.knownIssues.first.map { "  \($0.id.terminalSafe)" } ?? ""
        Terminal.standardOutput.write(
            "\(label) \(cells[0])  \(cells[1])  \(IncidentRenderer(style: style).sideLabel(incident.verdict.side)) "
                + "\(cells[3])  pid \(cells[4]) \(cells[5])\(summary)\n"
        )
    }

    private static func newerFirst(_ lhs: Incident, _ rhs: Incident) -> Bool {
        (lhs.firstSeen.realtimeMicroseconds ?? .min, lhs.id) > (rhs.firstSeen.realtimeMicroseconds ?? .min, rhs.id)
    }
}

/// One `rocfault watch --json` line.
struct WatchEvent: Encodable {
    var event: String
    var incident: Incident
}
