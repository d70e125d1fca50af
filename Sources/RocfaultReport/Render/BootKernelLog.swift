package import RocfaultCore

/// The boot's amdgpu/amdkfd/drm kernel lines up to an incident: the "full dmesg" a drm/amd
/// maintainer asks for first, limited to the GPU driver and kept to a size one can attach.
package struct BootKernelLog: Sendable, Hashable {
    /// The lines kept, in the order read.
    package var lines: [EvidenceLine]
    /// How many driver lines between the kept head and tail were left out.
    package var omitted: Int
    /// Where the lines came from (`the system journal`, `/dev/kmsg`), for the report.
    package var source: String

    /// Lines kept from the start of the boot (driver init: IP blocks, firmware, VRAM and GTT sizes).
    package static let headLimit = 800
    /// Lines kept before the incident.
    package static let tailLimit = 3200

    /// Creates a log.
    package init(lines: [EvidenceLine], omitted: Int, source: String) {
        self.lines = lines
        self.omitted = omitted
        self.source = source
    }

    /// Selects the kernel-written driver lines at or before `end` (the incident's last time), the
    /// first ``headLimit`` and the last ``tailLimit`` of them, deduplicated by time and text.
    package static func select(_ records: [LogRecord], upTo end: EventTime, source: String) -> BootKernelLog {
        var seen: Set<String> = []
        var kept: [LogRecord] = []
        for record in records where record.origin == .kernel && isDriverLine(record.text) && isAtOrBefore(record, end) {
            let time =
                record.monotonicMicroseconds.map { "m\($0)" } ?? record.realtimeMicroseconds.map { "r\($0)" } ?? "-"
            guard seen.insert(time + "|" + record.text).inserted else { continue }
            kept.append(record)
        }
        let ordered = kept.enumerated().sorted { lhs, rhs in
            let (a, b) = (lhs.element, rhs.element)
            if let x = a.monotonicMicroseconds, let y = b.monotonicMicroseconds, x != y { return x < y }
            if let x = a.realtimeMicroseconds, let y = b.realtimeMicroseconds, x != y { return x < y }
            return lhs.offset < rhs.offset
        }.map { EvidenceLine(record: $0.element, ruleID: "") }
        guard ordered.count > headLimit + tailLimit else {
            return BootKernelLog(lines: ordered, omitted: 0, source: source)
        }
        let lines = Array(ordered.prefix(headLimit) + ordered.suffix(tailLimit))
        return BootKernelLog(lines: lines, omitted: ordered.count - lines.count, source: source)
    }

    /// Whether the amdgpu, amdkfd or drm code wrote the line: their device prefixes
    /// (`amdgpu 0000:c3:00.0:`, `kfd kfd:`), `[drm]` and `[drm:func [amdgpu]]` tags, and the GPU
    /// memory-management and interrupt functions that print without one.
    package static func isDriverLine(_ text: String) -> Bool {
        let line = text.drop { $0 == " " || $0 == "\t" }
        if driverPrefixes.contains(where: { line.hasPrefix($0) }) { return true }
        return driverMarks.contains { line.contains($0) }
    }

    static let driverPrefixes = [
        "amdgpu", "amdkfd", "kfd ", "kfd:", "[drm", "drm:", "drm ", "[TTM]", "gmc_v", "gfx_v", "sdma_v", "mes_v",
        "amdttm", "ttm ",
    ]
    static let driverMarks = ["[amdgpu]", "[amdkfd]", "amdgpu:", "amdkfd:", "[drm]", "[drm:"]

    private static func isAtOrBefore(_ record: LogRecord, _ end: EventTime) -> Bool {
        if let time = record.monotonicMicroseconds, let limit = end.monotonicMicroseconds { return time <= limit }
        if let time = record.realtimeMicroseconds, let limit = end.realtimeMicroseconds { return time <= limit }
        return false
    }
}
