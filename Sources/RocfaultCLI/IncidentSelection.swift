import ArgumentParser
import RocfaultCore
import RocfaultStore

/// `[ID | --last]`: which incident `show` and `report` are about; with neither, the newest (as
/// coredumpctl's `info` takes the newest core).
struct IncidentSelection: ParsableArguments {
    @Argument(help: "The incident's number, as `rocfault list` prints it (default: the newest).")
    var id: String?

    @Flag(help: "The most recent incident (the default when no ID is given).")
    var last = false

    func validate() throws {
        if id != nil && last { throw ValidationError("give an incident id or --last, not both") }
    }

    /// Loads the selected incident with its context and process, or fails with a one-line message.
    func load(from store: IncidentStore) throws -> StoredIncident {
        do {
            if let id {
                guard let number = Int64(id), number > 0 else {
                    throw CLIError(
                        message: "'\(id)' is not an incident number; `rocfault list` shows them",
                        exitCode: 1
                    )
                }
                guard let found = try store.storedIncident(number: number) else {
                    throw CLIError(
                        message: "no incident \(id) in \(store.path); `rocfault list` shows the recorded ones",
                        exitCode: 1
                    )
                }
                return found
            }
            guard let newest = try store.storedIncidents(matching: IncidentQuery(limit: 1)).first,
                let found = try store.storedIncident(number: newest.number)
            else {
                throw CLIError(message: "no incidents recorded in \(store.path)", exitCode: 1)
            }
            return found
        } catch let error as StoreError {
            throw CLIError.store(error, path: store.path)
        }
    }
}
