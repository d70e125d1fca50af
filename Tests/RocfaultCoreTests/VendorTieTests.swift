import Foundation
import Testing

@testable import RocfaultCore

/// Evidence is tied to the GPU vendor the log names: another vendor's wedge, hang or device loss is
/// not an AMD failure (issue 10's misses: Intel's xe wedge came out kernel, a Vulkan device loss on
/// an Intel iGPU came out userspace).
@Suite struct VendorTieTests {
    @Test(arguments: [
        ("Intel(R) UHD Graphics 620 (KBL GT2) (Intel open-source Mesa driver)", GPUVendor.intel),
        ("AMD Radeon PRO V620 (RADV NAVI21) (radv)", .amd),
        ("Advanced Micro Devices, Inc. [AMD/ATI] Rembrandt [Radeon 680M] [1002:1681] (rev c8)", .amd),
        ("Intel Corporation HD Graphics 6000 (rev 09)", .intel),
        ("NVIDIA GeForce RTX 3090", .nvidia),
        ("Radeon 8060S Graphics (RADV GFX1151)", .amd),
        ("gfx1151", .amd),
        ("xe", .intel),
        ("i915", .intel),
        ("nouveau", .nvidia),
        ("radv/amdgpu", .amd),
    ])
    func namesTheVendor(_ text: String, _ vendor: GPUVendor) {
        #expect(GPUVendor(naming: text) == vendor)
    }

    @Test(arguments: ["Corporation", "Graphics", "llvmpipe (LLVM 17.0.6, 256 bits)", "", "Vulkan0"])
    func namesNoVendorWithoutAVendorWord(_ text: String) {
        #expect(GPUVendor(naming: text) == nil)
    }

    static let cases = CorpusTests.cases(in: "vendor")

    @Test func realCasesArePresent() {
        #expect(Self.cases.count >= 4)
        #expect(Self.cases.contains { $0.label == "none" } && Self.cases.contains { $0.label == "userspace" })
    }

    /// Real pastes: an xe wedge and an Intel Vulkan device loss are none; a device loss with an AMD GPU
    /// listed stays userspace.
    @Test(arguments: cases)
    func realCaseGetsItsLabel(_ testCase: CorpusTests.Case) throws {
        let url = ShippedRules.fixtures.appendingPathComponent("vendor/\(testCase.name).log")
        let text = try String(contentsOf: url, encoding: .utf8)
        let result = ShippedRules.check([(testCase.name + ".log", text)], ruleSet: try ShippedRules.load())
        #expect(result.verdict.side.rawValue == testCase.label, "\(result.verdict.summary)")
    }

    @Test func intelVulkanDeviceLossSaysWhoseGPUItWas() throws {
        let url = ShippedRules.fixtures.appendingPathComponent("vendor/llama.cpp-13248.log")
        let text = try String(contentsOf: url, encoding: .utf8)
        let result = ShippedRules.check([("l.log", text)], ruleSet: try ShippedRules.load())
        #expect(result.verdict.failureClass == .otherGPU)
        let lost = result.incidents.flatMap(\.evidence).first { $0.ruleID == "vulkan.device-lost" }
        #expect(lost?.kind == .notAMD)
        #expect(lost?.note?.contains("Intel") == true, "\(String(describing: lost?.note))")
    }

    /// The engine logic on its own rules: a kernel line without the amdgpu name (a bare DRM core line)
    /// and a `gpu-vendor: any` line are not AMD evidence when the input names only an Intel GPU, and
    /// keep their kind when it names an AMD GPU too or no GPU at all.
    static let ruleText = """
        rules:
          - id: test.bare-drm-error
            description: A DRM core error without a driver name.
            kind: kernel
            class: driver-error
            origin: kernel
            literals: ["[drm] *ERROR* "]
            pattern: '\\[drm\\] \\*ERROR\\* (?<detail>.+)'
            examples:
              match: ['[drm] *ERROR* flip_done timed out']
              no-match: ['[drm] initialized']
          - id: test.neutral-loss
            description: A status every vendor prints.
            kind: userspace
            class: device-lost
            gpu-vendor: any
            literals: ["ErrorDeviceLost"]
            pattern: 'ErrorDeviceLost'
            examples:
              match: ['vk::Queue::submit: ErrorDeviceLost']
              no-match: ['VK_SUCCESS']
          - id: test.device
            description: A device list line.
            kind: benign
            class: benign
            literals: ["device: "]
            pattern: 'device: (?<gpu_name>.+)'
            examples:
              match: ['device: Intel(R) Graphics']
              no-match: ['devices']
        """

