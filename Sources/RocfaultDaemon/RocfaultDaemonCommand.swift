package import ArgumentParser
import Logging
import RocfaultCore
import RocfaultPlatform
import RocfaultSources
import RocfaultStore
import ServiceLifecycle
import UnixSignals

/// `rocfaultd`: follows the kernel log and the journal, records GPU failure incidents.
package struct RocfaultDaemonCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "rocfaultd",
        abstract: "Follow the kernel log and the journal and record AMD GPU failure incidents.",
        version: RocfaultVersion.current
    )

    @OptionGroup package var options: DaemonOptions

    package init() {}

    /// Parses the process's arguments and runs the daemon (the executable's whole `main`).
    package static func runFromCommandLine() async { await main() }

    package func run() async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .info
            return handler
        }
        let logger = Logger(label: "rocfaultd")
        let setup: DaemonSetup
        do {
            let installation = Installation.current()
            let configuration = DaemonConfiguration(
                options: options,
                rulesDirectory: try Self.rulesDirectory(options, installation: installation),
                installation: installation
            )
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

    /// The rule directory, found as `rocfault` finds it (``Installation/rulesDirectory(explicit:isDirectory:)``).
    private static func rulesDirectory(
        _ options: DaemonOptions,
        installation: Installation
    ) throws(DaemonError) -> String {
        do {
            return try installation.rulesDirectory(explicit: options.rules)
        } catch {
            throw DaemonError(error.description, exitStatus: DaemonError.configuration)
        }
    }
}
