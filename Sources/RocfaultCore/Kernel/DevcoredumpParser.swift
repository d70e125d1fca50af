/// Reads the text of an amdgpu device coredump into a ``Devcoredump``. Pure and line-oriented:
/// lines it does not know (IP register dumps, ring contents, newer additions) are skipped, so the
/// formats of 6.8 to current kernels all parse.
package enum DevcoredumpParser {
    /// Why a text is not a devcoredump.
    package struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        /// A stable code: `not-a-devcoredump`.
        package var code: String
        /// For people.
        package var description: String
    }

    /// The first line amdgpu writes.
    package static let banner = "**** AMDGPU Device Coredump ****"

    /// Whether a text (its first bytes suffice) starts like an amdgpu devcoredump.
    package static func looksLikeDevcoredump(_ prefix: some Collection<UInt8>) -> Bool {
        let firstLine = prefix.drop { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: " ") }
            .prefix { $0 != UInt8(ascii: "\n") }
        return String(decoding: firstLine, as: UTF8.self).trimmedTrailingSpace == banner
    }

    /// Parses a dump; throws when the text does not start with amdgpu's banner.
    package static func parse(_ text: String) throws(ParseError) -> Devcoredump {
        guard looksLikeDevcoredump(text.utf8.prefix(256)) else {
            throw ParseError(
                code: "not-a-devcoredump",
                description: "the text does not start with \"\(banner)\" (an amdgpu device coredump)"
            )
        }
        var dump = Devcoredump()
        var inRingDetails = false
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = Substring(rawLine).trimmedTrailingSpace
            if line == "Ring timed out details" {
                inRingDetails = true
                continue
            }
            if inRingDetails, let ring = ringTimeout(line) {
                dump.ringTimeout = ring
                inRingDetails = false
                continue
            }
            read(line, into: &dump)
        }
        return dump
    }

    private static func read(_ line: String, into dump: inout Devcoredump) {
        if let value = line.value(after: "version: "), dump.formatVersion == nil {
            dump.formatVersion = value
        } else if let value = line.value(after: "kernel: ") {
            dump.kernelRelease = value
        } else if let value = line.value(after: "module: ") {
            dump.module = value
        } else if let value = line.value(after: "time: ") {
            dump.monotonicMicroseconds = microseconds(value)
        } else if let value = line.value(after: "process_name: ") {
            dump.process = process(value)
        } else if let value = line.value(after: "SOC Device id: ") {
            dump.deviceID = Int(value).flatMap { $0 >= 0 ? $0 : nil }
        } else if let value = line.value(after: "HWIP: ") {
            if let version = ipVersion(value) { dump.ipVersions.append(version) }
        } else if line.hasPrefix("vbios "), let colon = line.firstIndex(of: ":") {
            let key = String(line[..<colon]).trimmedTrailingSpace
            dump.vbios[key] = String(line[line.index(after: colon)...]).trimmedLeadingSpace
        } else if line.hasSuffix("] Page fault observed"), line.hasPrefix("[") {
            let hub = String(line.dropFirst().prefix { $0 != "]" })
            dump.pageFault = Devcoredump.PageFault(hub: hub, address: 0, status: 0)
        } else if let value = line.value(after: "Faulty page starting at address: ") {
            dump.pageFault?.address = number(value) ?? 0
        } else if let value = line.value(after: "Protection fault status register: ") {
            dump.pageFault?.status = number(value) ?? 0
        } else if line == "VRAM is lost due to GPU reset!" {
            dump.vramLost = true
        } else if let firmware = firmware(line) {
            dump.firmware.append(firmware)
        }
    }

    /// `IP Type: 1 Ring Name: comp_1.0.0`.
    private static func ringTimeout(_ line: String) -> Devcoredump.RingTimeout? {
        guard let rest = line.value(after: "IP Type: "), let split = rest.firstRange(of: " Ring Name: "),
            let type = Int(rest[..<split.lowerBound])
        else { return nil }
        return Devcoredump.RingTimeout(ipType: type, name: String(rest[split.upperBound...]))
    }

    /// `python3 PID: 4242` (the name may hold spaces: the last ` PID: ` splits).
    private static func process(_ value: String) -> Devcoredump.Process? {
        guard let split = value.lastRange(of: " PID: "), let pid = Int32(value[split.upperBound...]), pid > 0 else {
            return nil
        }
        return Devcoredump.Process(name: String(value[..<split.lowerBound]), pid: pid)
    }

    /// `GC[1][0]: v11.5.1.0.0`.
    private static func ipVersion(_ value: String) -> Devcoredump.IPVersion? {
        guard let open = value.firstIndex(of: "["), let split = value.firstRange(of: ": v") else { return nil }
        let indexes = value[open..<split.lowerBound].split(whereSeparator: { $0 == "[" || $0 == "]" })
        let numbers = value[split.upperBound...].split(separator: ".").compactMap { UInt16($0).map(Int.init) }
        guard indexes.count == 2, let instance = UInt16(indexes[1]).map(Int.init), !numbers.isEmpty else { return nil }
        return Devcoredump.IPVersion(block: String(value[..<open]), instance: instance, numbers: numbers)
    }

    /// `MES feature version: 1, fw version: 0x00000083`, `SDMA0 feature version: 60, firmware
    /// version: 0x00000010`, `SMC feature version: 0, program: 0, fw version: 0x00644600 (100.70.0)`.
    private static func firmware(_ line: String) -> Devcoredump.Firmware? {
        guard let nameEnd = line.firstRange(of: " feature version: ") else { return nil }
        let rest = line[nameEnd.upperBound...]
        guard let versionStart = rest.firstRange(of: "fw version: ") ?? rest.firstRange(of: "firmware version: ") else {
            return nil
        }
        let feature = number(String(rest.prefix { $0 != "," }))
        let version = number(String(rest[versionStart.upperBound...].prefix { $0 != " " }))
        guard let feature, let version else { return nil }
        let name = line[..<nameEnd.lowerBound].split(separator: " ").joined(separator: "_")
        return Devcoredump.Firmware(name: name, feature: feature, version: version)
    }

    /// A decimal or `0x` hexadecimal number.
    static func number(_ text: String) -> UInt64? {
        let trimmed = text.trimmedLeadingSpace.trimmedTrailingSpace
        if trimmed.hasPrefix("0x") || trimmed.hasPrefix("0X") { return UInt64(trimmed.dropFirst(2), radix: 16) }
        return UInt64(trimmed)
    }

    /// `1234.567890123` seconds to microseconds.
    private static func microseconds(_ value: String) -> UInt64? {
        let parts = value.split(separator: ".", maxSplits: 1)
        guard let seconds = parts.first.flatMap({ UInt64($0) }) else { return nil }
        let fraction = parts.count > 1 ? String(parts[1].prefix(6)) : ""
        let padded = fraction + String(repeating: "0", count: 6 - fraction.count)
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000)
        let (total, carry) = whole.addingReportingOverflow(UInt64(padded) ?? 0)
        return overflow || carry ? nil : total
    }
}

extension StringProtocol {
    /// The rest of the line after `prefix`, or nil when it does not start with it.
    fileprivate func value(after prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
    }

    fileprivate var trimmedTrailingSpace: String {
        var text = Substring(self)
        while let last = text.last, last == " " || last == "\t" || last == "\r" { text = text.dropLast() }
        return String(text)
    }

    fileprivate var trimmedLeadingSpace: String { String(drop { $0 == " " || $0 == "\t" }) }

    fileprivate func lastRange(of needle: String) -> Range<Index>? {
        ranges(of: needle).last
    }
}
