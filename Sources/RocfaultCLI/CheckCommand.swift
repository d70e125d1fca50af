import ArgumentParser
import Foundation
import RocfaultCore
import RocfaultSources
import RocfaultPlatform

/// `rocfault check [--json] [--explain] FILE...`
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Decide whether a GPU crash was kernel-side or userspace-only, from saved logs.",
        discussion: """
            Give application output, dmesg, journalctl exports (any format) or a mix; several files are \
            merged. `-` reads standard input. With no FILE, checks this machine's current boot: the \
            journal and the kernel log.
            """
    )

    @Flag(help: "Show every rule hit and why the verdict follows.")
    var explain = false

    @Option(name: .customLong("json"), help: "Print one JSON object: short or pretty (a bare --json is pretty).")
    var json: JSONStyle?

    @Option(help: "Rule directory.")
    var rules: String?

    @Argument(help: "Log files to check (`-` for standard input).")
    var files: [String] = []

    func run() throws {
        let ruleSet = try RulesLocator.load(explicit: rules)
        var checker = LogChecker(ruleSet: ruleSet, timeContext: .now())
        if files.isEmpty {
            try LiveSystemCheck.feed(into: &checker)
        } else {
            for file in files { try feed(file, into: &checker) }
        }
        let result = checker.finish()
        if let json {
            Terminal.standardOutput.write(try JSONOutput.encode(result, style: json) + "\n")
        } else {
            Terminal.standardOutput.write(
                CheckReportRenderer(style: Style(enabled: Terminal.standardOutput.usesColor)).render(
                    result,
                    explain: explain
                )
            )
        }
    }

    private func feed(_ file: String, into checker: inout LogChecker) throws {
        do throws(SystemCallError) {
            let reader =
                file == "-"
                ? ChunkedFileReader(fileDescriptor: 0, name: "-")
                : try ChunkedFileReader(path: file)
            checker.beginFile(file)
            var progress = ProgressBar(path: file)
            defer { progress?.finish() }
            while let chunk = try reader.nextChunk() {
                checker.consume(chunk.bytes)
                progress?.update(done: chunk.offset + UInt64(chunk.bytes.count))
            }
            checker.endFile()
        } catch {
            throw CLIError.usage("cannot read \(file): \(error.message)")
        }
    }
}
