import Foundation

/// Builds real journal files from export-format entries with `systemd-journal-remote`, in a
/// temporary directory the test owns, for reading with `JournalOpenMode.directory`.
///
/// ```swift
/// let directory = try JournalFileBuilder.makeDirectory()
/// defer { JournalFileBuilder.remove(directory) }
/// try JournalFileBuilder.write([entry1, entry2], to: directory)
/// ```
enum JournalFileBuilder {
    /// Where Debian installs `systemd-journal-remote` (package `systemd-journal-remote`).
    static let remoteExecutable = "/lib/systemd/systemd-journal-remote"

    /// Whether `systemd-journal-remote` is installed.
    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: remoteExecutable) }

    /// Creates a fresh temporary directory.
    static func makeDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("rocfault-journal-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Deletes a directory made by ``makeDirectory()``.
    static func remove(_ directory: String) {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Writes `entries` into a new journal file `name` (must end in `.journal`) in `directory`.
    /// The file is written under a temporary name and renamed, so a reader watching the
    /// directory sees it appear complete.
    static func write(_ entries: [ExportEntry], to directory: String, name: String = "remote.journal") throws {
        let staging = try makeDirectory()
        defer { remove(staging) }
        let output = "\(staging)/\(name)"
        try run(input: entries.flatMap(\.exportBytes), output: output)
        try FileManager.default.moveItem(atPath: output, toPath: "\(directory)/\(name)")
    }

    private static func run(input: [UInt8], output: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: remoteExecutable)
        process.arguments = ["--output=\(output)", "--split-mode=none", "-"]
        let stdin = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = FileHandle.nullDevice
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input))
        try stdin.fileHandleForWriting.close()
        let messages = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BuildError(status: process.terminationStatus, stderr: String(decoding: messages, as: UTF8.self))
        }
    }

    /// `systemd-journal-remote` failed.
    struct BuildError: Error, CustomStringConvertible {
        /// Its exit status.
        var status: Int32
        /// What it printed.
        var stderr: String

        var description: String { "systemd-journal-remote exited with \(status): \(stderr)" }
    }
}
