import Foundation
import Testing

/// The committed shell completions are what the built `rocfault` generates.
@Suite struct CompletionTests {
    @Test(arguments: [("bash", "rocfault.bash"), ("zsh", "_rocfault"), ("fish", "rocfault.fish")])
    func completionScriptIsCurrent(shell: String, file: String) throws {
        let generated = try ProcessRunner.run(
            ProcessRunner.executable("rocfault"),
            ["--generate-completion-script", shell]
        )
        #expect(generated.status == 0)
        let committed = try String(
            contentsOf: ProcessRunner.packageRoot.appendingPathComponent("completions/\(file)"),
            encoding: .utf8
        )
        #expect(generated.stdout == committed, "run completions/generate.sh to regenerate completions/\(file)")
    }
}
