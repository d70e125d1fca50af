import Foundation
import Testing

@testable import RocfaultReport

@Suite struct ArchiveTests {
    @Test func realTarExtractsWhatWasWritten() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "rocfault-archive-\(UUID().uuidString)"
        )
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let long = String(repeating: "x", count: 70000) + "\n"
        let bundle = ReportBundle(
            folder: "rocfault-report-7-2026-01-02",
            files: [ReportFile(name: "a.txt", contents: "héllo\n"), ReportFile(name: "big.log", contents: long)],
            modificationTime: 1_767_312_000
        )
        let archive = directory.appendingPathComponent("b.tar.gz")
        try Data(try bundle.archive()).write(to: archive)
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/usr/bin/tar")
        tar.arguments = ["-xzf", archive.path, "-C", directory.path]
        try tar.run()
        tar.waitUntilExit()
        #expect(tar.terminationStatus == 0)
        let folder = directory.appendingPathComponent(bundle.folder)
        #expect(try String(contentsOf: folder.appendingPathComponent("a.txt"), encoding: .utf8) == "héllo\n")
        #expect(try String(contentsOf: folder.appendingPathComponent("big.log"), encoding: .utf8) == long)
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("a.txt").path)
        #expect((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 == 1_767_312_000)
        #expect(try bundle.archive() == bundle.archive(), "the same bundle gives the same bytes")
    }

    @Test func longPathsSplitIntoPrefixAndName() throws {
        let folder = String(repeating: "d", count: 120)
        let (prefix, name) = try TarArchive.split(folder + "/report.md")
        #expect(String(decoding: prefix, as: UTF8.self) == folder)
        #expect(String(decoding: name, as: UTF8.self) == "report.md")
        #expect(throws: TarArchive.EntryError.self) { try TarArchive.split(String(repeating: "x", count: 300)) }
    }

    @Test func previewHeadersCountBytes() {
        let bundle = ReportBundle(folder: "f", files: [ReportFile(name: "x", contents: "é")], modificationTime: 0)
        #expect(bundle.preview() == "==> f/x (3 bytes) <==\né\n\nnot redacted (--no-redact)\n")
        var tally = RedactionTally()
        tally.note(.emailAddress, "a@example.org")
        tally.note(.emailAddress, "b@example.org")
        tally.note(.apiToken, "hf_x")
        var redacted = bundle
        redacted.redactions = tally
        #expect(redacted.preview().hasSuffix("\n\nredacted: 1 API token, 2 email addresses\n"))
    }
}
