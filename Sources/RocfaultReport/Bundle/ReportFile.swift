/// One file of a report bundle.
package struct ReportFile: Sendable, Hashable {
    /// The file name inside the bundle's folder (`report.md`).
    package var name: String
    /// Its text.
    package var contents: String

    /// Creates a file; the text gets a final newline if it lacks one.
    package init(name: String, contents: String) {
        self.name = name
        self.contents = contents.hasSuffix("\n") ? contents : contents + "\n"
    }
}
