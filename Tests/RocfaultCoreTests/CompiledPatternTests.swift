import Testing

@testable import RocfaultCore

@Suite struct CompiledPatternTests {
    @Test func namedCapturesComeBackByName() throws {
        let pattern = try CompiledPattern(#"pasid:(?<pasid>\d+)(?:, for process (?<comm>\S+))?"#)
        let captures = PatternMatcher().firstMatch(of: pattern, in: "page fault (src_id:0 ring:24 vmid:9 pasid:32771)")
        #expect(captures == ["pasid": "32771"])
    }

    @Test func noMatchGivesNil() throws {
        let pattern = try CompiledPattern("GPU reset begin!")
        #expect(PatternMatcher().firstMatch(of: pattern, in: "GPU reset succeeded") == nil)
        #expect(PatternMatcher().firstMatch(of: pattern, in: "") == nil)
    }

    @Test func invalidUTF8SubjectDoesNotCrash() throws {
        let pattern = try CompiledPattern("fault")
        let bytes: [UInt8] = [0xFF, 0xFE, 0x66, 0x61, 0x75, 0x6C, 0x74, 0xC3]
        let found = bytes.withUnsafeBytes { PatternMatcher().firstMatch(of: pattern, in: $0) }
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

    @Test func oneCompiledPatternServesSeveralMatchers() throws {
        let pattern = try CompiledPattern(#"pid (?<pid>\d+)"#)
        let first = PatternMatcher()
        let second = PatternMatcher()
        #expect(first.firstMatch(of: pattern, in: "Process python pid 5578")?["pid"] == "5578")
        #expect(second.firstMatch(of: pattern, in: "pid 7")?["pid"] == "7")
        #expect(first.firstMatch(of: pattern, in: "pid 12")?["pid"] == "12")
    }

    @Test func aMatcherGrowsForPatternsWithManyGroups() throws {
        let groups = (0..<40).map { "(?<g\($0)>\($0 % 10))" }.joined()
        let pattern = try CompiledPattern(groups)
        let text = (0..<40).map { String($0 % 10) }.joined()
        let captures = PatternMatcher().firstMatch(of: pattern, in: text)
        #expect(captures?["g39"] == "9")
        #expect(captures?.count == 40)
    }
}

/// PCRE2 10.42's JIT with `PCRE2_MATCH_INVALID_UTF` lets a bare `\S`, `\W` or `\D` match no
/// multibyte character; compiled patterns bracket them (`[\S]`), which means the same.
@Suite struct NegatedTypeJITTests {
    @Test(arguments: [
        (
            #"support \W(?<target>[\w-]+)\W as"#,
            "GCC is not configured to support ‘amdgcn-amdhsa’ as ‘-foffload=’ argument"
        ),
        (#"Loading (?<path>\S+\.gguf)"#, #"Loading C:\模型\qwen.gguf"#),
        (#"path=\S+ size=\D+$"#, "path=/home/josé/x size=épais"),
        (#"(?<=\S)amdgcn"#, "é amdgcn ‘amdgcn"),
    ])
    func aNegatedTypeMatchesAMultibyteCharacter(pattern: String, line: String) throws {
        let compiled = try CompiledPattern(pattern)
        #expect(compiled.isJIT)
        #expect(PatternMatcher().firstMatch(of: compiled, in: line) != nil)
    }

    @Test func capturesAcrossMultibyteTextComeBackWhole() throws {
        let compiled = try CompiledPattern(#"Loading (?<path>\S+)"#)
        #expect(
            PatternMatcher().firstMatch(of: compiled, in: #"Loading C:\模型\qwen.gguf now"#)?["path"]
                == #"C:\模型\qwen.gguf"#
        )
    }

    @Test(arguments: [
        (#"a\Sb"#, #"a[\S]b"#),
        (#"\W+\D{2}"#, #"[\W]+[\D]{2}"#),
        (#"[^\S\W]\S"#, #"[^\S\W][\S]"#),
        (#"[]\S]\S"#, #"[]\S][\S]"#),
        (#"[[:alpha:]\S]\S"#, #"[[:alpha:]\S][\S]"#),
        (#"\\S"#, #"\\S"#),
        (#"\Q\S\E\S"#, #"\Q\S\E[\S]"#),
        (#"\cS\S"#, #"\cS[\S]"#),
        (#"(?#[)\S"#, #"(?#[)[\S]"#),
        (#"[[:]\S"#, #"[[:][\S]"#),
        (#"[[:^digit:]]\D"#, #"[[:^digit:]][\D]"#),
        (#"\s\w\d"#, #"\s\w\d"#),
    ])
    func onlyBareNegatedTypesAreBracketed(pattern: String, rewritten: String) {
        #expect(CompiledPattern.bracketingNegatedTypes(pattern) == rewritten)
    }

    @Test func aSyntaxErrorIsReportedAtItsOffsetInTheSourceAsWritten() {
        do {
            _ = try CompiledPattern(#"\S\S\S("#)
            Issue.record("compiled a broken pattern")
        } catch {
            #expect(error.offset == 7)
        }
    }
}
