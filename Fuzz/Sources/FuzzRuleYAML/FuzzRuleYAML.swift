@testable import FuzzSupport
@testable import RocfaultCore

/// Rule files: any bytes as the text of a `Rules/*.yaml` file, through `RuleFileParser` and, when
/// it parses cleanly, `RuleSet.load` (which compiles the patterns). Invariants: every diagnostic
/// names this file and a line of it; parsing is deterministic; a loaded set holds the parsed rules.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRuleYAML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let result = RuleFileParser().parse(text, file: "fuzz.yaml")
    let lineCount = yamlLineCount(text)
    for diagnostic in result.diagnostics {
        fuzzCheck(diagnostic.location.file == "fuzz.yaml", "diagnostic file \(diagnostic.location.file)")
        fuzzCheck(
            (1...lineCount + 1).contains(diagnostic.location.line),
            "diagnostic line \(diagnostic.location.line) of \(lineCount): \(diagnostic.message)"
        )
    }
    let again = RuleFileParser().parse(text, file: "fuzz.yaml")
    fuzzCheck(again.diagnostics == result.diagnostics, "parsing is not deterministic")
    guard result.diagnostics.isEmpty, !result.rules.isEmpty else { return 0 }
    do {
        let set = try RuleSet.load(files: [(name: "fuzz.yaml", text: text)])
        fuzzCheck(set.rules.count == result.rules.count, "loaded \(set.rules.count) of \(result.rules.count)")
    } catch {
        fuzzCheck(!error.diagnostics.isEmpty, "a load error without diagnostics")
    }
    return 0
}

/// Lines as YAML counts them: CR LF, CR, LF, NEL, LS and PS each end one.
private func yamlLineCount(_ text: String) -> Int {
    var count = 1
    var previous: Unicode.Scalar = " "
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\n": count += previous == "\r" ? 0 : 1
        case "\r", "\u{85}", "\u{2028}", "\u{2029}": count += 1
        default: break
        }
        previous = scalar
    }
    return count
}
