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

/// The completions as a user meets them: a real interactive bash, zsh and fish under tmux, the
/// committed script sourced, a partial command line typed, TAB pressed, the line read back.
@Suite(.serialized) struct InteractiveCompletionTests {
    static let scripts = ["bash": "rocfault.bash", "zsh": "_rocfault", "fish": "rocfault.fish"]

    /// (typed, expected line after TAB) in a directory holding `comfyui.log`, `statefile.log` and
    /// the directory `statedir`, with the executable `rfprobe-completion-tool` on `$PATH`.
    static let cases: [(String, String)] = [
        ("rocfault check comf", "rocfault check comfyui.log"),
        ("rocfault check app.log comf", "rocfault check app.log comfyui.log"),
        ("rocfault status --state-dir stat", "rocfault status --state-dir statedir/"),
        ("rocfault check --rules stat", "rocfault check --rules statedir/"),
        ("rocfault run -- rfprobe-compl", "rocfault run -- rfprobe-completion-tool"),
        ("rocfault run -- rfprobe-completion-tool comf", "rocfault run -- rfprobe-completion-tool comfyui.log"),
        ("rocfault list --json sh", "rocfault list --json short"),
    ]

    @Test(arguments: InteractiveShell.Kind.allCases)
    func tabCompletesFilesDirectoriesCommandsAndValues(shell: InteractiveShell.Kind) throws {
        let root = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let work = root.appendingPathComponent("work")
        let bin = root.appendingPathComponent("bin")
        for directory in [work, bin, work.appendingPathComponent("statedir")] {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        }
        for file in ["comfyui.log", "app.log", "statefile.log"] {
            try Data("x\n".utf8).write(to: work.appendingPathComponent(file))
        }
        let tool = bin.appendingPathComponent("rfprobe-completion-tool")
        try Data("#!/bin/sh\n".utf8).write(to: tool)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: tool.path)
        let path = [ProcessRunner.productsDirectory.path, bin.path, "/usr/local/bin", "/usr/bin", "/bin"]
        let script = ProcessRunner.packageRoot.appendingPathComponent("completions/\(Self.scripts[shell.rawValue]!)")
        let session = try InteractiveShell(
            shell,
            directory: work,
            path: path.joined(separator: ":"),
            home: root,
            script: script
        )
        defer { session.close() }
        for (typed, expected) in Self.cases {
            let line = try session.complete(typed)
            #expect(line == expected, "\(shell): '\(typed)<TAB>' gave '\(line)'")
        }
    }
}
