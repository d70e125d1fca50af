import Testing

@testable import RocfaultCore

@Suite struct CompiledPatternTests {
    @Test func namedCapturesComeBackByName() throws {
        let pattern = try CompiledPattern(#"pasid:(?<pasid>\d+)(?:, for process (?<comm>\S+))?"#)
        let captures = pattern.firstMatch(in: "page fault (src_id:0 ring:24 vmid:9 pasid:32771)")
        #expect(captures == ["pasid": "32771"])
    }

    @Test func noMatchGivesNil() throws {
        let pattern = try CompiledPattern("GPU reset begin!")
        #expect(pattern.firstMatch(in: "GPU reset succeeded") == nil)
        #expect(pattern.firstMatch(in: "") == nil)
    }

    @Test func invalidUTF8SubjectDoesNotCrash() throws {
        let pattern = try CompiledPattern("fault")
        let bytes: [UInt8] = [0xFF, 0xFE, 0x66, 0x61, 0x75, 0x6C, 0x74, 0xC3]
        let found = bytes.withUnsafeBytes { pattern.firstMatch(in: $0) }
        #expect(found == [:])
    }

    @Test func badSyntaxReportsOffset() {
        #expect(throws: PatternError.self) { try CompiledPattern("(?<name>unclosed") }
        do {
            _ = try CompiledPattern("abc(")
            Issue.record("compiled a broken pattern")
        } catch {
            #expect(error.offset == 4)
            #expect(!error.message.isEmpty)
        }
    }

    @Test func copiesMatchIndependently() throws {
        let pattern = try CompiledPattern(#"pid (?<pid>\d+)"#)
        let copy = pattern.copyForAnotherThread()
        #expect(copy.firstMatch(in: "Process python pid 5578")?["pid"] == "5578")
        #expect(pattern.firstMatch(in: "pid 7")?["pid"] == "7")
    }
}
