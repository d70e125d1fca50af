import ArgumentParser
import RocfaultPlatform
import RocfaultStore

/// `--state-dir`: where rocfaultd keeps `rocfault.sqlite`; shared by list, show, status, watch, report.
struct StoreOptions: ParsableArguments {
    /// The database file name inside the state directory.
    static let databaseName = Installation.databaseName

    @Option(
        name: .customLong("state-dir"),
        help: ArgumentHelp(
            "rocfaultd's state directory (default: $ROCFAULT_STATE_DIR or /var/lib/rocfault).",
            valueName: "dir"
        ),
        completion: .directory
    )
    var stateDirectory: String?

    /// The directory in use.
    var directory: String { Installation.current().stateDirectory(explicit: stateDirectory) }

    /// The database path.
    var databasePath: String { Installation.databasePath(stateDirectory: directory) }

    /// Opens the store read-only, turning every failure into a one-line message that says what to do.
    func open() throws -> IncidentStore {
        do {
            return try IncidentStore.open(at: databasePath, mode: .readOnly)
        } catch {
            throw CLIError.store(error, path: databasePath)
        }
    }

    static func explain(_ error: StoreError, path: String) -> String {
        switch error.code {
        case .notFound:
            return "no incident database at \(path): is rocfaultd running (systemctl status rocfaultd)? "
                + "Give its directory with --state-dir or ROCFAULT_STATE_DIR if it keeps it elsewhere."
        case .permissionDenied:
            return "permission denied: \(error.path); run as root or add yourself to group rocfault "
                + "(sudo usermod -aG rocfault $USER, then log in again)"
        case .newerSchema:
            return "\(path) was written by a newer rocfault; update this rocfault command"
        case .olderSchema:
            return "\(path) needs an upgrade; restart rocfaultd (systemctl restart rocfaultd) and try again"
        case .corrupt:
            return "the incident database \(path) is damaged (\(error.detail)); restarting rocfaultd sets it "
                + "aside and starts a new one"
        case .notRocfaultDatabase:
            return "\(path) is not a rocfault database (\(error.detail)); check --state-dir"
        default:
            return "cannot read the incident database \(path): \(error.code.rawValue): \(error.detail)"
        }
    }
}
