import Foundation
import Testing

@testable import RocfaultCore

/// RCCL, rccl-tests and nccl-tests (Rules/73-rccl-nccl-tests.yaml): the harness and NCCL lines read the
/// same on NVIDIA GPUs, so a saved log counts them as AMD evidence only when it names an AMD GPU or
/// AMD's runtime stack, and as not-amd otherwise; the daemon, on its own AMD machine, always counts them.
@Suite struct CollectiveLibraryTests {
    /// The harness's failure, as rccl-tests printed it in ROCm/rccl-tests#50.
    static let failure =
        "sharbox-ultra: Test NCCL failure common.cu:1285 "
        + "'internal error - please report this issue to the NCCL developers'"
    static let trace = " .. sharbox-ultra pid 117738: Test failure common.cu:1161"

    static func check(_ lines: [String]) throws -> CheckResult {
        let text = lines.joined(separator: "\n") + "\n"
        return ShippedRules.check([("run.log", text)], ruleSet: try ShippedRules.load())
    }

    @Test(arguments: [
        "#   Rank  0 Pid 117738 on sharbox-ultra device  0 [0000:63:00.0] AMD Instinct MI210",
        "RCCL version 2.18.3+hip6.0",
        "node01:4021:4021 [0] NCCL INFO RCCL version : 2.30.4-HEAD:2b22ab0",
        "rccl-tests: Version develop:4c0ec73",
        "node01:4021:4021 [0] NCCL INFO /src/rccl/hipify/src/init.cc:1774 -> 3",
    ])
    func harnessFailureWithAnAMDContextIsUserspace(context: String) throws {
        let verdict = try Self.check([context, Self.failure, Self.trace]).verdict
        #expect(verdict.side == .userspace, "\(verdict.summary)")
        #expect(verdict.failureClass == .libraryError)
    }

    @Test(arguments: [
        "#  Rank  0 Group  0 Pid  20817 on   dgx-a100 device  0 [0x0f] NVIDIA A100-SXM4-80GB",
        "#  Rank  0 Group  0 Pid  20817 on   dgx-v100 device  0 [0x0f] Tesla V100-SXM2-16GB",
        "dgx-a100:20817:20817 [0] NCCL INFO NCCL version 2.21.5+cuda12.4",
    ])
    func harnessFailureWithACUDAOnlyContextIsNone(context: String) throws {
        let result = try Self.check([context, Self.failure, Self.trace])
        #expect(result.verdict.side == .none, "\(result.verdict.summary)")
        #expect(result.verdict.failureClass == .nvidia)
        let failure = result.incidents.flatMap(\.evidence).first { $0.ruleID == "nccltests.nccl-failure" }
        #expect(failure?.kind == .notAMD)
    }

    @Test func harnessFailureWithNoVendorNamedIsNoneAndSaysWhy() throws {
        let result = try Self.check([Self.failure, Self.trace])
        #expect(result.verdict.side == .none, "\(result.verdict.summary)")
        #expect(result.verdict.failureClass == .vendorUnknown)
        let failure = result.incidents.flatMap(\.evidence).first { $0.ruleID == "nccltests.nccl-failure" }
        #expect(failure?.note?.contains("no AMD GPU, ROCm or RCCL") == true, "\(String(describing: failure?.note))")
    }

    /// Lines printed alike by both vendors' stacks: each is userspace beside an AMD device list and
    /// none beside an NVIDIA one.
    @Test(arguments: [
        ("node01: Test CUDA failure common.cu:1003 'invalid device ordinal'", FailureClass.hipError),
        ("node01: Test timeout (60s) common.cu:412", .stall),
        ("# Out of bounds values : 3 FAILED", .libraryError),
        (
            "node01:4021:4100 [1] misc/socket.cc:484 NCCL WARN Call to connect failed : Connection refused",
            .libraryError
        ),
        (
            "torch.distributed.DistBackendError: NCCL error in: ../torch/csrc/distributed/c10d/ProcessGroupNCCL.cpp:1275, "
                + "internal error, NCCL version 2.15.5", .libraryError
        ),
    ])
    func sharedLinesFollowTheNamedVendor(line: String, failureClass: FailureClass) throws {
        let amd = try Self.check(["#   Rank  0 Pid 1 on n device  0 [0000:63:00.0] AMD Instinct MI300X", line]).verdict
        #expect(amd.side != .none && amd.side != .kernel, "\(amd.summary)")
        #expect(amd.failureClass == failureClass)
        let nvidia = try Self.check(["#  Rank  0 Group  0 Pid 1 on n device  0 [0x07] NVIDIA H100 80GB HBM3", line])
            .verdict
        #expect(nvidia.side == .none, "\(nvidia.summary)")
    }

