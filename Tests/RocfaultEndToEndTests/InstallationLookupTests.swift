import Foundation
import Testing

/// The real executables find the source tree's rules when run from the build directory.
@Suite(.serialized) struct InstallationLookupTests {
    @Test func theDaemonRunFromTheBuildDirectoryFindsTheSourceTreesRules() throws {
        let state = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        let output = try ProcessRunner.run(
            ProcessRunner.executable("rocfaultd"),
            ["--once", "--no-journal", "--state-dir", state.path, "--process-scan-interval", "0"],
            environment: ["ROCFAULT_RULES_DIR": ""]
        )
        #expect(output.status == 0, "\(output.stderr)")
        let line = output.stderr.split(separator: "\n").first { $0.contains("rocfaultd ready:") }
        let directory = line.flatMap { text in text.range(of: " rules from ").map { String(text[$0.upperBound...]) } }
        let expected = URL(fileURLWithPath: ProcessRunner.rulesDirectory).resolvingSymlinksInPath().path
        #expect(directory.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path } == expected)
    }

    @Test func theCLIAndTheDaemonLoadTheSameRules() throws {
        let state = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        let environment = ["ROCFAULT_RULES_DIR": ""]
        let daemon = try ProcessRunner.run(
            ProcessRunner.executable("rocfaultd"),
            ["--once", "--no-journal", "--state-dir", state.path, "--process-scan-interval", "0"],
            environment: environment
        )
        let cli = try ProcessRunner.run(
            ProcessRunner.executable("rocfault"),
            ["rules", "lint"],
            environment: environment
        )
        let cliCount = cli.stdout.split(separator: " ").first.map(String.init)
        let ready = daemon.stderr.split(separator: "\n").first { $0.contains("rocfaultd ready:") } ?? ""
        let words = ready.split(separator: " ").map(String.init)
        let daemonCount = words.firstIndex(of: "rules").map { words[$0 - 1] }
        #expect(cli.status == 0, "\(cli.stderr)")
        #expect(cliCount != nil && cliCount == daemonCount, "rocfault: \(cli.stdout) rocfaultd: \(ready)")
    }
}
