import RocfaultStore

extension StoreOptions {
    /// Opens the store read-write, for `prune` and `delete`: it shares the file with a running
    /// rocfaultd (WAL; each change is one short transaction). Root only: the file is the daemon's.
    func openForWriting() throws -> IncidentStore {
        do {
            return try IncidentStore.open(at: databasePath, mode: .readWrite)
        } catch {
            if error.code == .permissionDenied {
                throw CLIError(
                    message: "permission denied: \(error.path); changing the incident database needs root (sudo)",
                    exitCode: error.exitStatus
                )
            }
            throw CLIError.store(error, path: databasePath)
        }
    }
}
