import RocfaultCore

extension IssueFormText {
    /// The drm/amd tracker's shape: what its maintainers ask for first (kernel, GPU, firmware, the
    /// boot's full driver log, steps).
    func drmAMDBody(_ attribution: UpstreamAttribution) -> String {
        var text = "### Brief summary of the problem\n\n" + problem(attribution) + "\n"
        text += "### Hardware description\n\n"
        text += "- CPU: " + (facts.cpu ?? "unknown") + "\n"
        text += "- GPU:\n" + gpus().split(separator: "\n").map { "  " + $0 + "\n" }.joined()
        text += "- Board: " + (facts.board ?? "unknown") + "; BIOS: " + (facts.bios ?? "unknown") + "\n\n"
        text += "### System information\n\n"
        text += "- Distribution: " + (facts.distribution ?? "unknown") + "\n"
        text += "- Kernel version: " + (facts.kernel ?? "unknown") + "\n"
        if !facts.kernelParameters.isEmpty {
            text += "- Kernel parameters: `\(facts.kernelParameters.joined(separator: " "))`\n"
        }
        text += "- linux-firmware: " + (facts.linuxFirmwareVersion ?? "unknown") + "\n"
        text += firmwareVersions()
        text += "- Mesa: " + (facts.mesaVersion ?? "unknown") + "\n"
        text += "- ROCm: " + rocmVersion() + "\n\n"
        text += "### How to reproduce the issue\n\n" + steps() + "\n"
        text += "### Attached files\n\n"
        text += "- `kernel.log`: the boot's amdgpu/amdkfd/drm kernel lines up to the incident, and every kernel "
        text += "line of the incident's window (matched lines marked `*`). "
        text +=
            inputs.bootKernel.map { "Read from \($0.source)" + omitted($0) + "." }
            ?? "The boot's lines could not be read."
        text += " The whole boot's kernel log is `journalctl -k -b` (or `sudo dmesg` before a reboot).\n"
        text += "- `system.txt` (versions, GPUs, firmware, `rocminfo --support`), `process.txt`, `journal.log`, "
        text += "`incident.json`.\n"
        text += occurrence() + written()
        return text
    }

    /// ROCm/TheRock's issue form: the fields of the ROCm issue form it took over.
    func rocmBody(_ attribution: UpstreamAttribution) -> String {
        var text = "### Problem Description\n\n" + problem(attribution) + "\n"
        text += "### Operating System\n\n" + (facts.distribution ?? "unknown") + "\n\n"
        text += "### CPU\n\n" + (facts.cpu ?? "unknown") + "\n\n"
        text += "### GPU\n\n" + gpus() + "\n"
        text += "### ROCm Version\n\n" + rocmVersion() + "\n\n"
        text += "### ROCm Component\n\n" + attribution.component + "\n\n"
        text += "### Steps to Reproduce\n\n" + steps() + "\n"
        text += "### (Optional for Linux users) Output of /opt/rocm/bin/rocminfo --support\n\n"
        text += "```\n" + SystemText.rocminfoSection(inputs.rocminfo) + "```\n\n"
        text += "### Additional Information\n\n" + occurrence()
        text += "- Attached: `incident.json`, `kernel.log`, `journal.log`, `process.txt`, `system.txt`.\n"
        text += environment() + written()
        return text
    }

    /// A framework's or another project's tracker: problem, environment, steps, logs.
    func projectBody(_ attribution: UpstreamAttribution) -> String {
        var text = "### Describe the bug\n\n" + problem(attribution) + "\n"
        text += "### Environment\n\n"
        text += "- OS: " + (facts.distribution ?? "unknown") + "\n"
        text += "- CPU: " + (facts.cpu ?? "unknown") + "\n"
        text += "- GPU:\n" + gpus().split(separator: "\n").map { "  " + $0 + "\n" }.joined()
        text += "- ROCm: " + rocmVersion() + "\n"
        text += environment() + "\n"
        text += "### Steps to reproduce\n\n" + steps() + "\n"
        text += "### Logs\n\n" + occurrence()
        text += "- Attached: `journal.log` (the program's output), `kernel.log`, `process.txt`, `system.txt`, "
        text += "`incident.json`.\n"
        text += written()
        return text
    }

    private func environment() -> String {
        var text = ""
        if let kernel = facts.kernel { text += "- Kernel: \(kernel)\n" }
        if !facts.kernelParameters.isEmpty {
            text += "- Kernel parameters: `\(facts.kernelParameters.joined(separator: " "))`\n"
        }
        if let firmware = facts.linuxFirmwareVersion { text += "- linux-firmware: \(firmware)\n" }
        if let mesa = facts.mesaVersion { text += "- Mesa: \(mesa)\n" }
        return text
    }

    private func firmwareVersions() -> String {
        var text = ""
        for gpu in facts.gpus where !gpu.firmware.isEmpty || gpu.vbios != nil {
            let list = gpu.firmware.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            let vbios = gpu.vbios.map { ["VBIOS \($0)"] } ?? []
            text += "- Firmware of \(gpu.name): " + (vbios + list).joined(separator: ", ") + "\n"
        }
        return text.isEmpty ? "- GPU firmware: see `sudo cat /sys/kernel/debug/dri/*/amdgpu_firmware_info`\n" : text
    }

    private func omitted(_ boot: BootKernelLog) -> String {
        boot.omitted > 0 ? "; \(boot.omitted) lines in the middle of the boot were left out to keep it small" : ""
    }
}
