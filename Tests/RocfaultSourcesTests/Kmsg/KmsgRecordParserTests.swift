import Testing

@testable import RocfaultSources

@Suite("KmsgRecordParser")
struct KmsgRecordParserTests {
    private func parse(_ text: String) -> KmsgRecord? {
        Array(text.utf8).withUnsafeBytes { KmsgRecordParser.parse($0) }
    }

    @Test("header fields, facility and level")
    func header() throws {
        let record = try #require(parse("11,338,570843354,-;amdgpu: ring gfx timeout\n"))
        #expect(record.priorityValue == 11)
        #expect(record.facility == 1)
        #expect(record.level == 3)
        #expect(record.sequence == 338)
        #expect(record.monotonicMicroseconds == 570_843_354)
        #expect(record.flags == "-")
        #expect(String(decoding: record.text, as: UTF8.self) == "amdgpu: ring gfx timeout")
        #expect(record.properties.isEmpty)
    }

    @Test("continuation properties of dev_printk records, with escapes in values")
    func properties() throws {
        let raw =
            "3,1201,9876543,c;amdgpu 0000:03:00.0: page fault\n SUBSYSTEM=pci\n DEVICE=+pci:0000:03:00.0\n"
            + " NOTE=a\\x5cb\n"
        let record = try #require(parse(raw))
        #expect(record.facility == 0)
        #expect(record.flags == "c")
        #expect(record.properties == ["SUBSYSTEM": "pci", "DEVICE": "+pci:0000:03:00.0", "NOTE": "a\\b"])
    }

    @Test("escapes are undone; invalid escapes are kept")
    func escapes() throws {
        let record = try #require(parse("6,5,10,-;tab\\x09here back\\x5cslash \\xe2\\x9c\\x93 bad\\xZZ end\\x4"))
        #expect(String(decoding: record.text, as: UTF8.self) == "tab\there back\\slash ✓ bad\\xZZ end\\x4")
    }

    @Test("non-UTF-8 bytes survive unescaping and decode lossily")
    func nonUTF8() throws {
        let record = try #require(parse("12,342,570844831,-;E\\x01\\xff end"))
        #expect(record.text == [0x45, 0x01, 0xFF] + Array(" end".utf8))
        #expect(String(decoding: record.text, as: UTF8.self) == "E\u{01}\u{FFFD} end")
    }

    @Test("unknown header fields are ignored, missing flags accepted, text may contain ; and ,")
    func tolerantHeader() throws {
        let extra = try #require(parse("4,7,8,-,caller=T123;a;b,c"))
        #expect(extra.sequence == 7)
        #expect(String(decoding: extra.text, as: UTF8.self) == "a;b,c")
        let noFlags = try #require(parse("4,7,8;text"))
        #expect(noFlags.flags == "-")
    }

    @Test(
        "malformed records yield nil",
        arguments: [
            "", "no header here", "6,5;too few", "x,5,10,-;bad prio", "6,-1,10,-;neg",
            "6,5,10\n;semicolon after newline",
            "6,99999999999999999999999,1,-;overflow", "4294967296,1,1,-;prio too big", ";", ",,,;",
        ]
    )
    func malformed(_ raw: String) {
        #expect(parse(raw) == nil)
    }

    @Test("random bytes never crash the parser")
    func fuzz() {
        var generator = SystemRandomNumberGenerator()
        var parsed = 0
        for length in 0..<400 {
            var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            if length % 3 == 0 { bytes = Array("6,\(length),1,-;".utf8) + bytes }
            if (bytes.withUnsafeBytes { KmsgRecordParser.parse($0) }) != nil { parsed += 1 }
        }
        #expect(parsed >= 100)
    }
}
