import Foundation

/// A file in the temporary directory with given contents, removed by ``remove()``: one file where
/// ``TemporaryTree`` is a directory.
package struct TemporaryFile {
    /// The file's path.
    package let path: String

    /// Writes `bytes` to a new temporary file.
    package init(_ bytes: [UInt8]) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("rocfault-\(UUID().uuidString).log").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// Deletes the file.
    package func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
