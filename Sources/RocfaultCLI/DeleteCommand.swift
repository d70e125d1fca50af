import ArgumentParser
import RocfaultStore

/// `rocfault delete ID`: removes one incident with its evidence.
struct DeleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete one incident with its evidence.",
        discussion: """
            An open incident (rocfaultd may still add evidence to it) is kept unless --force is given; \
            a running rocfaultd then records it again, under a new number, if more evidence joins it. \
            Works while rocfaultd runs; needs root. Exits 1 when there is no such incident or it is open.
            """
    )

    @OptionGroup var store: StoreOptions

    @Argument(help: "The incident's number, as `rocfault list` prints it.")
    var id: String

    @Flag(help: "Delete it even while it is open.")
    var force = false

    func run() throws {
        guard let number = Int64(id), number > 0 else {
            throw CLIError(message: "'\(id)' is not an incident number; `rocfault list` shows them", exitCode: 2)
        }
        let store = try self.store.openForWriting()
        defer { try? store.close() }
        let outcome: IncidentDeletion
        do {
            outcome = try store.deleteIncident(number: number, evenIfOpen: force)
        } catch {
            throw CLIError.store(error, path: store.path)
        }
        switch outcome {
        case .deleted:
            Terminal.standardOutput.write("Deleted incident \(number).\n")
        case .notFound:
            throw CLIError(message: "no incident \(number) in \(store.path)", exitCode: 1)
        case .keptOpen:
            throw CLIError(
                message: "incident \(number) is still open (rocfaultd may still add evidence to it); "
                    + "it was kept: wait until it is final, or give --force",
                exitCode: 1
            )
        }
    }
}
