import Foundation

/// A file in the temporary directory with given contents, removed by ``remove()``.
struct TemporaryFile {
    /// The file's path.
    let path: String

    /// Writes `bytes` to a new temporary file.
    init(_ bytes: [UInt8]) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("rocfault-\(UUID().uuidString).log").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// Deletes the file.
    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
