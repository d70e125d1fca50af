import Foundation
import Glibc

/// A directory tree in a fresh temporary directory, removed when the value is released.
final class TemporaryTree: @unchecked Sendable {
    let root: String

    init() {
        var template = Array((NSTemporaryDirectory() + "rocfault-system-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        precondition(made != nil, "mkdtemp failed")
        root = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    func path(_ relative: String) -> String { root + "/" + relative }

    /// A copy of a fixture tree (links kept as links, `cp -a`), to change in one test.
    static func copy(of source: String) throws -> TemporaryTree {
        let tree = TemporaryTree()
        let copy = Process()
        copy.executableURL = URL(fileURLWithPath: "/bin/cp")
        copy.arguments = ["-a", source + "/.", tree.root]
        try copy.run()
        copy.waitUntilExit()
        guard copy.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
        return tree
    }

    @discardableResult
    func directory(_ relative: String) -> String {
        let full = path(relative)
        try! FileManager.default.createDirectory(atPath: full, withIntermediateDirectories: true)
        return full
    }

    @discardableResult
    func file(_ relative: String, _ contents: String) -> String {
        file(relative, bytes: Array(contents.utf8))
    }

    @discardableResult
    func file(_ relative: String, bytes: [UInt8]) -> String {
        let full = path(relative)
        directory((relative as NSString).deletingLastPathComponent)
        precondition(FileManager.default.createFile(atPath: full, contents: Data(bytes)), "create \(relative) failed")
        return full
    }

    /// A symbolic link at `relative` whose stored target is `target` (relative or absolute).
    func link(_ relative: String, to target: String) {
        directory((relative as NSString).deletingLastPathComponent)
        precondition(symlink(target, path(relative)) == 0, "symlink \(relative) failed")
    }

    func fifo(_ relative: String) {
        directory((relative as NSString).deletingLastPathComponent)
        precondition(mkfifo(path(relative), 0o644) == 0, "mkfifo failed")
    }

    func remove(_ relative: String) {
        try? FileManager.default.removeItem(atPath: path(relative))
    }
}
