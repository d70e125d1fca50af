public import ArgumentParser
import Logging
import RocfaultCore
import RocfaultSources
import RocfaultStore
import ServiceLifecycle
import UnixSignals

#if canImport(Glibc)
import Glibc
#endif

/// `rocfaultd`: follows the kernel log and the journal, records GPU failure incidents.
public struct RocfaultDaemonCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "rocfaultd",
        abstract: "Follow the kernel log and the journal and record AMD GPU failure incidents.",
        version: RocfaultVersion.current
    )

    @OptionGroup public var options: DaemonOptions

    public init() {}

    /// Parses the process's arguments and runs the daemon (the executable's whole `main`).
    public static func runFromCommandLine() async { await main() }

    public func run() async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .info
            return handler
        }
        let logger = Logger(label: "rocfaultd")
        let setup: DaemonSetup
        do {
            let configuration = DaemonConfiguration(options: options, rulesDirectory: try Self.rulesDirectory(options))
            setup = try DaemonSetup.prepare(configuration: configuration, logger: logger)
        } catch let error as DaemonError {
            // Not a usage error: no usage banner, the cause in words, a documented exit status.
            logger.critical("\(error.description)")
            throw ExitCode(error.exitStatus)
        } catch let error as StoreError {
            let failure = DaemonError(storeError: error)
            logger.critical("\(failure.description)")
            throw ExitCode(failure.exitStatus)
        } catch {
            logger.critical("cannot start: \(error)")
            throw ExitCode(DaemonError.software)
        }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [
                    ServiceGroupConfiguration.ServiceConfiguration(
                        service: DaemonService(setup: setup, logger: logger),
                        successTerminationBehavior: .gracefullyShutdownGroup
                    )
                ],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        let recordFile = DaemonRecordFile(stateDirectory: setup.configuration.stateDirectory, logger: logger)
        let record = recordFile.started(bootID: setup.bootID)
        try await group.run()
        if let record { recordFile.stopped(record) }
    }

    private static func rulesDirectory(_ options: DaemonOptions) throws -> String {
        if let rules = options.rules { return rules }
        if let fromEnvironment = getenv("ROCFAULT_RULES_DIR").map({ String(cString: $0) }), !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        for candidate in ["/usr/local/share/rocfault/rules", "/usr/share/rocfault/rules"]
        where access(candidate, R_OK) == 0 {
            return candidate
        }
        throw DaemonError(
            "no rule directory found; pass --rules DIR or set ROCFAULT_RULES_DIR",
            exitStatus: DaemonError.configuration
        )
    }
}
