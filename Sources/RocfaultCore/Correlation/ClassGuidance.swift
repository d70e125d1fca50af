/// What a failure class means, what to do about it first, and whether a bug report comes next.
///
/// The one table of verdict words: ``VerdictSummary`` builds every verdict's paragraph from it, and
/// the CLI and the report bundle read ``reporting`` to decide whether to send people to a tracker.
package struct ClassGuidance: Sendable, Hashable {
    /// What the class means, in a sentence or two.
    package var meaning: String
    /// The first thing to do about it.
    package var firstStep: String
    /// What comes after the first step.
    package var reporting: Reporting
    /// For a userspace class whose event the kernel normally logs too: what a silent kernel log means.
    package var silentKernelNote: String?

    /// Whether a failure of a class is worth a bug report once the first step is done.
    package enum Reporting: String, Sendable, Hashable, Codable {
        /// A bug report to the project that owns the failing layer.
        case bugReport = "bug-report"
        /// A limit, a setting or packaging: fix that, no bug report.
        case settings
        /// Hardware first: the board's vendor, not a software tracker.
        case hardware
        /// Not an AMD GPU failure: nothing for the AMD GPU trackers.
        case elsewhere
    }

    /// Creates guidance.
    package init(meaning: String, firstStep: String, reporting: Reporting, silentKernelNote: String? = nil) {
        self.meaning = meaning
        self.firstStep = firstStep
        self.reporting = reporting
        self.silentKernelNote = silentKernelNote
    }
}

extension FailureClass {
    /// What this class means and what to do first.
    package var guidance: ClassGuidance {
        ClassGuidance.kernelClasses[self] ?? ClassGuidance.userspaceClasses[self] ?? ClassGuidance.otherClasses[self]
            ?? ClassGuidance.unlisted
    }
}

extension ClassGuidance {
    /// The fallback for a class missing from the tables (a test asserts none is).
    static let unlisted = ClassGuidance(
        meaning: "rocfault has no description of this class.",
        firstStep: "Read the deciding lines.",
        reporting: .bugReport
    )

    /// The driver's and the firmware's classes: the kernel saw the GPU fail.
    static let kernelClasses: [FailureClass: ClassGuidance] = [
        .pageFault: ClassGuidance(
            meaning: "The GPU's memory hub stopped an access to a GPU virtual address that was not mapped or not "
                + "allowed, and the amdgpu driver logged it.",
            firstStep: "Find out whose access it was. The GPU code that touched the address (the application's or "
                + "a library's kernel: an out-of-bounds index, a freed buffer, a wrong HSA_OVERRIDE_GFX_VERSION) is "
                + "as likely as the amdgpu driver or the firmware (wrong mappings, queue state). A TCP or SQC client "
                + "with a user vmid means a shader's own access; CPC, CPF, SDMA or vmid 0 points at the driver or "
                + "firmware. Rerun with AMD_SERIALIZE_KERNEL=3 to find the kernel that faulted, and try another "
                + "kernel or linux-firmware to rule the driver in or out.",
            reporting: .bugReport
        ),
        .ringTimeout: ClassGuidance(
            meaning: "A GPU job did not finish within the driver's lockup timeout, so the driver declared the ring "
                + "hung (and normally resets it).",
            firstStep: "Note the kernel version, the firmware versions (MES included: `sudo cat "
                + "/sys/kernel/debug/dri/*/amdgpu_firmware_info`) and linux-firmware, and update them first. Linux "
                + "7.x gives compute jobs 2 s, so a long but healthy kernel can trip it: try "
                + "`amdgpu.lockup_timeout=10000` or smaller batches.",
            reporting: .bugReport
        ),
        .gpuReset: ClassGuidance(
            meaning: "The driver reset the GPU or one of its rings; every process on it lost its work. A reset is "
                + "a consequence: a ring timeout, a MES failure or a fault before it started it.",
            firstStep: "Find what started the reset earlier in the kernel log, and note the kernel, firmware (MES) "
                + "and linux-firmware versions; updating them is the first thing to try.",
            reporting: .bugReport
        ),
        .mesHang: ClassGuidance(
            meaning: "The MES firmware, which schedules the GPU's queues, stopped answering the driver.",
            firstStep: "Check the MES firmware version (`amdgpu_firmware_info` in debugfs) against the known bad "
                + "ones, update linux-firmware, remove a leftover amdgpu-dkms-firmware, and note the kernel version.",
            reporting: .bugReport
        ),
        .hwsHang: ClassGuidance(
            meaning: "The hardware scheduler (HWS) failed to preempt or unmap compute queues for amdkfd.",
            firstStep: "Note the kernel and firmware (MEC, MES) versions and try newer ones; "
                + "`amdgpu.cwsr_enable=0` is an A/B test on kernels before 6.18.",
            reporting: .bugReport
        ),
        .rasError: ClassGuidance(
            meaning: "The GPU's RAS logic reported an uncorrectable hardware error (ECC in memory or on-chip SRAM).",
            firstStep: "Treat it as hardware first: read the RAS error counters "
                + "(/sys/class/drm/card*/device/ras/*_err_count), see whether it repeats at the same place, and ask "
                + "the board's vendor (warranty, RMA) if it does; a software change does not repair failing memory.",
            reporting: .hardware
        ),
        .smuError: ClassGuidance(
            meaning: "The SMU, the GPU's power-management firmware, failed to answer or to apply a setting.",
            firstStep: "Undo any power or clock tuning, note the SMU firmware, kernel and BIOS versions, and update "
                + "linux-firmware and the BIOS.",
            reporting: .bugReport
        ),
        .driverError: ClassGuidance(
            meaning: "The amdgpu or amdkfd driver reported that an operation on the GPU failed (a buffer, a queue, "
                + "an IP block, the display or video engine); what broke is in the line itself.",
            firstStep: "Look up the line with `rocfault explain`, note the kernel, firmware and GPU, and check "
                + "whether a newer kernel and linux-firmware fix it.",
            reporting: .bugReport
        ),
        .firmwareInit: ClassGuidance(
            meaning: "The driver could not load a firmware image or bring up a block of the GPU, so the GPU is "
                + "partly or wholly unusable.",
            firstStep: "Check that linux-firmware holds the files this GPU needs (and the initramfs carries them), "
                + "that the kernel is new enough for the GPU, and that no leftover amdgpu-dkms firmware shadows them.",
            reporting: .bugReport
        ),
        .shaderInterrupt: ClassGuidance(
            meaning: "A shader wave raised an error interrupt (a trap, an illegal instruction or a memory "
                + "violation); weak evidence on its own, usually next to a page fault or reset.",
            firstStep: "Look for a page fault or reset beside it; alone it most often means the GPU code hit a trap, "
                + "so rerun with AMD_SERIALIZE_KERNEL=3 to find the kernel.",
            reporting: .bugReport
        ),
        .iommuFault: ClassGuidance(
            meaning: "The IOMMU blocked the GPU's access to host memory that was not mapped for it.",
            firstStep: "Check the IOMMU options on the kernel command line (`iommu=pt` is valid, `amd_iommu=pt` is "
                + "not); `amd_iommu=off` is an A/B test (it also turns off the NPU); note kernel and firmware versions.",
            reporting: .bugReport
        ),
    ]
}
