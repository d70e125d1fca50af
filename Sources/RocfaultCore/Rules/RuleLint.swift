/// Checks `rocfault rules lint` adds to loading: problems that load without error but change what the
/// rules say.
///
/// - Prose cut by a comment: in a plain (unquoted) YAML scalar, ` #` starts a comment, so
///   `title: CPF page fault (also #6186)` loads as `CPF page fault (also`. Found by reading the raw
///   lines, since the parsed value no longer holds what was cut.
/// - Rule ids that are not `lower.dotted-words` (`amdgpu.page-fault.header`): lowercase letters and
///   digits, words joined by `-`, at least two words joined by `.`.
package enum RuleLint {
    /// Keys whose value is prose for people, where a ` #` is text and never meant as a comment.
    static let proseKeys: Set<String> = [
        "title", "advice", "description", "meaning", "action", "investigate", "summary",
    ]

    /// Every problem in the files' text (`(path, text)` as loaded) and in the rules' ids.
    package static func diagnostics(files: [(name: String, text: String)], rules: [Rule]) -> [RuleDiagnostic] {
        files.flatMap { cutProse(in: $0.text, file: $0.name) } + rules.compactMap(idDiagnostic)
    }

    /// A diagnostic when `rule`'s id is not `lower.dotted-words`.
    static func idDiagnostic(_ rule: Rule) -> RuleDiagnostic? {
        if isDottedWords(rule.id) { return nil }
        return RuleDiagnostic(
            rule.location,
            "rule id '\(rule.id)' is not lower.dotted-words (lowercase letters and digits, words joined by "
                + "'-', at least two joined by '.', e.g. amdgpu.page-fault.header)"
        )
    }

    /// `amdgpu.page-fault.header` yes; `my.bad rule`, `Amdgpu.x`, `single`, `a..b`, `a.-b` no.
    package static func isDottedWords(_ id: String) -> Bool {
        let parts = id.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2 else { return false }
        return parts.allSatisfy { part in
            let words = part.split(separator: "-", omittingEmptySubsequences: false)
            return words.allSatisfy { word in
                !word.isEmpty && word.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) }
            }
        }
    }

    /// Lines where a prose key's plain scalar (or a continuation line of it) holds ` #`.
    static func cutProse(in text: String, file: String) -> [RuleDiagnostic] {
        var diagnostics: [RuleDiagnostic] = []
        var scanner = PlainScalarScanner()
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let key = scanner.proseKeyCut(on: Substring(line)) else { continue }
            diagnostics.append(
                RuleDiagnostic(
                    SourceLocation(file: file, line: offset + 1),
                    "'\(key)' is cut at ' #' (YAML reads the rest as a comment): quote the value"
                )
            )
        }
        return diagnostics
    }
}
