import Foundation
import Glibc
import Testing

@testable import RocfaultSources
import RocfaultPlatform
import RocfaultTestKit

@Suite("ChunkedFileReader")
struct ChunkedFileReaderTests {
    /// What a reader handed out, flattened.
    private struct Reading {
        var lines: [(number: Int, bytes: [UInt8], isPiece: Bool)] = []
        var chunks: [(bytes: [UInt8], first: Int, count: Int, offset: UInt64, splits: Bool)] = []
    }

    private func readAll(_ reader: ChunkedFileReader) throws -> Reading {
        var reading = Reading()
        while let chunk = try reader.nextChunk() {
            reading.chunks.append(
                (Array(chunk.bytes), chunk.firstLineNumber, chunk.lineCount, chunk.offset, chunk.splitsLine)
            )
            chunk.forEachLine { reading.lines.append(($0.number, Array($0.bytes), $0.isPiece)) }
        }
        return reading
    }

    private func read(
        _ bytes: [UInt8],
        chunkSize: Int,
        maxLineLength: Int = 1 << 20
    ) throws -> (Reading, ChunkedFileReader) {
        let file = try TemporaryFile(bytes)
        defer { file.remove() }
        let reader = try ChunkedFileReader(path: file.path, chunkSize: chunkSize, maxLineLength: maxLineLength)
        return (try readAll(reader), reader)
    }

    /// `bytes` split at newlines the way a line reader should: no empty piece after a final newline.
    private func expectedLines(_ bytes: [UInt8]) -> [[UInt8]] {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
        if bytes.last == UInt8(ascii: "\n") || bytes.isEmpty { lines.removeLast() }
        return lines
    }

    @Test("an empty file yields no chunk")
    func empty() throws {
        let (reading, _) = try read([], chunkSize: 16)
        #expect(reading.chunks.isEmpty)
    }

    @Test("a final line without newline is delivered; chunks end on line boundaries")
    func finalLine() throws {
        let text = Array("alpha\nbeta\ngamma without newline".utf8)
        let (reading, _) = try read(text, chunkSize: 8)
        #expect(reading.lines.map(\.bytes) == expectedLines(text))
        #expect(reading.lines.map(\.number) == [1, 2, 3])
        #expect(reading.chunks.dropLast().allSatisfy { $0.bytes.last == UInt8(ascii: "\n") })
        #expect(reading.chunks.flatMap(\.bytes) == text)
    }

    @Test(
        "random content with long lines, empty lines and binary junk comes back line by line",
        arguments: [1, 7, 64, 4096]
    )
    func randomContent(chunkSize: Int) throws {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        for _ in 0..<300 {
            let length = [0, 1, 5, 80, 300, 5000].randomElement(using: &generator)!
            bytes += (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }.map { $0 == 10 ? 32 : $0 }
            bytes.append(UInt8(ascii: "\n"))
        }
        if Bool.random(using: &generator) { bytes.removeLast() }
        let (reading, _) = try read(bytes, chunkSize: chunkSize)
        #expect(reading.lines.map(\.bytes) == expectedLines(bytes))
        #expect(reading.lines.map(\.number) == Array(1...reading.lines.count))
        #expect(reading.lines.allSatisfy { !$0.isPiece })
        #expect(reading.chunks.flatMap(\.bytes) == bytes)
        var offset: UInt64 = 0
        var line = 1
        for chunk in reading.chunks {
            #expect(chunk.offset == offset)
            #expect(chunk.first == line)
            offset += UInt64(chunk.bytes.count)
            line += chunk.count
        }
    }

    @Test("a 3 MiB line spanning many chunks comes back whole")
    func longLine() throws {
        let long = [UInt8](repeating: UInt8(ascii: "z"), count: 3 << 20)
        let bytes = Array("before\n".utf8) + long + Array("\nafter\n".utf8)
        let (reading, reader) = try read(bytes, chunkSize: 64 << 10, maxLineLength: 16 << 20)
        #expect(reading.lines.map(\.bytes.count) == [6, 3 << 20, 5])
        #expect(reading.lines.map(\.number) == [1, 2, 3])
        #expect(reader.splitLineCount == 0)
        #expect(reader.bufferCapacity <= (3 << 20) + (64 << 10))
    }

    @Test("a line over the cap is handed out in pieces with one line number, never whole")
    func splitLine() throws {
        let long = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 % 26) + UInt8(ascii: "a") }
        let bytes = Array("one\n".utf8) + long + Array("\nthree\n".utf8)
        let (reading, reader) = try read(bytes, chunkSize: 1000, maxLineLength: 4096)
        #expect(reading.lines.map(\.number) == [1, 2, 2, 2, 3])
        #expect(reading.lines.map(\.bytes.count) == [3, 4096, 4096, 1808, 5])
        #expect(reading.lines.map(\.isPiece) == [false, true, true, true, false])
        #expect(reading.lines[1...3].flatMap(\.bytes) == long)
        #expect(reading.chunks.filter(\.splits).count == 2)
        #expect(reader.splitLineCount == 1)
        #expect(reader.bufferCapacity <= 4096 + 1000)
    }

    @Test("memory stays flat: reading 24 MiB in 1 MiB chunks never grows the buffer")
    func flatMemory() throws {
        let line = Array((String(repeating: "amdgpu: ring gfx timeout ", count: 4) + "\n").utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24 << 20)
        while bytes.count < 24 << 20 { bytes += line }
        let file = try TemporaryFile(bytes)
        defer { file.remove() }
        let reader = try ChunkedFileReader(path: file.path, chunkSize: 1 << 20)
        var lines = 0
        var chunks = 0
        while let chunk = try reader.nextChunk() {
            lines += chunk.lineCount
            chunks += 1
            #expect(chunk.bytes.count <= 2 << 20)
        }
        #expect(lines == bytes.count / line.count)
        #expect(chunks >= 12)
        #expect(reader.bufferCapacity == 2 << 20)
    }

    @Test("reads from a pipe, as from standard input, with short reads")
    func pipe() throws {
        var ends: [Int32] = [-1, -1]
        #expect(Glibc.pipe(&ends) == 0)
        let text = Array((1...2000).map { "line \($0)\n" }.joined().utf8) + Array("tail".utf8)
        let writeEnd = ends[1]
        let writer = Thread {
            text.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let step = min(777, raw.count - offset)
                    offset += Glibc.write(writeEnd, raw.baseAddress! + offset, step)
                }
            }
            close(writeEnd)
        }
        writer.start()
        let reader = ChunkedFileReader(
            fileDescriptor: ends[0],
            name: "<stdin>",
            closesDescriptor: true,
            chunkSize: 4096
        )
        let reading = try readAll(reader)
        #expect(reading.lines.map(\.bytes) == expectedLines(text))
        #expect(reading.lines.last?.number == 2001)
    }

    @Test("a missing file is an error naming it")
    func missingFile() {
        #expect(throws: SystemCallError(call: "open", errno: ENOENT, path: "/nonexistent/file.log")) {
            try ChunkedFileReader(path: "/nonexistent/file.log")
        }
    }

    @Test("a directory is an error from read naming it")
    func directory() throws {
        let path = FileManager.default.temporaryDirectory.path
        let reader = try ChunkedFileReader(path: path)
        #expect(throws: SystemCallError(call: "read", errno: EISDIR, path: path)) { try reader.nextChunk() }
    }
}
