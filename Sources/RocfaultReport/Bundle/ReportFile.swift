/// One file of a report bundle.
public struct ReportFile: Sendable, Hashable {
    /// The file name inside the bundle's folder (`report.md`).
    public var name: String
    /// Its text.
    public var contents: String

    /// Creates a file; the text gets a final newline if it lacks one.
    public init(name: String, contents: String) {
        self.name = name
        self.contents = contents.hasSuffix("\n") ? contents : contents + "\n"
    }
}
