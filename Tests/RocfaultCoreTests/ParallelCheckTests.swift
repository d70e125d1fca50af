import Foundation
import Testing

@testable import RocfaultCore

/// One rule set shared by checks running at the same time on different threads: the compiled
/// patterns are shared, each checker's matcher (the match data) is its own.
@Suite struct ParallelCheckTests {
    /// The corpus logs, each repeated so that the two checks overlap for a while.
    private static func inputs() throws -> [(name: String, text: String)] {
        let directory = ShippedRules.fixtures.appendingPathComponent("corpus")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".log") }.sorted()
        let texts = try names.map { try String(contentsOf: directory.appendingPathComponent($0), encoding: .utf8) }
        let half = texts.count / 2
        return [
            (name: "first.log", text: String(repeating: texts[..<half].joined(separator: "\n") + "\n", count: 20)),
            (name: "second.log", text: String(repeating: texts[half...].joined(separator: "\n") + "\n", count: 20)),
        ]
    }

    private static func summary(_ result: CheckResult) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(result), as: UTF8.self)
    }

    @Test func twoChecksInParallelGiveTheSameResultsAsOneAfterTheOther() async throws {
        let ruleSet = try ShippedRules.load()
        let inputs = try Self.inputs()
        let serial = try inputs.map { try Self.summary(ShippedRules.check([$0], ruleSet: ruleSet)) }
        let parallel = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for (index, input) in inputs.enumerated() {
                group.addTask { (index, try Self.summary(ShippedRules.check([input], ruleSet: ruleSet))) }
            }
            var results = Array(repeating: "", count: inputs.count)
            for try await (index, summary) in group { results[index] = summary }
            return results
        }
        #expect(serial.allSatisfy { $0.contains("\"incidents\":[{") }, "each input has incidents to compare")
        #expect(parallel == serial)
    }

    @Test func oneMatcherPerThreadMatchesWithItsOwnCaptures() async throws {
        let pattern = try CompiledPattern(#"pid (?<pid>\d+)"#)
        let matched = await withTaskGroup(of: Bool.self) { group in
            for thread in 0..<2 {
                group.addTask {
                    let matcher = PatternMatcher()
                    return (0..<20_000).allSatisfy { round in
                        let pid = String(thread * 1_000_000 + round)
                        return matcher.firstMatch(of: pattern, in: "Process python pid \(pid) died")?["pid"] == pid
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(matched == [true, true])
    }
}
