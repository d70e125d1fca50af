import RocfaultTestKit

/// A fresh directory for a store test (RocfaultTestKit's ``TemporaryTree``), removed when the
/// value is released.
final class TemporaryDirectory {
    private let tree = TemporaryTree(prefix: "rocfault-store-tests")

    init() throws {}

    var path: String { tree.root }

    /// A path inside the directory.
    func file(_ name: String) -> String { tree.path(name) }

    /// The path of the default database file.
    var database: String { file("rocfault.db") }
}
