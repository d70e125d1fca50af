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

    static func prepare(configuration: DaemonConfiguration, logger: Logger) throws -> DaemonSetup {
        try makeDirectory(configuration.stateDirectory)
        let ruleSet: RuleSet
        do {
            ruleSet = try RuleDirectoryLoader.load(directory: configuration.rulesDirectory)
        } catch {
            throw DaemonError("rule files have errors:\n\(error.description)")
        }
        let store = try IncidentStore.open(at: configuration.databasePath, mode: .readWrite)
        let bootID = try JournalBoot.currentID()
        let gpus = GPUInventory(sysfsRoot: configuration.sysfsRoot).amdDevices()
        for gpu in gpus {
            logger.info("GPU \(gpu.pciAddress?.description ?? gpu.card): \(gpu.gfxTarget ?? "unknown gfx target")")
        }
        return DaemonSetup(
            configuration: configuration,
            store: store,
            ruleSet: ruleSet,
            bootID: bootID,
            firstIncidentNumber: try store.largestIncidentNumber() + 1,
            gfxTarget: Set(gpus.compactMap(\.gfxTarget)).count == 1 ? gpus.first?.gfxTarget : nil
        )
    }

    private static func makeDirectory(_ path: String) throws {
        if mkdir(path, 0o750) != 0 && errno != EEXIST {
            throw DaemonError("cannot create the state directory \(path): \(String(cString: strerror(errno)))")
        }
    }
}

/// A start-up failure with a message for the operator.
struct DaemonError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
