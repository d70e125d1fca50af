import Foundation
import Testing

@testable import RocfaultCore

/// A line every vendor's software prints alike counts as AMD's only where the input names AMD. When
/// the input names no GPU maker at all, the machine's GPUs as the user states them (`check --gpu`)
/// or as this machine's sysfs lists them decide, and the verdict says it rests on that.
@Suite struct StatedGPUVendorTests {
    /// torch-directml's out-of-memory line from a Fooocus paste (held-out Fooocus-1115), which
    /// names no GPU.
    static let directMLOutOfMemory = """
        ERROR diffusion_model.output_blocks.1.1.transformer_blocks.2.ff.net.0.proj.weight Could not allocate tensor with 52428800 bytes. There is not enough GPU video memory available!
        Traceback (most recent call last):
          File "D:\\AITOOLbusiness\\Tool\\Fooocus\\modules\\async_worker.py", line 803, in worker
            handler(task)

        """

    private func check(_ text: String, stated: Set<GPUVendor>) throws -> CheckResult {
        ShippedRules.check([("paste.log", text)], ruleSet: try ShippedRules.load(), machineGPUVendors: stated)
    }

    @Test func withoutAStatedGPUTheLineIsNotShownToBeAMDs() throws {
        let result = try check(Self.directMLOutOfMemory, stated: [])
        #expect(result.verdict.side == .none)
        #expect(result.verdict.summary.hasPrefix("Not shown to be an AMD GPU failure"), "\(result.verdict.summary)")
    }

    @Test func aStatedAMDGPUMakesItAUserspaceFailureAndSaysWhy() throws {
        let result = try check(Self.directMLOutOfMemory, stated: [.amd])
        #expect(result.verdict.side == .userspace)
        #expect(result.verdict.failureClass == .outOfMemory)
        #expect(result.verdict.summary.contains("the machine's GPUs were given as AMD's"), "\(result.verdict.summary)")
        let line = result.incidents.flatMap(\.evidence).first { $0.ruleID == "directml.out-of-memory" }
        #expect(line?.note == IncidentClassifier.statedVendorNote)
    }

    @Test func aStatedNVIDIAGPUKeepsItNoneAndSaysItWasGiven() throws {
        let result = try check(Self.directMLOutOfMemory, stated: [.nvidia])
        #expect(result.verdict.side == .none)
        #expect(result.verdict.failureClass == .nvidia)
        let summary = result.verdict.summary
        let sentence = "The input names no GPU maker; the machine's GPUs were given as NVIDIA's."
        #expect(summary.contains(sentence), "\(summary)")
    }

    /// A machine with GPUs of two makers (a Ryzen laptop with an RTX card, say) decides nothing:
    /// the line stays as undecided as without the statement.
    @Test func twoStatedMakersDecideNothing() throws {
        let result = try check(Self.directMLOutOfMemory, stated: [.amd, .nvidia])
        let unstated = try check(Self.directMLOutOfMemory, stated: [])
        #expect(result.verdict.side == unstated.verdict.side)
        #expect(result.verdict.failureClass == unstated.verdict.failureClass)
        #expect(result.verdict.summary == unstated.verdict.summary)
    }

    /// A Vulkan status every vendor's driver returns (`gpu-vendor: any`) counts for AMD with or
    /// without the statement, so the verdict does not claim the statement decided it.
    @Test func aLineTheStatementDidNotDecideCarriesNoNote() throws {
        let text = "vk::PhysicalDevice::createDevice: ErrorExtensionNotPresent\n"
        let stated = try check(text, stated: [.amd])
        let unstated = try check(text, stated: [])
        #expect(stated.verdict.side == .userspace)
        #expect(stated.verdict.summary == unstated.verdict.summary)
        #expect(stated.incidents.flatMap(\.evidence).allSatisfy { $0.note != IncidentClassifier.statedVendorNote })
    }

    /// The input's own device list outranks what was stated: a ggml Vulkan list naming only an
    /// NVIDIA card keeps a vendor-neutral allocation failure off AMD's account.
    @Test func aGPUTheInputNamesOutranksTheStatedOne() throws {
        let text =
            "ggml_vulkan: 0 = NVIDIA GeForce RTX 4060 Ti (NVIDIA) | uma: 0 | fp16: 1 | warp size: 32\n"
            + Self.directMLOutOfMemory
        let result = try check(text, stated: [.amd])
        #expect(result.verdict.side == .none, "\(result.verdict.summary)")
        let line = result.incidents.flatMap(\.evidence).first { $0.ruleID == "directml.out-of-memory" }
        #expect(line?.note != IncidentClassifier.statedVendorNote)
    }

    @Test(arguments: [(UInt16(0x1002), GPUVendor?.some(.amd)), (0x8086, .intel), (0x10de, .nvidia), (0x1af4, nil)])
    func aPCIVendorIDNamesItsMaker(_ id: UInt16, _ vendor: GPUVendor?) {
        #expect(GPUVendor(pciVendorID: id) == vendor)
    }
}
