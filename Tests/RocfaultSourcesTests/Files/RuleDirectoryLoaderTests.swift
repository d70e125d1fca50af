import RocfaultCore
import RocfaultSources
import RocfaultTestKit
import Testing

@Suite struct RuleDirectoryLoaderTests {
    /// A FIFO named like a rule file blocked the old reader's `open` for ever.
    @Test func aFifoAmongTheRuleFilesIsADiagnosticNotAHang() {
        let tree = TemporaryTree(prefix: "rocfault-rules")
        tree.fifo("00-planted.yaml")
        do {
            _ = try RuleDirectoryLoader.load(directory: tree.root)
            Issue.record("a FIFO loaded as a rule file")
        } catch {
            #expect(error.diagnostics.map(\.location.file) == [tree.path("00-planted.yaml")])
            #expect(error.diagnostics.first?.message.contains("not a regular file") == true)
        }
    }

    @Test func aMissingDirectoryNamesItsErrno() {
        do {
            _ = try RuleDirectoryLoader.load(directory: "/nonexistent/rocfault-rules")
            Issue.record("a missing directory loaded")
        } catch {
            #expect(
                error.diagnostics.first?.message
                    == "opendir(/nonexistent/rocfault-rules): No such file or directory (errno 2)"
            )
        }
    }
}
