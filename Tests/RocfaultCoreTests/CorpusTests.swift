import Foundation
import Testing

@testable import RocfaultCore

/// Every labelled real case must get its side, and its known issue where one is given.
@Suite struct CorpusTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let label: String
        let knownIssue: String?
        var testDescription: String { name }
    }

    static let cases = cases(in: "corpus")

    /// The labelled cases of a fixture folder (`NAME.json` beside `NAME.log`).
    static func cases(in folder: String) -> [Case] {
        let directory = ShippedRules.fixtures.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().compactMap { name in
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path),
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                let label = object["label"] as? String
            else { return nil }
            let issue = (object["known_issue"] as? String)?.split(separator: " ").first.map(String.init)
            return Case(name: String(name.dropLast(5)), label: label, knownIssue: issue)
        }
    }

    @Test func corpusIsPresent() {
        #expect(Self.cases.count >= 29)
    }

    @Test(arguments: cases)
    func caseGetsItsLabel(_ testCase: Case) throws {
        let set = try ShippedRules.load()
        let url = ShippedRules.fixtures.appendingPathComponent("corpus/\(testCase.name).log")
        let text = try String(contentsOf: url, encoding: .utf8)
        let result = ShippedRules.check([(testCase.name + ".log", text)], ruleSet: set)
        #expect(result.verdict.side.rawValue == testCase.label, "\(result.verdict.summary)")
        if let issue = testCase.knownIssue {
            #expect(result.verdict.knownIssues.contains(issue))
        } else {
            #expect(
                !result.verdict.knownIssues.contains { $0.contains("#") },
                "unexpected \(result.verdict.knownIssues)"
            )
        }
    }
}
