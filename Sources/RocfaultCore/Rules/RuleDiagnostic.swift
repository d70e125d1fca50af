/// A problem in a rule file, with the place it was found.
package struct RuleDiagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where: file and line.
    package var location: SourceLocation
    /// What is wrong.
    package var message: String

    /// Creates a diagnostic.
    package init(_ location: SourceLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    /// `file:line: error: message`, the form editors jump to.
    package var description: String { "\(location.file):\(location.line): error: \(message)" }
}

/// One or more problems that stop a rule set from loading.
package struct RuleSetError: Error, Sendable, CustomStringConvertible {
    /// Every problem found, in file order.
    package var diagnostics: [RuleDiagnostic]

    /// Creates an error.
    package init(_ diagnostics: [RuleDiagnostic]) { self.diagnostics = diagnostics }

    /// One diagnostic a line.
    package var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
