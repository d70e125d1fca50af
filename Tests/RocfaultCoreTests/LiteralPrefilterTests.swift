import Testing

@testable import RocfaultCore

@Suite struct LiteralPrefilterTests {
    private func candidates(_ text: String, literals: [String]) -> [String] {
        let prefilter = LiteralPrefilter(literals: literals)
        var bytes = Array(text.utf8)
        var lines: [String] = []
        bytes.withUnsafeMutableBytes { raw in
            prefilter.forEachCandidateLine(in: UnsafeRawBufferPointer(raw)) { range in
                lines.append(String(decoding: UnsafeRawBufferPointer(rebasing: raw[range]), as: UTF8.self))
            }
        }
        return lines
    }

    @Test func findsOnlyLinesWithALiteral() {
        let text = "boot ok\namdgpu: GPU reset begin!\nnothing here\nMemory access fault by GPU node-1\nlast"
        let found = candidates(text, literals: ["GPU reset", "Memory access fault"])
        #expect(found == ["amdgpu: GPU reset begin!", "Memory access fault by GPU node-1"])
    }

    @Test func reportsALineOnceEvenWithSeveralLiterals() {
        let found = candidates(
            "GPU reset GPU reset Memory access fault\n",
            literals: ["GPU reset", "Memory access fault"]
        )
        #expect(found == ["GPU reset GPU reset Memory access fault"])
    }

    @Test func literalAtBufferEdgesAndLastLineWithoutNewline() {
        #expect(candidates("fault", literals: ["fault"]) == ["fault"])
        #expect(candidates("x\nfaul", literals: ["fault"]).isEmpty)
        #expect(candidates("abc\n\nxyz fault", literals: ["fault"]) == ["xyz fault"])
    }

    @Test func manyHitsBeyondOneBatch() {
        let text = (0..<1000).map { $0.isMultiple(of: 2) ? "hit fault \($0)" : "miss \($0)" }.joined(separator: "\n")
        let found = candidates(text, literals: ["fault"])
        #expect(found.count == 500)
        #expect(found.last == "hit fault 998")
    }

    @Test func literalIDsInALine() {
        let prefilter = LiteralPrefilter(literals: ["page fault", "MES failed", "pasid:"])
        var line = Array("[gfxhub] page fault (src_id:0 pasid:3)".utf8)
        let ids = line.withUnsafeMutableBytes { prefilter.literalIDs(in: UnsafeRawBufferPointer($0)) }
        #expect(Set(ids) == [0, 2])
    }

    @Test func shortLiteralsAreIgnoredNotFatal() {
        #expect(candidates("abc\nxyz\n", literals: ["ab"]).isEmpty)
    }
}
