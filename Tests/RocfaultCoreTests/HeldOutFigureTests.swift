import Foundation
import Testing

@testable import RocfaultCore

/// The figure on real cases kept aside (`Fixtures/heldout`, collected from public issues before the
/// rules of this round were written and never used to write them): per label, how many came out
/// right. `make heldout` prints it; docs/rules.md quotes it, and this suite checks the quote is the
/// figure the rules give now.
@Suite struct HeldOutFigureTests {
    /// One held-out case and the side the check gave it.
    struct Outcome: Sendable {
        let name: String
        let label: String
        let side: String
        let summary: String
        /// The batch the case was gathered in (1, 2 or 3); each was gathered blind to the rules
        /// written after it.
        let batch: Int
    }

    /// Checks every held-out case with the shipped rules.
    static func outcomes() throws -> [Outcome] {
        let set = try ShippedRules.load()
        return try CorpusTests.cases(in: "heldout").map { testCase in
            let url = ShippedRules.fixtures.appendingPathComponent("heldout/\(testCase.name).log")
            let text = try String(contentsOf: url, encoding: .utf8)
            let verdict = ShippedRules.check([(testCase.name + ".log", text)], ruleSet: set).verdict
            return Outcome(
                name: testCase.name,
                label: testCase.label,
                side: verdict.side.rawValue,
                summary: verdict.summary,
                batch: try batch(of: testCase.name)
            )
        }
    }

    /// The `batch` number a case's `.json` records.
    static func batch(of name: String) throws -> Int {
        let url = ShippedRules.fixtures.appendingPathComponent("heldout/\(name).json")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        let batch = try #require(object?["batch"] as? Int, "\(name).json names no batch")
        return batch
    }

    /// The one-line figure: kernel cases found (and how many were called userspace or none), then
    /// right/total for userspace, hang and none.
    static func figure(_ outcomes: [Outcome]) -> String {
        func cases(_ label: String) -> [Outcome] { outcomes.filter { $0.label == label } }
        func right(_ label: String) -> Int { cases(label).filter { $0.side == label }.count }
        func percent(_ label: String) -> String {
            let total = cases(label).count
            return total == 0 ? "-" : "\(right(label) * 100 / total)%"
        }
        let kernel = cases("kernel")
        let missed = kernel.filter { $0.side == "userspace" || $0.side == "none" }.count
        return "held-out figure: kernel \(right("kernel"))/\(kernel.count) found (\(missed) called userspace or none), "
            + "userspace \(right("userspace"))/\(cases("userspace").count) right (\(percent("userspace"))), "
            + "hang \(right("hang"))/\(cases("hang").count) right, "
            + "none \(right("none"))/\(cases("none").count) right (\(percent("none")))"
    }

    @Test func heldOutSetIsLargeAndLabelled() throws {
        let cases = CorpusTests.cases(in: "heldout")
        #expect(cases.count >= 130)
        for label in ["kernel", "userspace", "hang", "none"] {
            #expect(cases.contains { $0.label == label }, "no \(label) case")
        }
    }

    /// Prints the figure over all cases and per batch, and every case that came out wrong, and
    /// checks docs/rules.md quotes each figure.
    @Test func figureIsTheOneTheDocsQuote() throws {
        let outcomes = try Self.outcomes()
        let batches = Set(outcomes.map(\.batch)).sorted()
        let lines =
            [Self.figure(outcomes)]
            + batches.map { batch in
                Self.figure(outcomes.filter { $0.batch == batch })
                    .replacingOccurrences(of: "held-out figure:", with: "held-out figure, batch \(batch):")
            }
        lines.forEach { print($0) }
        for outcome in outcomes where outcome.side != outcome.label {
            print(
                "  \(outcome.name) (batch \(outcome.batch)): labelled \(outcome.label), got \(outcome.side): \(outcome.summary.prefix(200))"
            )
        }
        let docs = ShippedRules.directory.deletingLastPathComponent().appendingPathComponent("docs/rules.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        for line in lines {
            #expect(text.contains(line), "docs/rules.md should quote: \(line)")
        }
    }
}
