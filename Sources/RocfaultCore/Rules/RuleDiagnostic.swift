/// A problem in a rule file, with the place it was found.
public struct RuleDiagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where: file and line.
    public var location: SourceLocation
    /// What is wrong.
    public var message: String

    /// Creates a diagnostic.
    public init(_ location: SourceLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    /// `file:line: error: message`, the form editors jump to.
    public var description: String { "\(location.file):\(location.line): error: \(message)" }
}

/// One or more problems that stop a rule set from loading.
public struct RuleSetError: Error, Sendable, CustomStringConvertible {
    /// Every problem found, in file order.
    public var diagnostics: [RuleDiagnostic]

    /// Creates an error.
    public init(_ diagnostics: [RuleDiagnostic]) { self.diagnostics = diagnostics }

    /// One diagnostic a line.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
