import ArgumentParser
import Foundation
import RocfaultCore
import RocfaultStore

/// `rocfault npd`: a node-problem-detector custom plugin (docs/npd.md).
struct NPDCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "npd",
        abstract: "Report a GPU node condition the way node-problem-detector's custom plugins do.",
        discussion: """
            Prints one line of at most 80 bytes and exits 0 when the condition is fine, 1 when it is \
            a problem (failed: a kernel-side or userspace GPU failure first seen within --window; \
            stalled: a GPU process hangs now), 3 when it is unknown (the incident database cannot be \
            read, or rocfaultd is not running). docs/npd/rocfault-plugin-monitor.json is a sample \
            plugin monitor configuration.
            """
    )

    @Option(help: "The condition: failed or stalled.")
    var condition: ConditionOption = .failed

    @Option(help: ArgumentHelp("How far back a failure counts (failed): 30s, 10m, 2h, 1d.", valueName: "duration"))
    var window = "15m"

    @OptionGroup var store: StoreOptions

    @Option(help: .hidden)
    var procRoot = "/proc"

    enum ConditionOption: String, ExpressibleByArgument, CaseIterable {
        case failed
        case stalled
    }

    func validate() throws {
        if NodeProblemCheck.parseDuration(window) == nil {
            throw ValidationError("--window '\(window)' is not a duration such as 30s, 10m, 2h or 1d")
        }
    }

    func run() throws {
        let result = check()
        Terminal.standardOutput.write(result.message + "\n")
        if result.status != .ok { throw CLIError(message: "", exitCode: result.status.rawValue) }
    }

    /// The plugin's answer; every failure to find out is an unknown status with the reason.
    func check() -> NodeProblemCheck {
        guard Self.daemonRunning(procRoot: procRoot) else {
            return NodeProblemCheck(status: .unknown, message: "rocfaultd is not running")
        }
        let windowSeconds = NodeProblemCheck.parseDuration(window) ?? 900
        let now = Int64(Date().timeIntervalSince1970 * 1_000_000)
        let incidents: [(number: Int64, incident: Incident)]
        do {
            let opened = try IncidentStore.open(at: store.databasePath, mode: .readOnly)
            defer { try? opened.close() }
            let since = Date(timeIntervalSince1970: Double(now / 1_000_000 - windowSeconds))
            let found =
                condition == .failed
                ? try opened.storedIncidents(matching: IncidentQuery(since: since)) : try opened.openIncidents()
            incidents = found.map { ($0.number, $0.incident) }
        } catch {
            return NodeProblemCheck(
                status: .unknown,
                message: "cannot read the incident database: \(error.code.rawValue)"
            )
        }
        let chosen = NodeProblemCheck.Condition(rawValue: condition.rawValue) ?? .failed
        return NodeProblemCheck.evaluate(chosen, incidents: incidents, now: now, windowSeconds: windowSeconds)
    }

    /// Whether a process named `rocfaultd` runs, by `PROC/PID/comm`.
    static func daemonRunning(procRoot: String) -> Bool {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: procRoot)) ?? []
        return entries.contains { entry in
            guard entry.first?.isNumber == true,
                let comm = try? String(contentsOfFile: "\(procRoot)/\(entry)/comm", encoding: .utf8)
            else { return false }
            return comm.trimmingCharacters(in: .whitespacesAndNewlines) == "rocfaultd"
        }
    }
}
