import ArgumentParser
import Foundation
import RocfaultCore
import RocfaultSources
import RocfaultSystem
import RocfaultPlatform

/// `rocfault check [--json] [--explain] FILE...`
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Decide whether a GPU crash was kernel-side or userspace-only, from saved logs.",
        discussion: """
            Give application output, dmesg, journalctl exports (any format) or a mix; several files are \
            merged. `-` reads standard input. With no FILE, checks this machine's current boot: the \
            journal and the kernel log. A FILE that cannot be read is named on standard error and the \
            others are still checked; the exit status is then 2, as with grep.
            """
    )

    @Flag(help: "Show every rule hit and why the verdict follows.")
    var explain = false

    @Option(name: .customLong("json"), help: "Print one JSON object: short or pretty (a bare --json is pretty).")
    var json: JSONStyle?

    @Option(help: "Rule directory.", completion: .directory)
    var rules: String?

    @Option(
        name: .customLong("gpu"),
        help: ArgumentHelp(
            "The maker of the GPUs of the machine the logs come from (repeat for several).",
            discussion: """
                A line every vendor's software prints alike (a Vulkan device loss, ggml's `CUDA error` in a \
                HIP build) counts as AMD's only where the input names an AMD GPU or AMD's stack. When the \
                input names no GPU maker at all, `--gpu amd` says whose GPU it was. A check of this \
                machine's current boot takes its GPUs from sysfs.
                """,
            valueName: "vendor"
        )
    )
    var gpuVendors: [GPUVendor] = []

    @Argument(help: "Log files to check (`-` for standard input).", completion: .file())
    var files: [String] = []

    func run() throws {
        let ruleSet = try RulesLocator.load(explicit: rules)
        var checker = LogChecker(ruleSet: ruleSet, timeContext: .now())
        checker.machineGPUVendors = Set(gpuVendors)
        var unreadable: [CLIError] = []
        if files.isEmpty {
            if gpuVendors.isEmpty { checker.machineGPUVendors = GPUInventory().vendors() }
            if FileIO.carriesInput(0) {
                Terminal.standardError.write(
                    "rocfault: standard input is not read without `-`; checking this machine's current boot "
                        + "(use `rocfault check -` to check the piped log)\n"
                )
            }
            try LiveSystemCheck.feed(into: &checker)
        } else {
            for file in files {
                do {
                    try feed(file, into: &checker)
                } catch let error as CLIError {
                    Terminal.standardError.write("rocfault: \(error.message)\n")
                    unreadable.append(error)
                }
            }
            // Nothing read at all: only the errors, as `grep PATTERN missing` prints.
            if unreadable.count == files.count { throw CLIError(message: "", exitCode: 2) }
        }
        try report(checker.finish(), ruleSet: ruleSet)
        if !unreadable.isEmpty { throw CLIError(message: "", exitCode: 2) }
    }

    private func report(_ checked: CheckResult, ruleSet: RuleSet) throws {
        let result = checked
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
        if file != "-", let dump = try DevcoredumpInput.read(file) {
            checker.add(devcoredump: dump, file: file)
            return
        }
        do throws(SystemCallError) {
            let reader =
                file == "-"
                ? ChunkedFileReader(fileDescriptor: 0, name: "-")
                : try ChunkedFileReader(path: file)
            // The first read comes before the input begins: a directory fails here and is not an input.
            var next = try reader.nextChunk()
            checker.beginFile(file)
            var progress = ProgressBar(path: file)
            defer { progress?.finish() }
            while let chunk = next {
                checker.consume(chunk.bytes)
                progress?.update(done: chunk.offset + UInt64(chunk.bytes.count))
                next = try reader.nextChunk()
            }
            checker.endFile()
        } catch {
            throw CLIError.usage("cannot read \(file): \(error.message)")
        }
    }
}

extension GPUVendor: ExpressibleByArgument {}
