import Foundation
import RocfaultPlatform
import Testing

@Suite struct InstallationTests {
    /// A directory tree laid out as the test needs it, removed afterwards.
    private static func withTree(_ directories: [String], _ body: (String) throws -> Void) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("installation-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: root) }
        for directory in directories {
            try FileManager.default.createDirectory(atPath: root + "/" + directory, withIntermediateDirectories: true)
        }
        try body(root)
    }

    @Test func aDevelopmentBuildFindsTheSourceTreesRules() throws {
        try Self.withTree(["tree/Rules", "tree/.build/x86_64-unknown-linux-gnu/debug"]) { root in
            let installation = Installation(
                environment: [:],
                executablePath: root + "/tree/.build/x86_64-unknown-linux-gnu/debug/rocfaultd"
            )
            let found = try installation.rulesDirectory(explicit: nil)
            #expect(URL(fileURLWithPath: found).standardized.path == root + "/tree/Rules")
        }
    }

    @Test func anInstalledExecutableFindsItsShareDirectoryFirst() throws {
        try Self.withTree(["prefix/bin", "prefix/share/rocfault/rules", "prefix/Rules"]) { root in
            let installation = Installation(environment: [:], executablePath: root + "/prefix/bin/rocfaultd")
            let found = try installation.rulesDirectory(explicit: nil)
            #expect(URL(fileURLWithPath: found).standardized.path == root + "/prefix/share/rocfault/rules")
        }
    }

    @Test func optionThenEnvironmentWinOverTheSearch() throws {
        let installation = Installation(environment: ["ROCFAULT_RULES_DIR": "/env/rules"], executablePath: "/x/bin/r")
        #expect(try installation.rulesDirectory(explicit: "/opt/rules", isDirectory: { _ in true }) == "/opt/rules")
        #expect(try installation.rulesDirectory(explicit: nil, isDirectory: { _ in true }) == "/env/rules")
        let empty = Installation(environment: ["ROCFAULT_RULES_DIR": ""], executablePath: "/x/bin/r")
        #expect(
            try empty.rulesDirectory(explicit: nil, isDirectory: { $0 == "/usr/share/rocfault/rules" })
                == "/usr/share/rocfault/rules"
        )
    }

    @Test func noRuleDirectoryIsAClearErrorListingWhereItLooked() {
        let installation = Installation(environment: [:], executablePath: "/nowhere/bin/rocfaultd")
        #expect {
            try installation.rulesDirectory(explicit: nil, isDirectory: { _ in false })
        } throws: { error in
            guard let error = error as? InstallationError else { return false }
            return error.searched.first == "/nowhere/bin/../share/rocfault/rules"
                && error.description.contains("/usr/share/rocfault/rules")
        }
    }

    @Test func stateDirectoryComesFromTheOptionTheEnvironmentOrTheDefault() {
        let set = Installation(environment: ["ROCFAULT_STATE_DIR": "/srv/state"], executablePath: nil)
        #expect(set.stateDirectory(explicit: "/opt/state") == "/opt/state")
        #expect(set.stateDirectory(explicit: nil) == "/srv/state")
        let unset = Installation(environment: ["ROCFAULT_STATE_DIR": ""], executablePath: nil)
        #expect(unset.stateDirectory(explicit: nil) == "/var/lib/rocfault")
        #expect(Installation.databasePath(stateDirectory: "/srv/state") == "/srv/state/rocfault.sqlite")
    }

    @Test func theCurrentProcessSeesItsOwnEnvironmentAndExecutable() {
        let current = Installation.current()
        #expect(current.environment["PATH"] == ProcessInfo.processInfo.environment["PATH"])
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
        #expect(current.executablePath == executable)
    }
}
