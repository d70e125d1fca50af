import Logging
import RocfaultCore
import RocfaultSources
import RocfaultStore
import RocfaultSystem

#if canImport(Glibc)
import Glibc
#endif

/// Everything resolved before the service starts: configuration, store, rules, boot, GPUs.
struct DaemonSetup: Sendable {
    let configuration: DaemonConfiguration
    let store: IncidentStore
    let ruleSet: RuleSet
    let bootID: String
    let firstIncidentNumber: Int
    let gfxTarget: String?
    /// The AMD GPUs with their gfx targets and firmware versions, for known-issue matching.
    let gpus: KnownGPUs

    static func prepare(configuration: DaemonConfiguration, logger: Logger) throws -> DaemonSetup {
        try makeDirectory(configuration.stateDirectory)
        let ruleSet: RuleSet
        do {
            ruleSet = try RuleDirectoryLoader.load(directory: configuration.rulesDirectory)
        } catch {
            throw DaemonError("rule files have errors:\n\(error.description)", exitStatus: DaemonError.configuration)
        }
        let store = try openStore(configuration.databasePath, logger: logger)
        let bootID: String
        do {
            bootID = try JournalBoot.currentID()
        } catch {
            throw DaemonError("cannot read the boot id: \(error)", exitStatus: DaemonError.software)
        }
        let gpus = GPUInventory(sysfsRoot: configuration.sysfsRoot).amdDevices()
        for gpu in gpus { logger.info("GPU \(gpu.knownGPU.summary)") }
        return DaemonSetup(
            configuration: configuration,
            store: store,
            ruleSet: ruleSet,
            bootID: bootID,
            firstIncidentNumber: try store.largestIncidentNumber() + 1,
            gfxTarget: Set(gpus.compactMap(\.gfxTarget)).count == 1 ? gpus.first?.gfxTarget : nil,
            gpus: KnownGPUs(gpus.map(\.knownGPU))
        )
    }

    /// Opens the store read-write; a damaged one is set aside (kept) and replaced by a fresh one.
    private static func openStore(_ path: String, logger: Logger) throws(DaemonError) -> IncidentStore {
        do {
            let (store, recovery) = try IncidentStore.openRecoveringFromCorruption(at: path)
            if let recovery { StoreRecoveryNotice.announce(recovery, path: path, logger: logger) }
            return store
        } catch {
            throw DaemonError(storeError: error)
        }
    }

    private static func makeDirectory(_ path: String) throws(DaemonError) {
        guard mkdir(path, 0o750) != 0 else { return }
        let number = errno
        if number == EEXIST { return }
        let reason = String(cString: strerror(number))
        if number == EACCES || number == EPERM || number == EROFS {
            throw DaemonError(
                "permission denied: cannot create the state directory \(path) (\(reason)); "
                    + "run rocfaultd as root or as user rocfault (systemctl start rocfaultd)",
                exitStatus: DaemonError.permission
            )
        }
        let status = number == ENOENT || number == ENOTDIR ? DaemonError.noInput : DaemonError.ioError
        throw DaemonError("cannot create the state directory \(path): \(reason)", exitStatus: status)
    }
}

/// A start-up failure with a message for the operator and the exit status it ends the daemon with
/// (`sysexits.h`; docs/daemon.md, "Exit status").
struct DaemonError: Error, CustomStringConvertible {
    /// `EX_NOINPUT`: the state directory's parent does not exist.
    static let noInput: Int32 = 66
    /// `EX_SOFTWARE`: an internal failure.
    static let software: Int32 = 70
    /// `EX_IOERR`.
    static let ioError: Int32 = 74
    /// `EX_NOPERM`.
    static let permission: Int32 = 77
    /// `EX_CONFIG`: the rule files (or their directory).
    static let configuration: Int32 = 78

    let description: String
    let exitStatus: Int32

    init(_ description: String, exitStatus: Int32) {
        self.description = description
        self.exitStatus = exitStatus
    }

    /// A store that cannot be opened: the cause in words, with the store's exit status.
    init(storeError error: StoreError) {
        let text: String =
            switch error.code {
            case .permissionDenied:
                "permission denied: \(error.path): \(error.detail); "
                    + "run rocfaultd as root or as user rocfault (systemctl start rocfaultd)"
            case .notRocfaultDatabase:
                "\(error.path) is not a rocfault database (\(error.detail)); it was left as it is: "
                    + "give rocfaultd its own --state-dir"
            default: "cannot open the incident store: \(error)"
            }
        self.init(text, exitStatus: error.exitStatus)
    }
}
