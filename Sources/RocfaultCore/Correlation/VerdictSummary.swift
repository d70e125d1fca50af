/// The one-paragraph verdict a person reads.
enum VerdictSummary {
    static func text(
        side: Side,
        failureClass: FailureClass,
        deciding: [Evidence],
        comm: String?,
        pid: Int32?,
        kernelLog: KernelLogCoverage
    ) -> String {
        let who = process(comm: comm, pid: pid)
        let line = deciding.first.map { " (\($0.ruleID): \"\(clip($0.header.text))\")" } ?? ""
        switch side {
        case .kernel:
            return "Kernel side: the amdgpu driver reported \(failureClass.phrase)\(who)\(line). "
                + "The fault was seen by the kernel driver, so look at the driver, firmware or hardware "
                + "(or at GPU code that really touched a bad address) before blaming the runtime."
        case .userspace:
            return "Userspace: \(failureClass.phrase)\(who)\(line). " + coverageSentence(kernelLog)
        case .hang:
            return "Hang: the GPU work stalled\(who) with no fault reported anywhere\(line). "
                + (deciding.first?.note.map { "How sure: \($0). " } ?? "") + coverageSentence(kernelLog)
        case .none:
            return "Not an AMD GPU failure: the input shows \(failureClass.phrase)\(line)."
        }
    }

    private static func coverageSentence(_ coverage: KernelLogCoverage) -> String {
        switch coverage {
        case .covered:
            "The kernel log for that time was read and shows no GPU fault, so this points at a software "
                + "bug in the ROCm/HIP runtime, a library or the application, not at the board."
        case .notProvided:
            "No kernel log was given, so whether the kernel saw a GPU fault is unknown: add `dmesg` or "
                + "`journalctl -k` output from that time."
        case .gap:
            "The kernel log has a gap at that time, so whether the kernel saw a GPU fault is unknown."
        }
    }

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
