extension Devcoredump {
    /// The one line the engine reads for a dump (rules `amdgpu.devcoredump.ring-timeout` and
    /// `amdgpu.devcoredump.reset` match it): the ring, the process, the fault, the GPU, the
    /// firmware (non-zero versions, `NAME=0x...`) and the kernel, in that order, each part only
    /// when the dump has it.
    package var evidenceText: String {
        var parts: [String] = []
        if let ring = ringTimeout {
            parts.append("amdgpu devcoredump: ring \(ring.name) (\(ring.typeName)) timed out")
        } else {
            parts.append("amdgpu devcoredump: GPU reset")
        }
        if let process { parts.append("process \(process.name) pid \(process.pid)") }
        if let fault = pageFault, fault.isPresent {
            parts.append(
                "page fault at \(Self.hex(fault.address, width: 16)) status \(Self.hex(fault.status, width: 8)) (\(fault.hub))"
            )
        }
        if let target = gfxTarget, let core = graphicsCore { parts.append("\(target) (GC \(core.shortVersion))") }
        let versions = firmware.filter { $0.version != 0 }.map { "\($0.name)=\($0.hexVersion)" }
        if !versions.isEmpty { parts.append("fw " + versions.joined(separator: " ")) }
        if let kernelRelease { parts.append("kernel \(kernelRelease)") }
        return parts.joined(separator: "; ")
    }

    /// The dump as a kernel record for the engine: the kernel wrote it, at the reset's time.
    /// - Parameters:
    ///   - source: Where it was read (`devcoredump`, a file name).
    ///   - realtimeMicroseconds: The wall-clock time of the reset, when the reader can tell.
    ///   - bootID: The boot, when known.
    package func logRecord(source: String, realtimeMicroseconds: Int64? = nil, bootID: String? = nil) -> LogRecord {
        LogRecord(
            text: evidenceText,
            origin: .kernel,
            format: .plain,
            location: SourceLocation(file: source, line: 0),
            monotonicMicroseconds: monotonicMicroseconds,
            realtimeMicroseconds: realtimeMicroseconds,
            identifier: "kernel",
            bootID: bootID
        )
    }

    /// A few lines for people (a report, `check`): ring, process, GPU, fault, firmware, VBIOS, kernel.
    package var summaryLines: [String] {
        var lines: [String] = []
        if let ring = ringTimeout {
            lines.append("Ring timed out: \(ring.name) (\(ring.typeName), IP type \(ring.ipType))")
        }
        if let process { lines.append("Process: \(process.name) (pid \(process.pid))") }
        if let core = graphicsCore {
            lines.append("GPU: \(gfxTarget ?? "unknown target") (GC \(core.shortVersion))" + deviceText)
        }
        if let fault = pageFault, fault.isPresent {
            lines.append(
                "Page fault (\(fault.hub)): address \(Self.hex(fault.address, width: 16)), status \(Self.hex(fault.status, width: 8))"
            )
        }
        let versions = firmware.filter { $0.version != 0 }.map { "\($0.name) \($0.hexVersion)" }
        if !versions.isEmpty { lines.append("Firmware: " + versions.joined(separator: ", ")) }
        if let version = vbios["vbios ver_str"] ?? vbios["vbios version"] {
            lines.append("VBIOS: \(version)" + (vbios["vbios pn"].map { " (\($0))" } ?? ""))
        }
        if let kernelRelease { lines.append("Kernel: \(kernelRelease)") }
        if let monotonicMicroseconds {
            let seconds = Double(monotonicMicroseconds) / 1_000_000
            lines.append("Reset at: \(seconds) s after boot" + (vramLost ? "; VRAM was lost" : ""))
        }
        return lines
    }

    private var deviceText: String {
        guard let deviceID else { return "" }
        return ", device id " + Self.hex(UInt64(deviceID), width: 4)
    }
}
