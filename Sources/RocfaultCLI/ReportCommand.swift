import ArgumentParser
import Foundation
import RocfaultCore
import RocfaultPlatform
import RocfaultReport
import RocfaultSources
import RocfaultStore
import RocfaultSystem

/// `rocfault report [ID|--last] [-o PATH] [--force] [--preview] [--no-redact]`: the bug-report bundle.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a redacted bug-report bundle (.tar.gz) for an incident.",
        discussion: """
            The bundle holds one folder with report.md (the issue text, in the shape of the tracker the \
            failure belongs to: drm/amd for the kernel side, ROCm/TheRock for the ROCm runtime and HIP, \
            the framework's own otherwise), incident.json, kernel.log (the boot's amdgpu/amdkfd/drm \
            lines up to the incident and the kernel lines around it), journal.log (the incident's own \
            processes' lines only), process.txt and system.txt. User, real and host names, home \
            directories, the machine id, IP, MAC and email addresses, Wi-Fi names, URL credentials, API \
            tokens, long random values and secret-named variables are redacted unless --no-redact is \
            given. --preview prints every file instead of writing anything, then what was redacted.
            """
    )

    @OptionGroup var selection: IncidentSelection
    @OptionGroup var store: StoreOptions

    @Option(
        name: [.customShort("o"), .long],
        help: ArgumentHelp("Write the archive here (a file, or a directory for the default name).", valueName: "path"),
        completion: .file()
    )
    var output: String?

    @Flag(help: "Replace the file at the output path if there is one (without it, an existing file is kept).")
    var force = false

    @Flag(help: "Print exactly what would be written, file by file, and write nothing.")
    var preview = false

    @Flag(help: "Keep user and host names, addresses and secrets in the bundle.")
    var noRedact = false

    @Option(help: "Seconds `rocminfo --support` may take before it is killed.")
    var rocminfoTimeout = 10

    @Option(
        help: "Read the incident's journal lines from journal files in this directory instead of the system journal.",
        completion: .directory
    )
    var journalDirectory: String?

    private var journalMode: JournalOpenMode { journalDirectory.map { .directory($0) } ?? .system }

    func run() throws {
        let store = try self.store.open()
        let stored: StoredIncident
        let devcoredumps: [ReportDevcoredump]
        do {
            defer { try? store.close() }
            stored = try selection.load(from: store)
            devcoredumps = DevcoredumpAttachment.load(from: store, incidentKey: stored.incident.id)
        }
        if !stored.incident.isFinal { Terminal.standardError.write(Self.openWarning(stored.number)) }
        let bundle: ReportBundle
        do {
            var inputs = gather(stored)
            inputs.devcoredumps = devcoredumps
            bundle = try ReportBuilder(redactor: redactor()).build(inputs)
        } catch {
            throw CLIError.usage("cannot build the report: \(error)")
        }
        if preview {
            Terminal.standardOutput.write(bundle.preview())
            return
        }
        let path = ReportOutput.destination(option: output, defaultName: bundle.archiveName)
        let archive: [UInt8]
        do {
            archive = try bundle.archive()
        } catch {
            throw CLIError.usage("cannot build the report archive: \(error)")
        }
        try ReportOutput.write(archive, to: path, replacing: force)
        Terminal.standardOutput.write(
            summary(path: path, bundle: bundle, size: archive.count, signature: stored.incident.signature)
        )
    }

    /// What to say when the incident is still open: rocfaultd may still add lines to it.
    static func openWarning(_ number: Int64) -> String {
        "rocfault: warning: incident \(number) is still open: rocfaultd may still add lines to it, so this "
            + "report shows it as it is now; run the report again once `rocfault show \(number)` says final\n"
    }

    private func redactor() -> Redactor {
        noRedact ? .disabled : Redactor(identity: .current(environment: ProcessInfo.processInfo.environment))
    }

    private func gather(_ stored: StoredIncident) -> ReportInputs {
        let rocminfo = BoundedCommand(
            ["rocminfo", "--support"],
            timeLimit: .seconds(max(1, rocminfoTimeout)),
            extraDirectories: ["/opt/rocm/bin"]
        ).run()
        let live = liveLines(stored)
        let boot = stored.bootID.map {
            BootKernelLines.read(bootID: $0, upTo: stored.incident.lastSeen, journal: journalMode, limit: .seconds(10))
        }
        return ReportInputs(
            stored: stored,
            machine: LiveMachineFacts().collect(),
            rocminfo: rocminfo,
            liveLines: live.lines,
            liveLinesNote: live.note,
            bootKernel: boot ?? nil,
            rocfaultVersion: RocfaultVersion.current
        )
    }

    /// Lines of the incident window still in the journal and, for this boot, the kernel ring buffer.
    private func liveLines(_ stored: StoredIncident) -> (lines: [EvidenceLine], note: String) {
        let margin: Int64 = 30_000_000
        var lines: [EvidenceLine] = []
        var notes: [String] = []
        let currentBoot = try? JournalBoot.currentID()
        if let boot = stored.bootID, let first = stored.incident.firstSeen.realtimeMicroseconds {
            let last = stored.incident.lastSeen.realtimeMicroseconds ?? first
            let journal = LiveJournalLines.read(
                bootID: boot,
                window: (first - margin)...(last + margin),
                pid: stored.incident.pid,
                cgroup: stored.process?.cgroup,
                named: boot == currentBoot ? Self.named(stored) : nil,
                limit: .seconds(5),
                mode: journalMode
            )
            lines += journal.records.map { EvidenceLine(record: $0, ruleID: "") }
            notes.append(journal.note)
        }
        if let boot = stored.bootID, boot == currentBoot,
            let first = stored.incident.firstSeen.monotonicMicroseconds
        {
            let last = stored.incident.lastSeen.monotonicMicroseconds ?? first
            let window = (first > UInt64(margin) ? first - UInt64(margin) : 0)...(last + UInt64(margin))
            let reading = LiveKernelLines.read(window: window)
            lines += reading.records.filter { $0.origin == .kernel }.map { EvidenceLine(record: $0, ruleID: "") }
            notes.append(reading.note)
        }
        return (lines, notes.isEmpty ? "not read (no boot or time recorded)" : notes.joined(separator: ", "))
    }

    /// The incident's process as `/proc` shows it now, when the pid is still that process (the same
    /// start time as stored): what ``RocfaultFieldTrust`` checks `ROCFAULT_PID` lines against.
    private static func named(_ stored: StoredIncident) -> RocfaultFieldTrust.NamedProcess? {
        guard let pid = stored.incident.pid, let now = ProcessOwner.named(pid: pid) else { return nil }
        guard let process = stored.process, now.startTime == process.key.startTime else { return nil }
        return now
    }

    private func summary(path: String, bundle: ReportBundle, size: Int, signature: String) -> String {
        let files = bundle.files.map(\.name).joined(separator: ", ")
        var text = "Wrote \(path) (\(ByteCount.text(Int64(size)))): \(bundle.folder)/ with \(files).\n"
        text += "Attach it to the issue; report.md is the issue text and names the tracker. Signature: \(signature)\n"
        if noRedact {
            text += "Not redacted: check it for names, addresses and secrets before sharing.\n"
        } else {
            text += bundle.redactionSummary.prefix(1).uppercased() + bundle.redactionSummary.dropFirst() + ".\n"
        }
        return text
    }

}
