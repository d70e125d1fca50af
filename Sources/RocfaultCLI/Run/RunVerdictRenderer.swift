import RocfaultCore
import RocfaultPlatform
import RocfaultReport

/// What `rocfault run` prints on stderr when the child died abnormally.
struct RunVerdictRenderer {
    let style: Style

    func render(
        _ outcome: RunOutcome,
        incident: Incident?,
        daemon: RunDaemonView?,
        kernelSource: String,
        nextStep: String?,
        doctor: String = ""
    ) -> String {
        let renderer = IncidentRenderer(style: style)
        var text = "\n" + style.bold("rocfault: ") + headline(outcome) + "\n"
        if let incident {
            text += renderer.verdict(incident.verdict)
            text += renderer.evidence(of: incident, explain: false)
            text += renderer.knownIssues(incident.knownIssues)
            text += doctor
        } else {
            text += "No GPU failure evidence in its standard error.\n"
        }
        text += "Kernel log: " + kernelSource + "\n"
        for kernel in daemon?.kernelIncidents ?? [] where kernel.id != daemon?.childIncident?.id {
            text += "  rocfaultd recorded kernel incident \(kernel.id): \(kernel.verdict.failureClass.rawValue)"
            text += kernel.pid.map { " (pid \($0))" } ?? ""
            text += "\n"
        }
        if outcome.journalNote.hasPrefix("not written:") { text += "Journal: " + outcome.journalNote + "\n" }
        // The command stays alone on its line where a bug report is due, for copying.
        if let nextStep, let incident, nextStep.hasPrefix("rocfault report"),
            incident.verdict.failureClass.guidance.reporting != .bugReport
        {
            text += renderer.nextStep(incident.verdict, reportCommand: nextStep, tracker: nil)
        } else if let nextStep {
            text += "Next: " + style.bold(nextStep) + "\n"
        }
        return text
    }

    private func headline(_ outcome: RunOutcome) -> String {
        let command =
            ShellQuote.join(Array(outcome.arguments.prefix(4))).terminalSafe
            + (outcome.arguments.count > 4 ? " ..." : "")
        let duration = String(Int(outcome.duration * 10)).paddedTenths
        switch outcome.termination {
        case .signaled(let signal, let core):
            return "`\(command)` (pid \(outcome.pid)) was killed by \(SignalName.name(signal))"
                + (core ? " (core dumped)" : "") + " after \(duration) s."
        case .exited(let status):
            return "`\(command)` (pid \(outcome.pid)) exited with status \(status) after \(duration) s."
        }
    }

    /// Where the kernel-side answer came from, in one sentence.
    static func kernelSource(_ outcome: RunOutcome, daemon: RunDaemonView?, verdict: Verdict?) -> String {
        let kernelFault = verdict?.side == .kernel || !(daemon?.kernelIncidents.isEmpty ?? true)
        if let daemon, daemon.childIncident != nil, let verdict {
            // The verdict printed is the daemon's: so is the coverage it states.
            return daemonSentence(verdict.kernelLog, kernelFault: kernelFault)
        }
        if outcome.kmsgUnavailable == nil {
            switch outcome.kernelLog {
            case .covered:
                return kernelFault
                    ? "read /dev/kmsg for the run; the kernel reported the failure."
                    : "read /dev/kmsg for the run; no amdgpu/amdkfd fault."
            case .gap: return "read /dev/kmsg for the run, but records were lost; the kernel side is unknown."
            case .notProvided, .unreadable, .unaligned: break
            }
        }
        if let daemon { return daemonSentence(daemon.kernelLog, kernelFault: kernelFault) }
        return "not readable here (/dev/kmsg needs root or kernel.dmesg_restrict=0) and rocfaultd is not "
            + "running; coverage unknown. Check `sudo dmesg` for amdgpu lines."
    }

    private static func daemonSentence(_ coverage: KernelLogCoverage, kernelFault: Bool) -> String {
        switch coverage {
        case .covered:
            return kernelFault
                ? "rocfaultd read it for the run; the kernel reported a failure."
                : "rocfaultd read it for the run; no amdgpu/amdkfd fault."
        case .gap: return "rocfaultd lost kernel log records around the run; the kernel side is unknown."
        case .notProvided: return "rocfaultd has not read it for this time; coverage unknown."
        case .unreadable: return "rocfaultd could not read it; coverage unknown."
        case .unaligned: return "rocfaultd's reading cannot be placed against the run; coverage unknown."
        }
    }
}

extension String {
    /// "123" as "12.3".
    fileprivate var paddedTenths: String {
        let digits = count < 2 ? String(repeating: "0", count: 2 - count) + self : self
        return String(digits.dropLast()) + "." + String(digits.suffix(1))
    }
}