    /// A line of AMD's runtime stack matched by another rule (a HIP error) names AMD for the input.
    @Test func aHIPErrorElsewhereInTheInputNamesAMD() throws {
        let verdict = try Self.check([
            "RuntimeError: HIP error: an illegal memory access was encountered", Self.failure,
        ])
        .verdict
        #expect(verdict.side == .userspace, "\(verdict.summary)")
        let named = IncidentClassifier(ruleSet: try ShippedRules.load())
            .namedVendors(in: try Self.check(["rccl-tests: Version develop:4c0ec73"]).incidents.flatMap(\.evidence))
        #expect(named == [.amd])
    }

    /// rccl-tests' own HIP lines name AMD by themselves.
    @Test func rcclTestsHIPFailureIsUserspaceAlone() throws {
        let verdict = try Self.check(["node01: Test HIP failure common.cu:512 'invalid device ordinal'"]).verdict
        #expect(verdict.side == .userspace, "\(verdict.summary)")
        #expect(verdict.failureClass == .hipError)
    }

    /// The daemon classifies lines of its own (AMD) machine: it names no vendors and reads none from
    /// an input, so an `amd-if-named` line keeps its kind there.
    @Test func theDaemonCountsSharedLinesOnItsOwnMachine() throws {
        let set = try ShippedRules.load()
        let record = LogRecord(
            text: Self.failure,
            origin: .userspace,
            format: .plain,
            location: SourceLocation(file: "journal", line: 1)
        )
        let item = Evidence(
            ruleID: "nccltests.nccl-failure",
            kind: .userspace,
            failureClass: .libraryError,
            lines: [EvidenceLine(record: record, ruleID: "nccltests.nccl-failure")],
            captures: [:]
        )
        let classifier = IncidentClassifier(ruleSet: set)
        #expect(classifier.tiedToVendor([item], named: [], fromInput: false).first?.kind == .userspace)
        let saved = classifier.tiedToVendor([item], named: [], fromInput: true).first
        #expect(saved?.kind == .notAMD && saved?.failureClass == .vendorUnknown)
        #expect(classifier.tiedToVendor([item], named: [.amd], fromInput: true).first?.kind == .userspace)
        #expect(classifier.tiedToVendor([item], named: [.nvidia], fromInput: true).first?.failureClass == .nvidia)
    }

    /// A matched line names AMD by HIP, HSA or RCCL names, not by the word ROCm, which ggml prints when
    /// it finds no AMD GPU at all.
    @Test(arguments: [
        ("hipErrorNoBinaryForGpu: Unable to find code object for all current devices!", true),
        ("Call returned HSA_STATUS_ERROR_OUT_OF_RESOURCES", true),
        ("ggml_cuda_init: failed to initialize ROCm: no ROCm-capable device is detected", false),
    ])
    func stackNamesInAMatchedLineNameAMD(text: String, namesAMD: Bool) throws {
        let record = LogRecord(
            text: text,
            origin: .userspace,
            format: .plain,
            location: SourceLocation(file: "t", line: 1)
        )
        let item = Evidence(
            ruleID: "test.any-line",
            kind: .userspace,
            failureClass: .hipError,
            lines: [EvidenceLine(record: record, ruleID: "test.any-line")],
            captures: [:]
        )
        let named = IncidentClassifier(ruleSet: try ShippedRules.load()).namedVendors(in: [item])
        #expect(named == (namesAMD ? [.amd] : []))
    }

    @Test func teslaNamesNVIDIA() {
        #expect(GPUVendor(naming: "Tesla V100-SXM2-16GB") == .nvidia)
    }
}
