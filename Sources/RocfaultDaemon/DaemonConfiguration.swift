import RocfaultCore
import RocfaultPlatform
import RocfaultSources

/// Settings resolved from the options and the environment.
struct DaemonConfiguration: Sendable {
    var stateDirectory: String
    var rulesDirectory: String
    var journal: JournalOpenMode?
    var kmsgPath: String?
    var once: Bool
    var journalFirstStart: JournalFirstStart
    var acceptInjectedKernelLines: Bool
    var sysfsRoot: String
    var procRoot: String
    var correlation: Correlator.Configuration
    var processScanInterval: Duration?
    var gpuDevices: [String]
    var hangThreshold: Duration
    var retentionMaxBytes: Int64
    var retentionMaxAge: Duration
    /// `--metrics-file`: where to write Prometheus text format (docs/metrics.md).
    var metricsFile: String?
    /// Incident hooks: the directory (nil: none), the `--on-incident` command, the time limit.
    var hooksDirectory: String?
    var hookCommand: String?
    var hookTimeout: Duration
    var kfdDevice: String
    var deviceEventFifo: String?

    var databasePath: String { Installation.databasePath(stateDirectory: stateDirectory) }

    init(options: DaemonOptions, rulesDirectory: String, installation: Installation) {
        stateDirectory = installation.stateDirectory(explicit: options.stateDir)
        self.rulesDirectory = rulesDirectory
        if options.noJournal {
            journal = nil
        } else {
            journal = options.journalDirectory.map { .directory($0) } ?? .system
        }
        kmsgPath = options.noKmsg || options.once ? nil : options.kmsg
        once = options.once
        journalFirstStart = options.journalStart
        acceptInjectedKernelLines = options.acceptInjectedKernelLines
        sysfsRoot = options.sysfsRoot
        procRoot = options.procRoot
        correlation = Correlator.Configuration()
        correlation.quietPeriod = .seconds(max(options.quietPeriod, 1))
        correlation.nonDecidingEvidenceOpensIncidents = false
        processScanInterval = options.processScanInterval > 0 ? .seconds(options.processScanInterval) : nil
        hangThreshold = .seconds(max(options.hangThreshold, 1))
        gpuDevices = options.gpuDevice
        retentionMaxBytes = Int64(max(options.retentionMaxMib, 1)) << 20
        retentionMaxAge = .seconds(Int64(max(options.retentionMaxDays, 1)) * 86_400)
        metricsFile = options.metricsFile
        hooksDirectory = options.hooksDir.map { $0.isEmpty ? nil : $0 } ?? HookRunner.defaultDirectory
        hookCommand = options.onIncident.flatMap { $0.isEmpty ? nil : $0 }
        hookTimeout = .seconds(max(options.hookTimeout, 1))
        kfdDevice = options.kfdDevice
        deviceEventFifo = options.deviceEventFifo
    }
}