    @Test(arguments: [
        ("device: Intel(R) Arc(tm) A770 Graphics (DG2)", "none"),
        ("device: AMD Radeon RX 7900 XTX (RADV NAVI31)", "kernel"),
        ("", "kernel"),
    ])
    func genericLinesCountOnlyWithoutOtherVendorsAlone(_ deviceLine: String, _ side: String) throws {
        let set = try RuleSet.load(files: [("t.yaml", Self.ruleText)])
        let text = "\(deviceLine)\n[drm] *ERROR* flip_done timed out\nvk::Queue::submit: ErrorDeviceLost\n"
        let result = ShippedRules.check([("t.log", text)], ruleSet: set)
        #expect(result.verdict.side.rawValue == side, "\(result.verdict.summary)")
    }

    /// Userspace evidence of one plain line of `rule`, as the engine would assemble it.
    static func evidence(
        _ text: String,
        rule: String,
        failureClass: FailureClass,
        kind: EvidenceKind = .userspace,
        captures: [String: String] = [:]
    ) -> Evidence {
        let record = LogRecord(
            text: text,
            origin: .unknown,
            format: .plain,
            location: SourceLocation(file: "t", line: 1)
        )
        return Evidence(
            ruleID: rule,
            kind: kind,
            failureClass: failureClass,
            lines: [EvidenceLine(record: record, ruleID: rule)],
            captures: captures
        )
    }

    @Test func aLineAboutAnotherVendorsDeviceIsNotAMDEvenBesideAnAMDGPU() throws {
        let set = try RuleSet.load(files: [("t.yaml", Self.ruleText)])
        let classifier = IncidentClassifier(ruleSet: set)
        let own = Self.evidence(
            "xe 0000:00:02.0: lost",
            rule: "test.neutral-loss",
            failureClass: .deviceLost,
            captures: ["driver": "xe"]
        )
        let tied = classifier.tiedToVendor([own], named: [.amd, .intel])
        #expect(tied.first?.kind == .notAMD)
        #expect(tied.first?.failureClass == .otherGPU)
        #expect(tied.first?.note?.contains("an Intel GPU") == true)
    }

    /// A line CUDA and HIP builds print alike (`gpu-vendor: amd-if-named`, ggml's `CUDA error`) is AMD
    /// evidence in a pasted log only when the input names an AMD GPU and no NVIDIA one.
    static let sharedWordingRules = """
        rules:
          - id: test.cuda-worded
            description: A line CUDA and HIP builds print alike.
            kind: userspace
            class: hip-error
            gpu-vendor: amd-if-named
            literals: ["CUDA error: "]
            pattern: 'CUDA error: (?<reason>.+)'
            examples:
              match: ['CUDA error: invalid device function']
              no-match: ['ROCm error: invalid device function']
          - id: test.device
            description: A device list line.
            kind: benign
            class: benign
            literals: ["device: "]
            pattern: 'device: (?<gpu_name>.+)'
            examples:
              match: ['device: AMD Radeon RX 7900 XTX']
              no-match: ['devices']
        """

