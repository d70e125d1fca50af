import ArgumentParser
import Foundation
import RocfaultStore

/// `rocfault prune --older-than DURATION`: deletes old final incidents now, rather than waiting
/// for rocfaultd's retention.
struct PruneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Delete final incidents last seen longer ago than a duration (open ones are kept).",
        discussion: """
            DURATION as journalctl writes time spans: 30d, 12h, 1w, 90min, 1d12h. An incident's age is \
            its last evidence's time. Works while rocfaultd runs; needs root. Exits 2 on a bad duration.
            """
    )

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("Delete incidents last seen longer ago than this.", valueName: "duration"))
    var olderThan: String

    @Flag(help: "Only say which incidents would be deleted.")
    var dryRun = false

    func run() throws {
        let age = try Self.seconds(olderThan)
        let cutoff = Date().addingTimeInterval(-age)
        let store = try dryRun ? self.store.open() : self.store.openForWriting()
        defer { try? store.close() }
        let when = LocalTime.text(cutoff)
        do {
            if dryRun {
                let numbers = try store.finalIncidentNumbers(before: cutoff)
                let list = numbers.isEmpty ? "" : ": " + numbers.map(String.init).joined(separator: " ")
                Terminal.standardOutput.write(
                    "Would delete \(Self.incidents(numbers.count)) last seen before \(when)\(list).\n"
                )
                return
            }
            let count = try store.deleteFinalIncidents(before: cutoff)
            Terminal.standardOutput.write("Deleted \(Self.incidents(count)) last seen before \(when).\n")
        } catch {
            throw CLIError.store(error, path: store.path)
        }
    }

    /// Seconds of a time span with units (`30d`, `12h`, `1d12h`); a bare number is refused, since
    /// it would be seconds, which nobody pruning means.
    static func seconds(_ text: String) throws -> Double {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.contains(where: \.isLetter), let seconds = TimeSpecification.duration(Substring(trimmed)),
            seconds > 0, seconds.isFinite
        else {
            throw CLIError.usage("'\(text)' is not a duration; give one with a unit, e.g. 30d, 12h, 1w or 90min")
        }
        return seconds
    }

    private static func incidents(_ count: Int) -> String {
        count == 1 ? "1 final incident" : "\(count) final incidents"
    }
}
