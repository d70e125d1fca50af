import ArgumentParser
import RocfaultCore
import RocfaultSources

/// `rocfault rules lint|test`.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Check rule files.",
        subcommands: [Lint.self, Test.self, List.self, Doc.self]
    )

    /// `rocfault rules lint [DIR]`: parse, validate and compile every rule file.
    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Validate rule files: syntax, keys, ids, references, literals, patterns, catastrophic backtracking, prose cut by ' #' (file:line errors)."
        )

        @Argument(help: "Rule directory (default: the installed rules).", completion: .directory)
        var directory: String?

        func run() throws {
            let directory = try RulesLocator.directory(explicit: directory)
            let set = try RulesLocator.load(explicit: directory)
            let files: [(name: String, text: String)]
            do {
                files = try RuleDirectoryLoader.files(directory: directory)
            } catch {
                throw CLIError.rules("rule files have errors:\n\(error.description)")
            }
            let findings =
                RuleLint.diagnostics(files: files, rules: set.rules).map(\.description)
                + BacktrackingAudit().audit(set.rules).map(\.description)
            guard findings.isEmpty else {
                throw CLIError.rules("rule files have errors:\n" + findings.joined(separator: "\n"))
            }
            Terminal.standardOutput.write(
                "\(set.rules.count) rules, \(set.knownIssues.count) known issues and \(set.doctorChecks.count) doctor checks: "
                    + "no problems found\n"
            )
        }
    }

    /// `rocfault rules test [DIR]`: run every rule's examples.
    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run every rule's match and no-match examples and every doctor check's fact examples."
        )

        @Argument(help: "Rule directory (default: the installed rules).", completion: .directory)
        var directory: String?

        func run() throws {
            let set = try RulesLocator.load(explicit: directory)
            var report = RuleExampleRunner(ruleSet: set).run()
            let doctor = DoctorCheckExampleRunner(checks: set.doctorChecks).run()
            report.checked += doctor.checked
            report.failures += doctor.failures
            for failure in report.failures { Terminal.standardError.write(failure.description + "\n") }
            let passed = report.checked - report.failures.count
            Terminal.standardOutput.write("rule examples: \(max(passed, 0)) of \(report.checked) pass\n")
            if !report.failures.isEmpty { throw CLIError(message: "", exitCode: 1) }
        }
    }

    /// `rocfault rules list [--patterns] [DIR]`: what the rule set holds.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List rules (id, kind, class, description).")

        @Flag(help: "Print only the PCRE2 patterns, one a line (for comparing with other tools).")
        var patterns = false

        @Argument(help: "Rule directory (default: the installed rules).", completion: .directory)
        var directory: String?

        func run() throws {
            let set = try RulesLocator.load(explicit: directory)
            var text = ""
            for rule in set.rules {
                text +=
                    patterns
                    ? rule.pattern + "\n"
                    : "\(rule.id)\t\(rule.kind.rawValue)\t\(rule.failureClass.rawValue)\t\(rule.description)\n"
            }
            Terminal.standardOutput.write(text)
        }
    }

    /// `rocfault rules doc [DIR]`: the message catalog as Markdown (docs/amdgpu-messages.md).
    struct Doc: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the message catalog as Markdown (make messages-doc writes docs/amdgpu-messages.md)."
        )

        @Argument(help: "Rule directory (default: the installed rules).", completion: .directory)
        var directory: String?

        func run() throws {
            let set = try RulesLocator.load(explicit: directory)
            Terminal.standardOutput.write(CatalogDocument(rules: set.rules).markdown())
        }
    }
}