    @Test(arguments: [
        ("device: AMD Radeon RX 7900 XTX", "userspace"),
        ("device: gfx1151", "userspace"),
        ("device: NVIDIA GeForce RTX 4090", "none"),
        ("", "none"),
        ("device: AMD Radeon Graphics\ndevice: NVIDIA GeForce RTX 3090", "none"),
    ])
    func sharedWordingCountsOnlyWithAnAMDGPUNamed(_ deviceLines: String, _ side: String) throws {
        let set = try RuleSet.load(files: [("t.yaml", Self.sharedWordingRules)])
        let text = "\(deviceLines)\nCUDA error: invalid device function\n"
        let result = ShippedRules.check([("t.log", text)], ruleSet: set)
        #expect(result.verdict.side.rawValue == side, "\(result.verdict.summary)")
        if side == "none" {
            let line = result.incidents.flatMap(\.evidence).first { $0.ruleID == "test.cuda-worded" }
            #expect(line?.kind == .notAMD)
            #expect(line?.note?.contains("CUDA and HIP builds") == true, "\(String(describing: line?.note))")
        }
    }

    /// The daemon classifies on the machine itself (no vendors from an input): the line keeps its kind.
    @Test func sharedWordingKeepsItsKindOutsideAPastedLog() throws {
        let set = try RuleSet.load(files: [("t.yaml", Self.sharedWordingRules)])
        let classifier = IncidentClassifier(ruleSet: set)
        let item = Self.evidence(
            "CUDA error: invalid device function",
            rule: "test.cuda-worded",
            failureClass: .hipError
        )
        #expect(classifier.tiedToVendor([item], named: [], fromInput: false).first?.kind == .userspace)
        #expect(classifier.tiedToVendor([item], named: [], fromInput: true).first?.failureClass == .vendorUnknown)
        #expect(classifier.tiedToVendor([item], named: [.nvidia], fromInput: true).first?.failureClass == .nvidia)
        #expect(classifier.tiedToVendor([item], named: [.amd], fromInput: true).first?.kind == .userspace)
    }

    /// ggml's CUDA-worded failure lines with the shipped rules: a HIP build's device list makes them
    /// AMD userspace evidence; an NVIDIA device list or none leaves the input `none`.
    @Test(arguments: [
        (
            "ggml_init_cublas: found 1 ROCm devices:\n  Device 0: AMD Radeon RX 7900 XTX, compute capability 11.0",
            "userspace"
        ),
        ("/usr/lib/ollama/rocm/libggml-hip.so(+0x1bd1c2)[0x7dd6c2dbd1c2]", "userspace"),
        ("ggml_cuda_init: found 1 CUDA devices:\n  Device 0: NVIDIA GeForce RTX 4090, compute capability 8.9", "none"),
        ("", "none"),
    ])
    func ggmlCUDAWordedErrorsNeedAnAMDDevice(_ deviceLines: String, _ side: String) throws {
        let text = """
            \(deviceLines)
            CUDA error: unspecified launch failure
              current device: 0, in function ggml_backend_cuda_synchronize at /src/ggml/src/ggml-cuda/ggml-cuda.cu:2427
            /src/ggml/src/ggml-cuda/ggml-cuda.cu:88: CUDA error
            ggml_backend_cuda_buffer_type_alloc_buffer: allocating 4096.00 MiB on device 0: cudaMalloc failed: out of memory

            """
        let result = ShippedRules.check([("t.log", text)], ruleSet: try ShippedRules.load())
        #expect(result.verdict.side.rawValue == side, "\(result.verdict.summary)")
    }

    /// ggml's CUDA_CHECK prints the failed statement after the error; a HIP build prints it with its
    /// HIP name, which names AMD's runtime even with no device list. The CUDA-named statement of a
    /// CUDA build names nothing, and the verdict then says the failure was not shown to be AMD's
    /// rather than that it was not AMD's.
    @Test(arguments: [
        ("  hipMalloc((void **) &ptr, look_ahead_size)", "userspace"),
        ("  cudaMalloc((void **) &ptr, look_ahead_size)", "none"),
    ])
    func ggmlFailedStatementNamesTheRuntime(_ statement: String, _ side: String) throws {
        let text = """
            CUDA error: out of memory
              current device: 0, in function alloc at /src/llama.cpp/ggml-cuda.cu:233
            \(statement)
            GGML_ASSERT: /src/llama.cpp/ggml-cuda.cu:60: !"CUDA error"

            """
        let verdict = ShippedRules.check([("t.log", text)], ruleSet: try ShippedRules.load()).verdict
        #expect(verdict.side.rawValue == side, "\(verdict.summary)")
        if side == "none" {
            #expect(verdict.failureClass == .vendorUnknown)
            #expect(verdict.summary.hasPrefix("Not shown to be an AMD GPU failure:"), "\(verdict.summary)")
        }
    }

