import ArgumentParser
import Foundation
import RocfaultCore
import RocfaultSystem

/// `rocfault doctor`: the GPU software stack on one screen, checked against what is known to break.
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Show the GPU software stack and flags, and what in them is known to break.",
        discussion: """
            Reads the kernel and amdgpu module (in-tree or DKMS), GPU firmware (debugfs \
            amdgpu_firmware_info when readable, else the fw_version files), ROCm and how it was installed, \
            HIP, Mesa/RADV, each GPU's gfx target, VRAM and GTT, the amdgpu, ttm and IOMMU kernel \
            parameters and the HSA_, HIP_, ROCM_, ROCR_, AMD_ and GGML_ variables, then runs the check \
            table (doctor-checks in the rule files). Each finding names the file and value it read; a fact \
            that could not be read is named as unknown, never passed as fine. Exits 0 when nothing at \
            warning or error level was found, 1 when something was, 2 on usage errors.
            """
    )

    @Option(
        name: .customLong("json"),
        help: "Print one JSON object (docs/doctor.md): short or pretty (a bare --json is pretty)."
    )
    var json: JSONStyle?

    @Option(
        help: ArgumentHelp(
            "Read /proc, /sys (debugfs at sys/kernel/debug), /etc, /usr, /opt, /var/lib/dpkg, /lib/firmware and /dev under this directory instead of / (a mounted image or a copied tree).",
            valueName: "dir"
        )
    )
    var root: String?

    @Option(
        help: ArgumentHelp(
            "Check the HSA_/HIP_/ROCM_/ROCR_/AMD_/GGML_ variables of this process (/proc/PID/environ) instead of this shell's.",
            valueName: "pid"
        )
    )
    var pid: Int32?

    @Option(help: ArgumentHelp("Rule directory (default: the installed rules).", valueName: "dir"))
    var rules: String?

    func validate() throws {
        if let root, !FileManager.default.fileExists(atPath: root) {
            throw ValidationError("--root \(root): no such directory")
        }
        if let pid, pid <= 0 { throw ValidationError("--pid must be a positive process id") }
    }

    func run() throws {
        let report = try Self.report(root: root ?? "/", pid: pid, rules: rules)
        if let json {
            Terminal.standardOutput.write(try JSONOutput.encode(report, style: json) + "\n")
        } else {
            Terminal.standardOutput.write(
                DoctorRenderer(style: Style(enabled: Terminal.standardOutput.usesColor)).render(report)
            )
        }
        if !report.findings(atLeast: .warning).isEmpty { throw CLIError(message: "", exitCode: 1) }
    }

    /// Reads the facts and runs the check table of the rule directory.
    static func report(root: String = "/", pid: Int32? = nil, rules: String?) throws -> DoctorReport {
        let ruleSet = try RulesLocator.load(explicit: rules)
        let reader = DoctorFactReader(
            root: root,
            pid: pid,
            environment: ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
        )
        return DoctorReport(facts: reader.read(), checks: ruleSet.doctorChecks)
    }
}

/// Renders a doctor report for the terminal.
struct DoctorRenderer {
    let style: Style

    func render(_ report: DoctorReport) -> String {
        var text = style.bold("Stack") + "\n" + Self.safe(report.stackText())
        if report.facts.gpus.isEmpty {
            text +=
                "\nNo AMD GPU on this machine: rocfault diagnoses AMD GPUs only; the checks below cover the software alone.\n"
        }
        text += "\n" + style.bold("Findings") + "\n"
        let findings = report.findingsText()
        text += findings.isEmpty ? "  none: nothing in the check table applies\n" : Self.safe(findings)
        let counts = DoctorSeverity.allCases.reversed().map { severity in
            "\(report.findings(atLeast: severity).filter { $0.severity == severity }.count) \(severity.rawValue)"
        }
        let open = report.findings.filter { $0.outcome == .unknown }.count
        text += "\n" + counts.joined(separator: ", ") + ", \(open) cannot tell\n"
        return text
    }

    /// Every line with its control characters escaped (facts hold file contents and environment values).
    static func safe(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { TerminalSafeText.escaped(String($0)) }
            .joined(separator: "\n")
    }
}
