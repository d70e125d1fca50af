import Glibc
import RocfaultTestKit
import Testing

@testable import RocfaultPlatform

@Suite("FileIO reading, throwing and optional forms")
struct FileIOReadTests {
    static func write(_ text: String, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        try #require(fd >= 0)
        defer { close(fd) }
        let written = Array(text.utf8).withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        try #require(written == text.utf8.count)
    }

    @Test("a regular file reads whole in both forms")
    func regularFile() throws {
        let tree = TemporaryTree(prefix: "rocfault-fileio")
        let directory = tree.root
        try Self.write("rules: []\n", to: directory + "/a.yaml")
        #expect(try FileIO.contentsText(directory + "/a.yaml") == "rules: []\n")
        #expect(FileIO.text(directory + "/a.yaml") == "rules: []\n")
    }

    @Test("a missing file is ENOENT with the path, or nil")
    func missingFile() throws {
        #expect(throws: SystemCallError(call: "open", errno: ENOENT, path: "/nonexistent/rocfault.yaml")) {
            try FileIO.contents("/nonexistent/rocfault.yaml")
        }
        #expect(FileIO.read("/nonexistent/rocfault.yaml") == nil)
    }

    @Test("a FIFO is refused at once instead of blocking the reader")
    func fifoIsRefused() throws {
        let tree = TemporaryTree(prefix: "rocfault-fileio")
        let directory = tree.root
        let path = directory + "/planted.yaml"
        try #require(mkfifo(path, 0o600) == 0)
        #expect(throws: SystemCallError(call: "open", errno: EINVAL, path: path, detail: "not a regular file")) {
            try FileIO.contents(path)
        }
        #expect(FileIO.read(path) == nil)
    }

    @Test("a file over the limit is EFBIG in the throwing form, cut in the optional one")
    func overLimit() throws {
        let tree = TemporaryTree(prefix: "rocfault-fileio")
        let directory = tree.root
        try Self.write("0123456789", to: directory + "/big")
        #expect(
            throws: SystemCallError(call: "read", errno: EFBIG, path: directory + "/big", detail: "larger than 4 bytes")
        ) {
            try FileIO.contents(directory + "/big", limit: 4)
        }
        #expect(FileIO.read(directory + "/big", limit: 4) == Array("0123".utf8))
    }

    @Test("head reads a regular file's start and never a pipe's")
    func headReadsOnlyRegularFiles() throws {
        let tree = TemporaryTree(prefix: "rocfault-fileio")
        let path = tree.root + "/dump"
        try Self.write("**** AMDGPU Device Coredump ****\nrest\n", to: path)
        #expect(FileIO.head(path, limit: 8) == Array("**** AMD".utf8))
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        defer { close(ends[0]) }
        let written = Array("line\n".utf8).withUnsafeBytes { Glibc.write(ends[1], $0.baseAddress, $0.count) }
        close(ends[1])
        try #require(written == 5)
        #expect(FileIO.head("/dev/fd/\(ends[0])", limit: 8) == nil)
        var left = [UInt8](repeating: 0, count: 8)
        let read = left.withUnsafeMutableBytes { Glibc.read(ends[0], $0.baseAddress, $0.count) }
        #expect(read == 5, "the pipe still holds its line")
    }

    @Test("input is a pipe or a non-empty file, never a terminal or /dev/null")
    func carriesInputTellsPipesAndFiles() throws {
        let tree = TemporaryTree(prefix: "rocfault-fileio")
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        defer {
            close(ends[0])
            close(ends[1])
        }
        #expect(FileIO.carriesInput(ends[0]))
        let null = open("/dev/null", O_RDONLY)
        defer { close(null) }
        #expect(!FileIO.carriesInput(null))
        try Self.write("", to: tree.root + "/empty")
        try Self.write("x\n", to: tree.root + "/full")
        let empty = open(tree.root + "/empty", O_RDONLY)
        let full = open(tree.root + "/full", O_RDONLY)
        defer {
            close(empty)
            close(full)
        }
        #expect(!FileIO.carriesInput(empty))
        #expect(FileIO.carriesInput(full))
    }
}
