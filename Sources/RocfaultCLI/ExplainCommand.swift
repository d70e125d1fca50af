import ArgumentParser
import Foundation
import RocfaultCore

/// `rocfault explain [--json] LINE...`: what the catalog says about each line.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain log lines from the message catalog: side, class, subsystem, meaning, actions.",
        discussion: """
            Give the lines as arguments, or `-` (or nothing) to read one line per input line from standard \
            input. Exits 0 when every line is known, 1 otherwise.
            """
    )

    @Option(name: .customLong("json"), help: "Print a JSON array, one object per line: short or pretty.")
    var json: JSONStyle?

    @Option(help: "Rule directory.", completion: .directory)
    var rules: String?

    @Argument(help: "Log lines to explain (`-` or none: read standard input).")
    var lines: [String] = []

    func run() throws {
        let explainer = LineExplainer(ruleSet: try RulesLocator.load(explicit: rules), timeContext: .now())
        let input = lines.isEmpty || lines == ["-"] ? Self.standardInputLines() : lines
        let answers = input.map(explainer.explain)
        if let json {
            Terminal.standardOutput.write(try JSONOutput.encode(answers, style: json) + "\n")
        } else {
            let style = Style(enabled: Terminal.standardOutput.usesColor)
            Terminal.standardOutput.write(
                answers.map { ExplanationRenderer(style: style).render($0) }.joined(separator: "\n")
            )
        }
        if answers.contains(where: { !$0.isKnown }) { throw CLIError(message: "", exitCode: 1) }
    }

    private static func standardInputLines() -> [String] {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
            .map { String($0.hasSuffix("\r") ? $0.dropLast() : $0) }
    }
}

/// Renders one explanation for the terminal.
struct ExplanationRenderer {
    let style: Style

    func render(_ answer: LineExplanation) -> String {
        var out = TerminalSafeText.line(answer.line) + "\n"
        guard let rule = answer.rule else { return out + "  unknown: no rule knows this line\n" }
        let side = answer.catalogSide?.rawValue ?? answer.side
        let subsystem = answer.subsystem.map { ", \($0.rawValue)" } ?? ""
        out += "  \(style.bold(side)), \(answer.failureClass?.rawValue ?? "")\(subsystem) [\(rule)]\n"
        out += "  meaning: \(answer.meaning)\n"
        if let action = answer.action { out += "  do now: \(action)\n" }
        if let investigate = answer.investigate { out += "  investigate: \(investigate)\n" }
        if !answer.kernels.isEmpty { out += "  kernels: \(answer.kernels.joined(separator: ", "))\n" }
        return out
    }
}
