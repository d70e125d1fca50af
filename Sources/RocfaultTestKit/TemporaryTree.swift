import Foundation
import Glibc

/// A directory tree in a fresh temporary directory (`mkdtemp`), removed when the value is
/// released: the one temporary-directory helper of the test targets.
package final class TemporaryTree: Sendable {
    /// The directory's path.
    package let root: String

    /// Creates the directory; `prefix` starts its name.
    package init(prefix: String = "rocfault-test") {
        var template = Array((NSTemporaryDirectory() + prefix + "-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        precondition(made != nil, "mkdtemp failed")
        root = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// The path of `relative` inside the tree.
    package func path(_ relative: String) -> String { root + "/" + relative }

    /// A copy of a fixture tree (links kept as links, `cp -a`), to change in one test.
    package static func copy(of source: String) throws -> TemporaryTree {
        let tree = TemporaryTree()
        let copy = Process()
        copy.executableURL = URL(fileURLWithPath: "/bin/cp")
        copy.arguments = ["-a", source + "/.", tree.root]
        try copy.run()
        copy.waitUntilExit()
        guard copy.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
        return tree
    }

    /// Creates a directory (and its parents) inside the tree; returns its path.
    @discardableResult
    package func directory(_ relative: String) -> String {
        let full = path(relative)
        try! FileManager.default.createDirectory(atPath: full, withIntermediateDirectories: true)
        return full
    }

    /// Writes a text file inside the tree (parents created); returns its path.
    @discardableResult
    package func file(_ relative: String, _ contents: String) -> String {
        file(relative, bytes: Array(contents.utf8))
    }

    /// Writes a file of bytes inside the tree (parents created); returns its path.
    @discardableResult
    package func file(_ relative: String, bytes: [UInt8]) -> String {
        let full = path(relative)
        directory((relative as NSString).deletingLastPathComponent)
        precondition(FileManager.default.createFile(atPath: full, contents: Data(bytes)), "create \(relative) failed")
        return full
    }

    /// A symbolic link at `relative` whose stored target is `target` (relative or absolute).
    package func link(_ relative: String, to target: String) {
        directory((relative as NSString).deletingLastPathComponent)
        precondition(symlink(target, path(relative)) == 0, "symlink \(relative) failed")
    }

    /// Creates a FIFO inside the tree.
    package func fifo(_ relative: String) {
        directory((relative as NSString).deletingLastPathComponent)
        precondition(mkfifo(path(relative), 0o644) == 0, "mkfifo failed")
    }

    /// Removes a file or directory inside the tree.
    package func remove(_ relative: String) {
        try? FileManager.default.removeItem(atPath: path(relative))
    }
}
