/// Failures of a job on AMD's GPU stack that no rule names: a saved log that shows ROCm, HIP or a
/// Radeon device at work, and ends in a crash, an exception or a build error.
extension IncidentClassifier {
    /// Words that name AMD's GPU stack in a matched line, besides an `amd_stack` capture: the
    /// ``amdStackWords`` other than the driver's own names, whose boot lines appear on every machine
    /// with a Radeon display, whatever the job ran on.
    static let amdGPUStackWords = amdStackWords.filter { !["amdgpu", "amdkfd"].contains($0) }

    /// Context classes that report the job failing (a crash, an exception, a failed build or
    /// library call) rather than describing the machine or a phase of the job.
    static let jobFailureClasses: Set<FailureClass> = [
        .crashRecord, .frameworkError, .libraryError, .compileError, .hipError, .runtimeAbort, .abort,
        .stoppedInStack, .codeObject, .outOfMemory, .queueError,
    ]

    /// Whether the evidence shows AMD's GPU stack at work: an `amd_stack` capture (ROCm paths and
    /// versions, HIP, a gfx target, a Radeon or Instinct device in a program's output), a program's
    /// line of a `gpu-vendor: amd` rule (ggml's ROCm device list, RCCL's version), a program's line
    /// naming an AMD GPU as the device it uses, or one of ``amdGPUStackWords``.
    package func namesAMDGPUStack(in evidence: [Evidence]) -> Bool {
        evidence.contains { item in
            if item.captures["amd_stack"] != nil { return true }
            if let rule = ruleSet.rule(id: item.ruleID), rule.origin != .kernel {
                if rule.gpuVendor == .amd { return true }
                // A program naming the AMD GPU it runs on (gamescope's Vulkan device, a ZLUDA check).
                if item.captures["gpu_name"].flatMap(GPUVendor.init(naming:)) == .amd { return true }
            }
            return item.lines.contains { line in Self.amdGPUStackWords.contains { line.text.contains($0) } }
        }
    }

    /// In a saved input that shows AMD's GPU stack at work and names no other vendor's GPU, context
    /// lines that report the job failing count as a userspace failure when nothing else decides the
    /// incident: the job ran on that stack and died in userspace, with no GPU failure line to name
    /// the part. A crash record then reads as a crash of a GPU process. Lines demoted by another
    /// rule (a package install error) stay context.
    func promotedOnAMDGPUStack(_ evidence: [Evidence], context: IncidentContext) -> [Evidence] {
        guard context.vendorsReadFromInput, context.namesAMDGPUStack,
            context.namedGPUVendors.isSubset(of: [.amd]),
            !evidence.contains(where: { $0.kind.decidesSide != nil })
        else { return evidence }
        return evidence.map { item in
            guard item.kind == .context, item.note == nil, ruleSet.rule(id: item.ruleID)?.kind == .context,
                Self.jobFailureClasses.contains(item.failureClass)
            else { return item }
            var changed = item
            changed.kind = .userspace
            if changed.failureClass == .crashRecord { changed.failureClass = .abort }
            changed.note =
                "counted as a userspace failure: the input shows AMD's GPU stack at work and no other "
                + "vendor's GPU, and this line reports the job failing"
            return changed
        }
    }
}
