import Yams

/// Parses the text of one `Rules/*.yaml` file into rules and known issues.
///
/// Parsing never throws: every problem becomes a ``RuleDiagnostic`` with the file and line, and
/// whatever parsed cleanly is still returned so one bad rule does not hide the others' problems.
package struct RuleFileParser: Sendable {
    /// What a file held.
    package struct Result: Sendable {
        /// Rules that parsed.
        package var rules: [Rule] = []
        /// Known issues that parsed.
        package var knownIssues: [KnownIssue] = []
        /// Doctor checks that parsed (`doctor-checks:`).
        package var doctorChecks: [DoctorCheck] = []
        /// Problems found.
        package var diagnostics: [RuleDiagnostic] = []
    }

    /// Creates a parser.
    package init() {}

    /// Parses a file's text; `file` names it in diagnostics.
    package func parse(_ text: String, file: String) -> Result {
        var result = Result()
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            result.diagnostics.append(Self.diagnostic(for: error, file: file))
            return result
        } catch {
            result.diagnostics.append(RuleDiagnostic(SourceLocation(file: file, line: 1), "\(error)"))
            return result
        }
        guard let root, case .mapping = root else {
            if root != nil {
                result.diagnostics.append(
                    RuleDiagnostic(YAMLFields.location(of: root, file: file), "a rule file is a mapping with 'rules'")
                )
            }
            return result
        }
        var top = YAMLFields(root, file: file)
        for node in sequence(top.value("rules"), key: "rules", fields: &top) {
            var fields = YAMLFields(node, file: file)
            if let rule = RuleNodeReader.rule(from: &fields) { result.rules.append(rule) }
            fields.rejectUnknownKeys()
            result.diagnostics += fields.diagnostics
        }
        for node in sequence(top.value("known-issues"), key: "known-issues", fields: &top) {
            var fields = YAMLFields(node, file: file)
            if let issue = KnownIssueNodeReader.knownIssue(from: &fields) { result.knownIssues.append(issue) }
            fields.rejectUnknownKeys()
            result.diagnostics += fields.diagnostics
        }
        for node in sequence(top.value("doctor-checks"), key: "doctor-checks", fields: &top) {
            var fields = YAMLFields(node, file: file)
            if let check = DoctorCheckNodeReader.check(from: &fields) { result.doctorChecks.append(check) }
            fields.rejectUnknownKeys()
            result.diagnostics += fields.diagnostics
        }
        top.rejectUnknownKeys()
        result.diagnostics = top.diagnostics + result.diagnostics
        return result
    }

    private func sequence(_ node: Node?, key: String, fields: inout YAMLFields) -> [Node] {
        guard let node else { return [] }
        guard case .sequence(let items) = node else {
            fields.fail("'\(key)' must be a list", at: node)
            return []
        }
        return Array(items)
    }

    private static func diagnostic(for error: YamlError, file: String) -> RuleDiagnostic {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return RuleDiagnostic(SourceLocation(file: file, line: mark.line), "YAML: \(problem)")
        default:
            return RuleDiagnostic(SourceLocation(file: file, line: 1), "YAML: \(error)")
        }
    }
}
