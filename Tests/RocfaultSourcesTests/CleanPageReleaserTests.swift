import Foundation
import Glibc
import RocfaultSources
import Testing

/// Real mappings of real files in this test process: released pages leave the resident set, and
/// their contents, and those of written private pages, are unchanged afterwards.
@Suite(.serialized)
struct CleanPageReleaserTests {
    static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
    static let pageCount = 256

    /// A temporary file of `pageCount` pages, each filled with its page number.
    static func makeFile() throws -> (path: String, descriptor: Int32) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pages-\(UUID().uuidString)").path
        var bytes = [UInt8](repeating: 0, count: pageSize * pageCount)
        for page in 0..<pageCount {
            bytes.replaceSubrange(
                page * pageSize..<(page + 1) * pageSize,
                with: repeatElement(UInt8(page % 251), count: pageSize)
            )
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return (path, open(path, O_RDONLY))
    }

    /// Resident kilobytes of the mapping that starts at `address`, from /proc/self/smaps.
    static func residentKilobytes(at address: UnsafeMutableRawPointer) throws -> Int {
        let handle = try #require(FileHandle(forReadingAtPath: "/proc/self/smaps"))
        defer { try? handle.close() }
        let smaps = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
        let start = String(UInt(bitPattern: address), radix: 16)
        let lines = smaps.split(separator: "\n")
        guard let header = lines.firstIndex(where: { $0.hasPrefix(start + "-") }) else { return -1 }
        let rss = lines[(header + 1)...].first { $0.hasPrefix("Rss:") } ?? ""
        return Int(rss.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? -1
    }

    /// Maps a fresh test file with `protection`, runs `body` with the mapping's start, then unmaps
    /// and removes everything.
    static func withMappedFile(
        protection: Int32,
        _ body: (UnsafeMutableRawPointer) throws -> Void
    ) throws {
        let file = try makeFile()
        defer {
            close(file.descriptor)
            unlink(file.path)
        }
        let base = try #require(mmap(nil, length, protection, MAP_PRIVATE, file.descriptor, 0))
        try #require(base != MAP_FAILED)
        defer { munmap(base, length) }
        try body(base)
    }

    static var length: Int { pageSize * pageCount }

    static func checksum(_ base: UnsafeMutableRawPointer) -> [UInt8] {
        (0..<pageCount).map { base.load(fromByteOffset: $0 * pageSize + 17, as: UInt8.self) }
    }

    @Test func touchedPagesOfAReadOnlyFileMappingLeaveTheResidentSetAndKeepTheirContent() throws {
        try Self.withMappedFile(protection: PROT_READ) { base in
            let expected = (0..<Self.pageCount).map { UInt8($0 % 251) }
            #expect(Self.checksum(base) == expected)
            let before = try Self.residentKilobytes(at: base)
            #expect(before == Self.length / 1024)

            let outcome = try CleanPageReleaser.release(loadedObjectsOnly: false)
            #expect(outcome.pagesReleased >= Self.pageCount)
            let after = try Self.residentKilobytes(at: base)
            #expect(after == 0)
            #expect(Self.checksum(base) == expected)
        }
    }

    @Test func writtenPagesOfAPrivateMappingMadeReadOnlyKeepTheirWrites() throws {
        try Self.withMappedFile(protection: PROT_READ | PROT_WRITE) { base in
            // Like relocations before RELRO: write some pages, then make the mapping read-only.
            for page in stride(from: 0, to: Self.pageCount, by: 2) {
                base.storeBytes(of: 0xEE, toByteOffset: page * Self.pageSize + 17, as: UInt8.self)
            }
            _ = Self.checksum(base)
            #expect(mprotect(base, Self.length, PROT_READ) == 0)

            _ = try CleanPageReleaser.release(loadedObjectsOnly: false)
            let kept = try Self.residentKilobytes(at: base)
            #expect(kept == Self.length / 2 / 1024, "the written half stays, the clean half goes")
            let expected = (0..<Self.pageCount).map { $0 % 2 == 0 ? UInt8(0xEE) : UInt8($0 % 251) }
            #expect(Self.checksum(base) == expected)
        }
    }

    /// By default only the program and its libraries are touched: a data file's mapping, which
    /// might be unmapped and its range reused by another thread meanwhile, is left alone.
    @Test func byDefaultOnlyLoadedObjectsAreReleased() throws {
        try Self.withMappedFile(protection: PROT_READ) { base in
            _ = Self.checksum(base)
            let outcome = try CleanPageReleaser.release()
            #expect(outcome.pagesReleased > 0, "the test binary's own code pages")
            let kept = try Self.residentKilobytes(at: base)
            #expect(kept == Self.length / 1024)
        }
    }

    @Test func mapsLinesParseWithAndWithoutAPath() {
        let text = """
            5581d2a00000-5581d2a4b000 r-xp 00002000 fd:01 1311234                    /usr/bin/my program
            7ffd1c5e6000-7ffd1c607000 rw-p 00000000 00:00 0                          [stack]
            7f3a58f00000-7f3a58f7f000 rw-p 00000000 00:00 0
            not a mapping line
            """
        let mappings = ProcessMapping.parseAll(text)
        #expect(mappings.count == 3)
        #expect(mappings[0].path == "/usr/bin/my program")
        #expect(mappings[0].isCleanFileCandidate)
        #expect(mappings[0].end - mappings[0].start == 0x4b000)
        #expect(mappings[1].path == "[stack]")
        #expect(!mappings[1].isCleanFileCandidate)
        #expect(mappings[2].path.isEmpty)
        #expect(mappings[2].inode == 0)
    }
}