    /// A device loss that names its device (`device lost on VulkanN`, newer ggml-vulkan) is tied to
    /// the vendor the device list gives that index, even with both vendors listed. Composed from real
    /// lines: the two-device list of ggml-org/llama.cpp#18203 (Intel Arc B50 and AMD V620), the
    /// `ggml_vulkan: device lost on Vulkan0` line of #27076 with the index set, and the
    /// `vk::Queue::submit: ErrorDeviceLost` that follows it there (no public log was found with both).
    static func mixedDeviceLoss(index: Int) -> String {
        """
        ggml_vulkan: Found 2 Vulkan devices:
        ggml_vulkan: 0 = Intel(R) Graphics (BMG G21) (Intel open-source Mesa driver) | uma: 0 | fp16: 1 | bf16: 0 | warp size: 32 | shared memory: 131072 | int dot: 1 | matrix cores: KHR_coopmat
        ggml_vulkan: 1 = AMD Radeon PRO V620 (RADV NAVI21) (radv) | uma: 0 | fp16: 1 | bf16: 0 | warp size: 32 | shared memory: 65536 | int dot: 1 | matrix cores: none
        ggml_vulkan: device lost on Vulkan\(index)
        vk::Queue::submit: ErrorDeviceLost

        """
    }

    @Test(arguments: [(0, "none", FailureClass.otherGPU), (1, "userspace", .deviceLost)])
    func aDeviceLossIsTiedToTheVendorOfTheDeviceItNames(
        _ index: Int,
        _ side: String,
        _ failureClass: FailureClass
    ) throws {
        let text = Self.mixedDeviceLoss(index: index)
        let result = ShippedRules.check([("mixed.log", text)], ruleSet: try ShippedRules.load())
        #expect(result.verdict.side.rawValue == side, "\(result.verdict.summary)")
        #expect(result.verdict.failureClass == failureClass)
        let lost = result.incidents.flatMap(\.evidence).filter { $0.ruleID == "vulkan.device-lost" }
        #expect(!lost.isEmpty)
        if index == 0 {
            #expect(lost.allSatisfy { $0.kind == .notAMD }, "the unnumbered ErrorDeviceLost beside it too")
            #expect(lost.contains { $0.note?.contains("device 0, an Intel GPU") == true }, "\(lost.map(\.note))")
        }
    }

    /// Without a number, a loss beside both vendors' devices stays undecided between them (userspace),
    /// and a number no list gives ties nothing.
    @Test func aLossThatNamesNoListedDeviceKeepsItsKind() throws {
        let set = try ShippedRules.load()
        let unnumbered = Self.mixedDeviceLoss(index: 0).replacingOccurrences(
            of: "ggml_vulkan: device lost on Vulkan0\n",
            with: ""
        )
        #expect(ShippedRules.check([("a.log", unnumbered)], ruleSet: set).verdict.side == .userspace)
        let unlisted = Self.mixedDeviceLoss(index: 5)
        #expect(ShippedRules.check([("b.log", unlisted)], ruleSet: set).verdict.side == .userspace)
    }

