import Foundation
import Testing

@testable import RocfaultCLI

@Suite struct LineSplitterTests {
    @Test func splitsOnNewlinesAndCarriageReturnsAcrossChunks() {
        var splitter = LineSplitter(maxLength: 8)
        var lines: [String] = []
        for chunk in ["ab", "c\nde", "f\r 50%\r 60%\r\n", "0123456789", "tail"] {
            lines += Array(chunk.utf8).withUnsafeBytes { splitter.add($0) }
        }
        lines += splitter.finish()
        #expect(lines == ["abc", "def", " 50%", " 60%", "01234567", "89tail"])
    }
}
