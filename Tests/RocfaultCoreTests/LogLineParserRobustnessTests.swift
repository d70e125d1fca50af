import Testing

@testable import RocfaultCore

/// Junk never traps and always yields a record or nil.
@Suite struct LogLineParserRobustnessTests {
    /// A small deterministic generator, so a failure can be replayed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Prefixes that send junk down every scanner.
    static let prefixes: [String] = [
        "", "[", "[ 1.5] ", "[ 1.000000] h kernel: ", "[Fri Apr 17 19:55:54 2026]", "<3>[ 1.0] ", "6,1,2,-;",
        "2024-01-02T03:04:05,1+01:00 ", "2024-01-02T03:04:05.1Z h a[1]: ", "Oct  7 12:58:23 ", "Aug 05 08:56:22.5 h ",
        "kern  :err   : ", "h ident[1]: ", "kernel: [ 1.0] ", "{", #"{"MESSAGE":"#, #"{"MESSAGE":["#, "__CURSOR=x",
        "MESSAGE", " SUBSYSTEM=", "\u{1B}]8;;", "#01", "\\x",
    ]

    @Test func randomLinesNeverTrap() {
        var generator = SplitMix(state: 0x5EED)
        var parser = LogLineParser(file: "junk", timeContext: ParserHarness.utc)
        var lines: [[UInt8]] = []
        for _ in 0..<3000 {
            let prefix = Array(Self.prefixes[Int.random(in: 0..<Self.prefixes.count, using: &generator)].utf8)
            let length = Int.random(in: 0..<120, using: &generator)
            lines.append(prefix + (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) })
        }
        var records: [LogRecord] = []
        for (index, line) in lines.enumerated() {
            if let record = parser.parse(line, lineNumber: index + 1) { records.append(record) }
        }
        while let record = parser.finish() { records.append(record) }
        #expect(!records.isEmpty)
        #expect(records.count <= lines.count)
        // Records stay in input order and point into the input.
        let numbers = records.map(\.location.line)
        #expect(numbers == numbers.sorted())
        #expect(numbers.allSatisfy { (1...lines.count).contains($0) })
    }

    @Test func invalidUTF8IsReplaced() throws {
        let bytes = Array("[    1.000000] amdgpu: ".utf8) + [0xFF, 0xFE, 0xC3] + Array(" bad".utf8)
        let record = try #require(ParserHarness.parseOne(bytes: bytes))
        #expect(record.format == .dmesg)
        #expect(record.text.hasPrefix("amdgpu: \u{FFFD}"))
        #expect(record.text.hasSuffix(" bad"))
    }

    @Test func nulBytesAreKept() throws {
        let record = try #require(ParserHarness.parseOne(bytes: Array("[ 1.000000] a".utf8) + [0, 0x62]))
        #expect(record.text == "a\u{0}b")
        let plain = try #require(ParserHarness.parseOne(bytes: [0, 0, 0]))
        #expect(plain.text == "\u{0}\u{0}\u{0}")
        #expect(plain.format == .plain)
    }

    @Test(arguments: [
        ("", LogFormat.plain), ("[    1.000000] ", .dmesg), (#"{"__CURSOR":"x","MESSAGE":""#, .journalJSON),
        ("Oct  7 12:58:23 h app[1]: ", .journalShort), ("{[", .plain),
    ])
    func oneMebibyteLine(prefix: String, format: LogFormat) throws {
        let filler = String(repeating: "a", count: 1 << 20)
        let line = prefix + filler + (format == .journalJSON ? #""}"# : "")
        let record = try #require(ParserHarness.parseOne(line))
        #expect(record.format == format)
        #expect(record.text == (format == .plain ? line : filler))
    }

    @Test func binaryJunkFileNeverTraps() {
        var generator = SplitMix(state: 42)
        let data = (0..<200_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let records = ParserHarness.parseAll(data)
        let lineCount = data.split(separator: 0x0A, omittingEmptySubsequences: false).count
        #expect(!records.isEmpty)
        #expect(records.count <= lineCount)
    }

    @Test func stringAndByteInputsAgree() {
        for line in Self.prefixes.map({ $0 + "tail text" }) {
            #expect(ParserHarness.parseOne(line) == ParserHarness.parseOne(bytes: Array(line.utf8)))
        }
    }

    @Test func nonContiguousCollectionsAreAccepted() throws {
        var parser = LogLineParser(file: "x", timeContext: ParserHarness.utc)
        let bytes = Array("[    1.000000] amdgpu: x".utf8)
        let parsed = parser.parse(bytes.lazy.map { $0 }, lineNumber: 3)
        let record = try #require(parsed)
        #expect(record.text == "amdgpu: x")
        #expect(record.location.line == 3)
    }
}
