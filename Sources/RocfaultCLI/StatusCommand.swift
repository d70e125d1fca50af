import ArgumentParser
import Foundation
import RocfaultCore
import RocfaultStore

/// `rocfault status`: what rocfaultd is reading and where it keeps what it found.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each log source's position, lag and gaps, the rule set, and the database.",
        discussion:
            "Exits 65 (damaged or foreign), 66 (missing), 77 (permission denied) or 74 (I/O) when the database "
            + "cannot be read; see EXIT STATUS in rocfault(1)."
    )

    @OptionGroup var store: StoreOptions

    @Option(help: "Rule directory to describe (default: the installed rules).")
    var rules: String?

    @Option(name: .customLong("json"), help: "Print one JSON object: short or pretty (a bare --json is pretty).")
    var json: JSONStyle?

    func run() throws {
        let store = try self.store.open()
        defer { try? store.close() }
        let status: StoreStatus
        do {
            status = try StoreStatus(store: store, now: Date())
        } catch let error as StoreError {
            throw CLIError.store(error, path: store.path)
        }
        let ruleStatus = RuleSetStatus(explicit: rules)
        if let json {
            let document = StatusDocument(store: status, rules: ruleStatus)
            Terminal.standardOutput.write(try JSONOutput.encode(document, style: json) + "\n")
            return
        }
        let style = Style(enabled: Terminal.standardOutput.usesColor)
        Terminal.standardOutput.write(StatusRenderer(style: style).render(status, rules: ruleStatus))
    }
}

/// The JSON of `rocfault status`.
struct StatusDocument: Encodable {
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
