package import ArgumentParser
import RocfaultCore

/// `rocfault`: is this GPU crash kernel-side or userspace-only?
package struct RocfaultCommand: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "rocfault",
        abstract: "Diagnose AMD ROCm/HIP GPU failures: kernel-side fault or userspace abort?",
        discussion: """
            Check saved logs with `rocfault check app.log dmesg.txt`, or this machine's current boot \
            with `rocfault check`. Rule files live in Rules/ (see `rocfault rules lint`).
            """,
        version: RocfaultVersion.current,
        subcommands: [
            CheckCommand.self, RunCommand.self, ListCommand.self, ShowCommand.self, ReportCommand.self,
            StatusCommand.self, WatchCommand.self, RulesCommand.self, ExplainCommand.self,
            DoctorCommand.self,
            NPDCommand.self,
            PruneCommand.self, DeleteCommand.self,
        ]
    )

    package init() {}

    /// Runs the command line and returns the process exit status: 0 when it ran, 1 when nothing
    /// matched (list commands), 2 on usage errors and unreadable inputs, a `sysexits.h` status when
    /// the incident database (65, 66, 70, 74, 75, 77) or the rule files (78) cannot be used.
    package static func run(arguments: [String]) -> Int32 {
        do {
            var command = try parseAsRoot(CommandLineArguments.normalised(arguments))
            try command.run()
            return 0
        } catch let error as CLIError {
            if !error.message.isEmpty { Terminal.standardError.write("rocfault: \(error.message)\n") }
            return error.exitCode
        } catch {
            let code = exitCode(for: error).rawValue
            let message = fullMessage(for: error)
            if code == 0 {
                if !message.isEmpty { Terminal.standardOutput.write(message + "\n") }
                return 0
            }
            Terminal.standardError.write(message + "\n")
            return code == ExitCode.validationFailure.rawValue ? 2 : code
        }
    }
}
