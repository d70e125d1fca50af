/// One event of the KFD SMI event stream (`AMDKFD_IOC_SMI_EVENTS`), as parsed from its line:
/// the event number in hex, a space, then the event's format from `include/uapi/linux/kfd_ioctl.h`.
package struct KFDEvent: Sendable, Hashable, Codable {
    /// `enum kfd_smi_event`.
    package enum Kind: Int, Sendable, Hashable, Codable, CaseIterable {
        /// A VM fault of a user process (`1 1092:python3`: pid in hex, task name).
        case vmFault = 1
        /// Thermal throttling (`2 20:3`: bitmask and counter, hex).
        case thermalThrottle = 2
        /// A GPU reset begins (`3 5 MODE1`; kernels before 6.4: `3 5`).
        case gpuPreReset = 3
        /// A GPU reset ended (`4 5 MODE1`; older: `4 5`).
        case gpuPostReset = 4
        /// SVM migration start (`5 ns -pid @start(size) from->to prefetch:preferred trigger`).
        case migrateStart = 5
        /// SVM migration end (`6 ns -pid @start(size) from->to trigger`).
        case migrateEnd = 6
        /// A recoverable GPU page fault begins (`7 ns -pid @addr(node) W`).
        case pageFaultStart = 7
        /// It was recovered (`8 ns -pid @addr(node) M`).
        case pageFaultEnd = 8
        /// A process's queues were evicted (`9 ns -pid node trigger`).
        case queueEviction = 9
        /// They were restored (`10 ns -pid node R`, `0` when not rescheduled).
        case queueRestore = 10
        /// Memory was unmapped from the GPU (`b ns -pid @addr(size) node trigger`).
        case unmapFromGPU = 11
        /// A process started using KFD (6.13 and later: `c 1092 python3`).
        case processStart = 12
        /// It stopped (`d 1092 python3`).
        case processEnd = 13
    }

    /// What happened.
    package var kind: Kind
    /// The process, when the event names one.
    package var pid: Int32?
    /// Its task name, when the event names it.
    package var taskName: String?
    /// The event's own time (boot-time clock, ns), when it carries one.
    package var bootTimeNanoseconds: UInt64?
    /// The reset's sequence number (reset events).
    package var resetSequence: UInt64?
    /// The reset's cause (`MODE1`, `job hang`), on 6.4 and later kernels.
    package var resetCause: String?
    /// The address in pages (page fault, migration, unmap events).
    package var address: UInt64?
    /// The event's other fields as printed, after the time and pid.
    package var detail: String

    /// Creates an event.
    package init(kind: Kind, detail: String) {
        self.kind = kind
        self.detail = detail
    }
}

/// Parses KFD SMI event lines of every kernel version.
package enum KFDEventParser {
    /// Why a line is not an SMI event.
    package struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        /// A stable code: `not-an-event`, `unknown-event`, `bad-fields`.
        package var code: String
        /// For people, with the line.
        package var description: String
    }

    /// Parses one line (without its newline; a trailing NUL or space is ignored).
    package static func parse(_ line: String) throws(ParseError) -> KFDEvent {
        let trimmed = String(line.reversed().drop { $0 == "\0" || $0 == " " || $0 == "\n" }.reversed())
        guard let space = trimmed.firstIndex(of: " "), let number = Int(trimmed[..<space], radix: 16) else {
            throw ParseError(code: "not-an-event", description: "not a KFD SMI event line: \(line)")
        }
        guard let kind = KFDEvent.Kind(rawValue: number) else {
            throw ParseError(code: "unknown-event", description: "unknown KFD SMI event \(number): \(line)")
        }
        let payload = String(trimmed[trimmed.index(after: space)...])
        var event = KFDEvent(kind: kind, detail: payload)
        let parsed: Bool =
            switch kind {
            case .vmFault: readVMFault(payload, into: &event)
            case .thermalThrottle: payload.contains(":")
            case .gpuPreReset, .gpuPostReset: readReset(payload, into: &event)
            case .processStart, .processEnd: readProcess(payload, into: &event)
            default: readTimed(payload, into: &event)
            }
        guard parsed else {
            throw ParseError(code: "bad-fields", description: "KFD SMI event \(number) has unexpected fields: \(line)")
        }
        return event
    }

    /// `1092:python3`: pid in hex (the task name may hold a colon).
    private static func readVMFault(_ payload: String, into event: inout KFDEvent) -> Bool {
        guard let colon = payload.firstIndex(of: ":"), let pid = Int32(payload[..<colon], radix: 16) else {
            return false
        }
        event.pid = pid
        event.taskName = String(payload[payload.index(after: colon)...])
        event.detail = ""
        return true
    }

    /// `5 MODE1` (6.4 and later) or `5` (earlier): the sequence in hex, then the cause.
    private static func readReset(_ payload: String, into event: inout KFDEvent) -> Bool {
        let parts = payload.split(separator: " ", maxSplits: 1)
        guard let first = parts.first, let sequence = UInt64(first, radix: 16) else { return false }
        event.resetSequence = sequence
        if parts.count > 1, !parts[1].isEmpty { event.resetCause = String(parts[1]) }
        event.detail = ""
        return true
    }

    /// `1092 python3`: pid in hex, task name.
    private static func readProcess(_ payload: String, into event: inout KFDEvent) -> Bool {
        let parts = payload.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, let pid = Int32(parts[0], radix: 16) else { return false }
        event.pid = pid
        event.taskName = String(parts[1])
        event.detail = ""
        return true
    }

    /// `ns -pid rest`: the SVM and queue events (`@addr(...)` read into `address`).
    private static func readTimed(_ payload: String, into event: inout KFDEvent) -> Bool {
        let parts = payload.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, let time = UInt64(parts[0]), parts[1].hasPrefix("-"),
            let pid = Int32(parts[1].dropFirst())
        else { return false }
        event.bootTimeNanoseconds = time
        event.pid = pid
        event.detail = parts.count > 2 ? String(parts[2]) : ""
        if event.detail.hasPrefix("@") {
            event.address = UInt64(event.detail.dropFirst().prefix { $0.isHexDigit }, radix: 16)
        }
        return true
    }
}
