import ArgumentParser
import Foundation
import RocfaultCore
import RocfaultSources
import RocfaultStore

/// `rocfault status`: what rocfaultd is reading and where it keeps what it found.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show whether rocfaultd runs, how far behind each log source is, gaps, the rule set, the database.",
        discussion:
            "Opens with whether rocfaultd runs (pid, since when, health; from rocfaultd.pid in the state "
            + "directory), then each source: up to date, or how far behind its newest line, and the stretches "
            + "lost while reading. Exits 65 (damaged or foreign), 66 (missing), 77 (permission denied) or "
            + "74 (I/O) when the database cannot be read; see EXIT STATUS in rocfault(1)."
    )

    @OptionGroup var store: StoreOptions

    @Option(help: "Rule directory to describe (default: the installed rules).", completion: .directory)
    var rules: String?

    @Option(name: .customLong("json"), help: "Print one JSON object: short or pretty (a bare --json is pretty).")
    var json: JSONStyle?

    @Flag(name: [.customShort("v"), .long], help: "Also show each source's stored read position (cursor).")
    var verbose = false

    @Option(
        help: ArgumentHelp(
            "The journal rocfaultd reads, when not the system journal (its --journal-directory).",
            valueName: "dir"
        ),
        completion: .directory
    )
    var journalDirectory: String?

    func run() throws {
        let daemon = DaemonStatus.read(stateDirectory: store.directory, now: Self.now())
        let store = try self.store.open()
        defer { try? store.close() }
        var status = try read(store, daemonRunning: daemon.isRunning)
        if daemon.isRunning && status.sources.contains(where: \.lagging) {
            // Lines that arrived just before the look may still be on their way into the store.
            usleep(500_000)
            status = try read(store, daemonRunning: daemon.isRunning)
        }
        let ruleStatus = RuleSetStatus(explicit: rules)
        if let json {
            let document = StatusDocument(daemon: daemon, store: status, rules: ruleStatus)
            Terminal.standardOutput.write(try JSONOutput.encode(document, style: json) + "\n")
            return
        }
        let style = Style(enabled: Terminal.standardOutput.usesColor)
        Terminal.standardOutput.write(
            StatusRenderer(style: style, verbose: verbose).render(status, daemon: daemon, rules: ruleStatus)
        )
    }

    private func read(_ store: IncidentStore, daemonRunning: Bool) throws -> StoreStatus {
        let boot = (try? JournalBoot.currentID()) ?? ""
        let journal = journalDirectory.map { JournalOpenMode.directory($0) } ?? .system
        do {
            return try StoreStatus(store: store, now: Date(), daemonRunning: daemonRunning) { source in
                guard daemonRunning else { return .notMeasured }
                switch source.source {
                case "kmsg":
                    return .kmsg(cursor: source.cursor, currentBootID: boot, newestSequence: Self.newestKmsgSequence())
                case "journal":
                    guard let cursor = source.cursor,
                        let position = try? JournalTail.position(of: cursor, mode: journal)
                    else { return .notMeasured }
                    return .journal(
                        cursorIsNewest: position.cursorIsNewest,
                        cursorMicroseconds: position.cursorMicroseconds,
                        newestMicroseconds: position.newestMicroseconds
                    )
                default: return .notMeasured
                }
            }
        } catch let error as StoreError {
            throw CLIError.store(error, path: store.path)
        }
    }

    /// The newest sequence number in the kernel ring (nil when `/dev/kmsg` is not readable here).
    private static func newestKmsgSequence() -> UInt64? {
        guard let reader = try? KmsgReader(path: "/dev/kmsg", start: .beginning) else { return nil }
        while (try? reader.next()) != nil {}
        return reader.lastSequence
    }

    private static func now() -> Int64 { Int64(Date().timeIntervalSince1970 * 1_000_000) }
}

/// The JSON of `rocfault status`.
struct StatusDocument: Encodable {
    var daemon: DaemonStatus
    var store: StoreStatus
    var rules: RuleSetStatus
}

/// The rule set `status` describes: its directory and size, or why it could not be loaded.
struct RuleSetStatus: Encodable {
    var directory: String?
    var rules: Int?
    var knownIssues: Int?
    var error: String?

    init(explicit: String?) {
        do {
            let directory = try RulesLocator.directory(explicit: explicit)
            self.directory = (directory as NSString).standardizingPath
            let set = try RulesLocator.load(explicit: directory)
            rules = set.rules.count
            knownIssues = set.knownIssues.count
        } catch {
            self.error = (error as? CLIError)?.message.split(separator: "\n").first.map(String.init) ?? "\(error)"
        }
    }
}
