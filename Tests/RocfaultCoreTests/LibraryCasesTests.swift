import Foundation
import Testing

@testable import RocfaultCore

/// Real pastes of ROCm library and framework failures (`Fixtures/libraries`): each gets its side and
/// the class its rule gives (a missing Tensile kernel, hipBLAS statuses, RCCL warnings, JIT builds).
@Suite struct LibraryCasesTests {
    static let cases = CorpusTests.cases(in: "libraries")

    static func check(_ name: String) throws -> CheckResult {
        let url = ShippedRules.fixtures.appendingPathComponent("libraries/\(name).log")
        let text = try String(contentsOf: url, encoding: .utf8)
        return ShippedRules.check([(name + ".log", text)], ruleSet: try ShippedRules.load())
    }

    @Test func casesArePresent() {
        #expect(Self.cases.count >= 10)
        #expect(Self.cases.contains { $0.name == "rccl-tests-50" })
    }

    @Test(arguments: cases)
    func caseGetsItsLabel(_ testCase: CorpusTests.Case) throws {
        let result = try Self.check(testCase.name)
        #expect(result.verdict.side.rawValue == testCase.label, "\(result.verdict.summary)")
    }

    @Test(arguments: [
        ("rocBLAS-1457", FailureClass.codeObject),
        ("aiter-257", .compileError),
        ("rocm-libraries-3550", .libraryError),
        ("rccl-tests-120", .libraryError),
        ("rccl-tests-50", .libraryError),
        ("sglang-2384", .compileError),
        ("MIOpen-1674", .codeObject),
        ("nvidia-container-toolkit-191", .otherGPU),
        ("ROCm-1880", .outOfMemory),
        ("ROCm-4625", .codeObject),
    ])
    func caseGetsItsClass(_ name: String, _ failureClass: FailureClass) throws {
        let verdict = try Self.check(name).verdict
        #expect(verdict.failureClass == failureClass, "\(verdict.summary)")
    }

    @Test func compileErrorsHaveTheirOwnWords() {
        #expect(FailureClass.compileError.phrase.contains("compile"))
        #expect(FailureClass.compileError.guidance.firstStep.contains("cache"))
    }
}