    /// Vulkan's device lost comes from every vendor's driver: with no GPU named it is not shown to be
    /// AMD's (it used to read "the Vulkan driver (Mesa RADV) lost the device"), beside an NVIDIA card
    /// in a pasted list it is NVIDIA's, and a RADV line makes it AMD's. Lines of the Sober reports
    /// (vinegarhq/sober#2190 on an RTX 3060 Ti, #1880 on RADV).
    @Test func aDeviceLossCountsAsAMDsOnlyWithAMDNamed() throws {
        let set = try ShippedRules.load()
        let lost =
            "VULKAN ERROR: vkWaitForFences(device, 1, &fence, VK_TRUE, UINT64_MAX) returned -4 (VK_ERROR_DEVICE_LOST)\n"
        let bare = ShippedRules.check([("bare.log", lost)], ruleSet: set).verdict
        #expect(bare.side == .none && bare.failureClass == .vendorUnknown, "\(bare.summary)")
        #expect(bare.summary.hasPrefix("Not shown to be an AMD GPU failure:"), "\(bare.summary)")
        let nvidia = "GPU models and configuration: GPU 0: NVIDIA GeForce RTX 3060 Ti\n"
        let onNVIDIA = ShippedRules.check([("nvidia.log", nvidia + lost)], ruleSet: set).verdict
        #expect(onNVIDIA.side == .none && onNVIDIA.failureClass == .nvidia, "\(onNVIDIA.summary)")
        let radv = "radv/amdgpu: Failed to query the last GPUVM fault (-9).\n"
        let onRADV = ShippedRules.check([("radv.log", lost + radv)], ruleSet: set).verdict
        #expect(onRADV.side == .userspace && onRADV.failureClass == .deviceLost, "\(onRADV.summary)")
        #expect(onRADV.summary.contains("AMD's Vulkan driver"), "\(onRADV.summary)")
    }

    /// RADV prints the GPUVM fault it read back from the kernel with Mesa's own decoder, whose status
    /// line differs from the kernel's only by a space after the colon: such a block is RADV's report
    /// (userspace), while the kernel's padded status line still reads as the driver's page fault.
    /// Lines of ValveSoftware/Proton#9595.
    @Test func radvsCopyOfAGPUVMFaultIsNotTheKernelsLog() throws {
        let set = try ShippedRules.load()
        let radv = """
            radv/amdgpu: The CS has been cancelled because the context is lost. This context is innocent.
            radv: GPUVM fault detected at address 0x00000000.
            GCVM_L2_PROTECTION_FAULT_STATUS: 0x601431
            \t CLIENT_ID: (SQC (data)) 0xa
            \t MORE_FAULTS: 1

            """
        let fromRADV = ShippedRules.check([("radv.log", radv)], ruleSet: set).verdict
        #expect(fromRADV.side == .userspace && fromRADV.failureClass == .deviceLost, "\(fromRADV.summary)")
        let kernel = "amdgpu 0000:03:00.0: amdgpu: GCVM_L2_PROTECTION_FAULT_STATUS:0x00601431\n"
        let fromKernel = ShippedRules.check([("kernel.log", kernel)], ruleSet: set).verdict
        #expect(fromKernel.side == .kernel && fromKernel.failureClass == .pageFault, "\(fromKernel.summary)")
    }

    @Test func deviceReferencesAreTheIndexCaptures() {
        let references = GPUDeviceReference.references(in: [
            "vulkan_device": "Vulkan12", "device": "3", "gpu_name": "AMD 7", "x_device": "none",
        ])
        #expect(
            references == [
                GPUDeviceReference(capture: "device", index: 3),
                GPUDeviceReference(capture: "vulkan_device", index: 12),
            ]
        )
    }

    @Test func anIndexListedWithTwoVendorsIsLeftOut() throws {
        let classifier = IncidentClassifier(ruleSet: try ShippedRules.load())
        func listed(_ name: String) -> Evidence {
            Self.evidence(
                name,
                rule: "ggml.vulkan-device",
                failureClass: .benign,
                kind: .benign,
                captures: ["vulkan_device": "0", "gpu_name": name]
            )
        }
        let one = classifier.listedDevices(in: [listed("AMD Radeon RX 7900 XTX"), listed("AMD Radeon RX 7900 XTX")])
        #expect(one == [GPUDeviceReference(capture: "vulkan_device", index: 0): .amd])
        #expect(
            classifier.listedDevices(in: [listed("AMD Radeon RX 7900 XTX"), listed("Intel(R) Arc(tm) A770")]).isEmpty
        )
    }
}
