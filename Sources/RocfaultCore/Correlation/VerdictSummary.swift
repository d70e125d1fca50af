/// The one-paragraph verdict a person reads: what failed, what it means, how sure the evidence is
/// (from the side, the evidence and the kernel log's coverage), and what to do first. The words
/// come from the catalog entry of the deciding line's rule when it has one (what `explain` says of
/// that line), else from the class's ``ClassGuidance``; this type only puts them together.
package enum VerdictSummary {
    static func text(
        side: Side,
        failureClass: FailureClass,
        deciding: [Evidence],
        evidence: [Evidence] = [],
        catalog: CatalogEntry? = nil,
        comm: String?,
        pid: Int32?,
        kernelLog: KernelLogCoverage,
        statedVendor: GPUVendor? = nil
    ) -> String {
        let guidance = failureClass.guidance
        let parts = [
            headline(side: side, failureClass: failureClass, deciding: deciding, comm: comm, pid: pid),
            entry(side: side, catalog: catalog)?.meaning ?? guidance.meaning,
            certainty(
                side: side,
                guidance: guidance,
                evidence: evidence,
                kernelLog: kernelLog,
                deciding: deciding,
                statedVendor: statedVendor
            ),
            firstStepLead + firstStep(side: side, failureClass: failureClass, catalog: catalog),
        ]
        return parts.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// What to do first: the deciding rule's catalog action when it has one, else the class's step.
    static func firstStep(side: Side, failureClass: FailureClass, catalog: CatalogEntry?) -> String {
        entry(side: side, catalog: catalog)?.action ?? failureClass.guidance.firstStep
    }

    /// The catalog entry whose words the summary uses. A `none` verdict's line did not decide, so its
    /// rule's words would say more than was shown.
    private static func entry(side: Side, catalog: CatalogEntry?) -> CatalogEntry? {
        side == .none ? nil : catalog
    }

    private static func headline(
        side: Side,
        failureClass: FailureClass,
        deciding: [Evidence],
        comm: String?,
        pid: Int32?
    ) -> String {
        let who = process(comm: comm, pid: pid)
        let line = deciding.first.map { " (\($0.ruleID): \"\(clip($0.header.text))\")" } ?? ""
        switch side {
        case .kernel:
            return "Kernel side: \(kernelReporter(deciding.first)) reported \(failureClass.phrase)\(who)\(line)."
        case .userspace: return "Userspace: \(failureClass.phrase)\(who)\(line)."
        case .hang:
            return "Hang: the GPU work stalled\(who) with no error reported\(line)."
                + (deciding.first?.note.map { " Why a stall: \($0)." } ?? "")
        case .none:
            return "\(noneLead(failureClass)): the input shows \(failureClass.phrase)\(line)."
        }
    }

    /// Who wrote the deciding kernel line, in no more words than the line supports: amdgpu only when
    /// the line or its catalog entry is amdgpu's or amdkfd's, AMD's host drivers by name, else the
    /// kernel (a DRM core line that names no driver, a hung-task report).
    static func kernelReporter(_ deciding: Evidence?) -> String {
        guard let deciding else { return "the kernel" }
        let family = deciding.ruleID.prefix { $0 != "." }
        if let named = kernelReporters[String(family)] { return named }
        return EvidenceAssembler.namesAMDDriver(deciding.header.text.lowercased()) ? "the amdgpu driver" : "the kernel"
    }

    /// The kernel whose own line decided: Windows' for its timeout detection's events (no Linux
    /// kernel log was read then), else the Linux kernel.
    static func kernelThatSaw(_ deciding: Evidence?) -> String {
        deciding?.ruleID.hasPrefix("windows.") == true ? "Windows' graphics kernel" : "the kernel"
    }

    /// Rule families whose lines only one driver (or, on Windows, the graphics kernel) prints.
    private static let kernelReporters: [String: String] = [
        "amdgpu": "the amdgpu driver", "amdkfd": "the amdgpu driver",
        "gim": "AMD's SR-IOV host driver (gim)", "vendor-reset": "the vendor-reset module",
        "radeon": "the radeon driver", "windows": "Windows' GPU timeout detection (TDR)",
    ]

    /// The words that open the summary's last part, the step to take first.
    static let firstStepLead = "First: "

    /// The classes a `none` verdict can name that say what the failure was instead (another vendor's
    /// GPU, a CPU-side fault, host memory, a package install). Only these let the headline claim the
    /// failure was not AMD's.
    package static let notAMDClasses: Set<FailureClass> = [
        .nvidia, .otherGPU, .cpuFault, .hostOOM, .installError,
    ]

    /// Classes that say nothing failed in what was read (harmless driver lines, or nothing at all).
    /// A log of a job that stopped making progress reads like this too, so the headline says no
    /// failure was shown, not that there was none.
    package static let nothingShownClasses: Set<FailureClass> = [.benign, .noEvidence]

    /// The first words of a `none` headline: a claim only when a class names what failed instead.
    /// Any other class on a `none` verdict came from a line that cannot decide (context, printed
    /// alike by other vendors' builds, or a crash record: a process died, but nothing says whether
    /// GPU code killed it), so the headline says the failure was not shown to be AMD's.
    package static func noneLead(_ failureClass: FailureClass) -> String {
        if notAMDClasses.contains(failureClass) { return "Not an AMD GPU failure" }
        if nothingShownClasses.contains(failureClass) { return "No AMD GPU failure shown" }
        return "Not shown to be an AMD GPU failure"
    }

    /// How sure the side is: the kernel's own line, or what the kernel log's coverage allows.
    static func certainty(
        side: Side,
        guidance: ClassGuidance,
        evidence: [Evidence],
        kernelLog: KernelLogCoverage,
        deciding: [Evidence] = [],
        statedVendor: GPUVendor? = nil
    ) -> String {
        switch side {
        case .kernel:
            let echoed = evidence.contains { $0.kind == .userspace }
            return "How sure: \(kernelReporter(deciding.first)) wrote the deciding line itself, so "
                + "\(kernelThatSaw(deciding.first)) really saw the GPU fail; the log alone does not say whose code caused it."
                + (echoed ? " The runtime's own message agrees." : "")
        case .userspace, .hang:
            let note = kernelLog == .covered ? guidance.silentKernelNote.map { " " + $0 } ?? "" : ""
            return coverageSentence(kernelLog) + note + statedVendorSentence(deciding)
        case .none:
            return (kernelLog == .covered ? "" : coverageSentence(kernelLog))
                + statedOtherSentence(evidence, statedVendor: statedVendor)
        }
    }

    /// Said when the deciding line names no GPU maker and counts as AMD's only because the machine's
    /// GPUs were given (`check --gpu amd`, or this machine's own GPUs).
    static func statedVendorSentence(_ deciding: [Evidence]) -> String {
        guard deciding.first?.note == IncidentClassifier.statedVendorNote else { return "" }
        return " The input names no GPU maker; the line counts as AMD's because the machine's GPUs were given as AMD's."
    }

    /// Said when a line that names no GPU maker was taken off AMD's account only because the
    /// machine's GPUs were given as another maker's (`statedVendor`, from the incident's context).
    static func statedOtherSentence(_ evidence: [Evidence], statedVendor: GPUVendor?) -> String {
        guard let statedVendor, statedVendor != .amd else { return "" }
        let note = IncidentClassifier.notAMDNotePrefix + IncidentClassifier.statedOtherNote(statedVendor)
        guard evidence.contains(where: { $0.kind == .notAMD && $0.note == note }) else { return "" }
        return " The input names no GPU maker; the machine's GPUs were given as \(statedVendor.displayName)'s."
    }

    /// What the kernel log's coverage allows one to say. Values without an entry of their own get
    /// the cautious generic sentence.
    static func coverageSentence(_ coverage: KernelLogCoverage) -> String {
        coverageSentences[coverage] ?? uncheckedKernelLog
    }

    static let coverageSentences: [KernelLogCoverage: String] = [
        .covered: "How sure: the kernel log was read for that time and is silent (no amdgpu/amdkfd fault), so the "
            + "kernel did not see a GPU failure.",
        .gap: "How sure: the kernel log has a gap at that time, so a kernel-side fault cannot be ruled out.",
        .notProvided: "How sure: there is no kernel log of that time, so a kernel-side fault cannot be ruled out; "
            + "add `sudo dmesg` or `journalctl -k` output from that time.",
        .unreadable: "How sure: a kernel log exists but this user may not read it, so a kernel-side fault cannot be "
            + "ruled out: run with `sudo`, or join the `systemd-journal` (or `adm`) group.",
        .unaligned: "How sure: the kernel log cannot be put on one clock with the failure, so a kernel-side fault "
            + "cannot be ruled out: give `dmesg -T` or `journalctl -k -o short-iso` output, or an application log "
            + "with timestamps.",
    ]

    static let uncheckedKernelLog =
        "How sure: the kernel log could not be checked for that time, so a kernel-side fault cannot be ruled out."

    private static func process(comm: String?, pid: Int32?) -> String {
        switch (comm, pid) {
        case (let comm?, let pid?): " in \(comm) (pid \(pid))"
        case (let comm?, nil): " in \(comm)"
        case (nil, let pid?): " in pid \(pid)"
        case (nil, nil): ""
        }
    }

    private static func clip(_ text: String) -> String {
        let trimmed = text.trimmingSpaces
        return trimmed.count > 160 ? String(trimmed.prefix(157)) + "..." : trimmed
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}

extension Verdict {
    /// How sure this verdict's side is, in one or two sentences (the same words as its summary's).
    package var certainty: String {
        VerdictSummary.certainty(side: side, guidance: failureClass.guidance, evidence: [], kernelLog: kernelLog)
    }

    /// What to do first, as decided with this verdict: the deciding rule's catalog action when it
    /// had one, else the class's first step. A report's box says the same as the verdict it reports.
    /// A verdict stored by a build that did not keep the step keeps its own words: the step is read
    /// from its summary's last `First:`.
    package var firstStep: String {
        if let recordedFirstStep { return recordedFirstStep }
        guard let lead = summary.ranges(of: " " + VerdictSummary.firstStepLead).last,
            lead.upperBound < summary.endIndex
        else { return failureClass.guidance.firstStep }
        return String(summary[lead.upperBound...])
    }
}
