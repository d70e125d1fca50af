/// A bug-report bundle: one folder of text files, written as a `.tar.gz`.
package struct ReportBundle: Sendable, Hashable {
    /// The folder every file sits in: `rocfault-report-<id>-<date>`.
    package var folder: String
    /// The files, in the order they are archived and previewed.
    package var files: [ReportFile]
    /// Modification time of every archive entry (the incident's time), so the same incident gives
    /// the same archive.
    package var modificationTime: Int64
    /// What redaction removed, or nil when the bundle is not redacted.
    package var redactions: RedactionTally?

    /// Creates a bundle.
    package init(folder: String, files: [ReportFile], modificationTime: Int64, redactions: RedactionTally? = nil) {
        self.folder = folder
        self.files = files
        self.modificationTime = modificationTime
        self.redactions = redactions
    }

    /// The archive's default file name: the folder name with `.tar.gz`.
    package var archiveName: String { folder + ".tar.gz" }

    /// The gzip-compressed ustar archive.
    package func archive() throws -> [UInt8] {
        var tar = TarArchive(modificationTime: modificationTime)
        try tar.addDirectory(folder)
        for file in files { try tar.addFile(folder + "/" + file.name, contents: Array(file.contents.utf8)) }
        return try GzipCompressor.compress(tar.finished())
    }

    /// Every file's exact content under a header naming its archive path and byte count:
    /// `==> rocfault-report-7-2026-01-02/report.md (1234 bytes) <==`, then the bytes, then a blank line;
    /// last, what redaction removed: `redacted: 2 email addresses, 1 API token, 1 password`.
    package func preview() -> String {
        var text = ""
        for file in files {
            text += "==> \(folder)/\(file.name) (\(file.contents.utf8.count) bytes) <==\n"
            text += file.contents + "\n"
        }
        return text + redactionSummary + "\n"
    }

    /// `redacted: ...` counted by kind, or `not redacted (--no-redact)`.
    package var redactionSummary: String {
        guard let redactions else { return "not redacted (--no-redact)" }
        return "redacted: " + redactions.summary
    }
}
