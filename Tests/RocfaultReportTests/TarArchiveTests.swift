import Testing

@testable import RocfaultReport

@Suite struct TarArchiveTests {
    @Test func longPathsSplitIntoPrefixAndName() throws {
        let folder = String(repeating: "d", count: 120)
        let (prefix, name) = try TarArchive.split(folder + "/report.md")
        #expect(String(decoding: prefix, as: UTF8.self) == folder)
        #expect(String(decoding: name, as: UTF8.self) == "report.md")
        #expect(throws: TarArchive.EntryError.self) { try TarArchive.split(String(repeating: "x", count: 300)) }
    }
}
