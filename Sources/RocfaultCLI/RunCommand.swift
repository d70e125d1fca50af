import ArgumentParser
import Foundation
import RocfaultCore
import RocfaultPlatform
import RocfaultSources

/// `rocfault run [--] COMMAND ARGS...`: run a GPU program and explain how it died.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a command, watch its stderr for GPU errors, and explain it if it dies.",
        discussion: """
            Standard input and output are passed through; standard error is shown live (through a \
            pseudo-terminal when it is a terminal) and every line is checked with the rules. Matching lines \
            go to the journal for rocfaultd. If the command dies of a signal, or fails after GPU errors, \
            the verdict is printed: what the kernel log said for that time (from /dev/kmsg where readable, \
            else rocfaultd's store), known issues with advice, and the `rocfault report` command to run. \
            Exits with the command's status (128 + the signal when it was killed, e.g. 134 for SIGABRT).
            """
    )

    @Option(help: "Rule directory.", completion: .directory)
    var rules: String?

    @OptionGroup var store: StoreOptions

    @Flag(help: "Do not write matching lines to the journal.")
    var noJournal = false

    @Flag(help: "Do not save the incident in the user's run store when rocfaultd did not record it.")
    var noSave = false

    @Option(
        help: ArgumentHelp(
            "Print a stall notice when the command has printed nothing and made no progress (no I/O) for this many seconds; 0 turns it off.",
            valueName: "seconds"
        )
    )
    var stallAfter = 300

    @Argument(
        parsing: .captureForPassthrough,
        help: "The command and its arguments.",
        completion: .custom { words, index, prefix in
            RunCompletion.candidates(words: words, index: index, prefix: prefix)
        }
    )
    var command: [String] = []

    func validate() throws {
        if command.first == "--help" || command.first == "-h" { throw CleanExit.helpRequest(self) }
        if stallAfter < 0 { throw ValidationError("--stall-after must be 0 (off) or a number of seconds") }
        if command.isEmpty || command == ["--"] {
            throw ValidationError("give the command to run, e.g. rocfault run -- python main.py")
        }
    }

    func run() throws {
        var arguments = command
        if arguments.first == "--" { arguments.removeFirst() }
        let ruleSet = try RulesLocator.load(explicit: rules)
        let outcome = try RunSession(
            arguments: arguments,
            ruleSet: ruleSet,
            writesJournal: !noJournal,
            stallAfter: stallAfter > 0 ? .seconds(stallAfter) : nil
        ).execute()
        if outcome.endedAbnormally { explain(outcome, ruleSet: ruleSet) }
        _ = ChildProcess.reap(outcome.pid, blocking: true)
        let status = outcome.termination.shellStatus
        if status != 0 { throw CLIError(message: "", exitCode: status) }
    }

    private func explain(_ outcome: RunOutcome, ruleSet: RuleSet) {
        let bootID = try? JournalBoot.currentID()
        let journalled = outcome.incidents.contains { $0.verdict.side != .none } && !noJournal
        let daemon = RunDaemonView.look(
            storePath: store.databasePath,
            outcome: outcome,
            bootID: bootID,
            expectChildIncident: journalled,
            patience: outcome.kmsgUnavailable == nil && !journalled ? .milliseconds(500) : .seconds(3)
        )
        // When rocfaultd recorded the child, its stored incident is the verdict: `run`, `list` and
        // `show` print one verdict for one crash.
        var incident = daemon?.childIncident ?? outcome.incidents.first { $0.verdict.side != .none }
        if daemon?.childIncident == nil, incident != nil, outcome.kmsgUnavailable != nil, let daemon {
            incident?.verdict.kernelLog = daemon.kernelLog
        }
        let source = RunVerdictRenderer.kernelSource(outcome, daemon: daemon, verdict: incident?.verdict)
        let next = nextStep(incident: incident, outcome: outcome, daemon: daemon, bootID: bootID)
        let style = Style(enabled: Terminal.standardError.usesColor)
        Terminal.standardError.write(
            RunVerdictRenderer(style: style).render(
                outcome,
                incident: incident,
                daemon: daemon,
                kernelSource: source,
                nextStep: next,
                doctor: incident.map { DoctorBearing.text(for: $0.verdict, checks: ruleSet.doctorChecks) } ?? ""
            )
        )
    }

    /// The `rocfault report` command for this failure: the daemon's incident, else one saved in the user's store.
    private func nextStep(incident: Incident?, outcome: RunOutcome, daemon: RunDaemonView?, bootID: String?) -> String?
    {
        if let number = daemon?.childNumber {
            let directory = store.stateDirectory.map { " --state-dir " + ShellQuote.quote($0) } ?? ""
            return "rocfault report\(directory) \(number)"
        }
        guard let incident, !noSave, let bootID,
            let directory = RunRecorder.directory(environment: ProcessInfo.processInfo.environment)
        else { return incident == nil ? nil : "attach this output to your bug report" }
        switch RunRecorder.save(incident, outcome: outcome, bootID: bootID, directory: directory) {
        case .success(let number): return "rocfault report --state-dir \(ShellQuote.quote(directory)) \(number)"
        case .failure(let failure): return "attach this output (saving the incident failed: \(failure.message))"
        }
    }
}
