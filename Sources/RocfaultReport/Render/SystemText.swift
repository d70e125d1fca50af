import Foundation
import RocfaultCore
package import RocfaultPlatform

/// `system.txt`: the machine, its GPUs and `rocminfo --support`.
package enum SystemText {
    /// Renders the facts and the rocminfo result.
    package static func render(_ facts: MachineFacts, rocminfo: BoundedCommand.Result?) -> String {
        var text = "# system.txt\n"
        func field(_ name: String, _ value: String?) {
            text += name.column(22) + (value ?? "unknown") + "\n"
        }
        field("kernel", facts.kernel)
        field(
            "kernel parameters",
            facts.kernelParameters.isEmpty ? "(none relevant)" : facts.kernelParameters.joined(separator: " ")
        )
        field("distribution", facts.distribution)
        field("CPU", facts.cpu)
        field("ROCm", facts.rocmVersion)
        field("HIP", facts.hipVersion)
        field("Mesa", facts.mesaVersion)
        field("linux-firmware", facts.linuxFirmwareVersion)
        field("BIOS", facts.bios)
        field("board", facts.board)
        for (name, version) in facts.packages.sorted(by: { $0.key < $1.key }) { field("package " + name, version) }
        text += "\nGPUs\n"
        if facts.gpus.isEmpty { text += "  (none found)\n" }
        for (index, gpu) in facts.gpus.enumerated() { text += render(gpu, index: index) }
        if !facts.notes.isEmpty {
            text += "\nNot collected\n" + facts.notes.map { "  \($0)\n" }.joined()
        }
        text += doctorSection(facts.doctor)
        text += "\n" + rocminfoSection(rocminfo)
        return text
    }

    private static func render(_ gpu: GPUFacts, index: Int) -> String {
        var text = "  [\(index)] \(gpu.name)\n"
        func field(_ name: String, _ value: String?) {
            guard let value else { return }
            text += "      " + name.column(12) + value + "\n"
        }
        field("PCI", gpu.pciAddress)
        field("gfx target", gpu.gfxTarget)
        field("VRAM", gpu.vramBytes.map(byteText))
        field("GTT", gpu.gttBytes.map(byteText))
        field("VBIOS", gpu.vbios)
        for (name, version) in gpu.firmware.sorted(by: { $0.key < $1.key }) { field("fw " + name, version) }
        return text
    }

    /// `rocfault doctor`'s stack (every value with the file it came from) and findings.
    static func doctorSection(_ report: DoctorReport?) -> String {
        guard let report else { return "\nrocfault doctor\n  (not run)\n" }
        var text = "\nrocfault doctor: stack\n" + report.stackText()
        let findings = report.findingsText()
        text += "\nrocfault doctor: findings\n" + (findings.isEmpty ? "  none\n" : findings)
        return text
    }

    /// The `rocminfo --support` heading and its output or why there is none.
    static func rocminfoSection(_ result: BoundedCommand.Result?) -> String {
        var text = "rocminfo --support\n"
        guard let result else { return text + "  (not run)\n" }
        switch result.outcome {
        case .ended(.exited(0)): break
        case .ended(.exited(let status)): text += "  (exited with status \(status))\n"
        case .ended(.signaled(let signal, _)): text += "  (killed by \(SignalName.name(signal)))\n"
        case .timedOut: text += "  (did not finish within the time limit; killed)\n"
        case .notStarted(let reason): return text + "  (not available: \(reason))\n"
        }
        return text + result.output + (result.output.hasSuffix("\n") || result.output.isEmpty ? "" : "\n")
    }

    /// `512 MiB`, `96.0 GiB`.
    static func byteText(_ bytes: UInt64) -> String {
        let mib = Double(bytes) / 1_048_576
        return mib >= 1024 ? String(format: "%.1f GiB", mib / 1024) : String(format: "%.0f MiB", mib)
    }
}

extension String {
    /// The text padded with spaces to `width`, and always followed by at least one space.
    func column(_ width: Int) -> String { self + String(repeating: " ", count: max(1, width - count)) }
}
