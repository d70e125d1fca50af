import Foundation

@testable import RocfaultCore

/// The repository's own `Rules/` directory, loaded once for tests.
enum ShippedRules {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Rules")

    static func files() throws -> [(name: String, text: String)] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        return try names.map { name in
            let url = directory.appendingPathComponent(name)
            return ("Rules/" + name, try String(contentsOf: url, encoding: .utf8))
        }
    }

    static func load() throws -> RuleSet { try RuleSet.load(files: files()) }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// Checks texts as files, the way `rocfault check` does, at a fixed reference time: a text that
    /// is an amdgpu device coredump is read as one, like `check` reads such a file.
    static func check(
        _ inputs: [(name: String, text: String)],
        ruleSet: RuleSet,
        machineGPUVendors: Set<GPUVendor> = []
    ) -> CheckResult {
        var checker = LogChecker(
            ruleSet: ruleSet,
            timeContext: TimeContext(referenceRealtimeMicroseconds: 1_795_000_000_000_000, utcOffsetSeconds: 0)
        )
        checker.machineGPUVendors = machineGPUVendors
        for input in inputs {
            if DevcoredumpParser.looksLikeDevcoredump(input.text.utf8.prefix(256)),
                let dump = try? DevcoredumpParser.parse(input.text)
            {
                checker.add(devcoredump: dump, file: input.name)
                continue
            }
            checker.beginFile(input.name)
            var bytes = Array(input.text.utf8)
            bytes.withUnsafeMutableBytes { checker.consume(UnsafeRawBufferPointer($0)) }
            checker.endFile()
        }
        return checker.finish()
    }
}
