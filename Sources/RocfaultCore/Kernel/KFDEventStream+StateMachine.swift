/// The KFD SMI event stream of one GPU as a pure state machine: bytes read from its descriptor
/// and the time of reading in, kernel records for the engine out. A reset opens a reset window
/// (`GPU pre-reset`) that the matching post-reset closes, with its length; the stream's own
/// coverage (from subscribing to the last read) is kept as an interval of source `kfd-smi:GPUID`.
///
/// The records are the engine's kernel evidence (rules `amdkfd.smi.*`): a VM fault names its pid
/// directly, so it joins that process's incident without a PASID.
package struct KFDEventStream: Sendable {
    /// A reset that began and has not ended.
    package struct ResetWindow: Sendable, Hashable {
        /// The kernel's reset sequence number.
        package var sequence: UInt64
        /// When the pre-reset event was read.
        package var since: EventTime
        /// The cause, when the kernel gives it.
        package var cause: String?
    }

    /// The GPU's KFD id (`/sys/class/kfd/kfd/topology/nodes/N/gpu_id`).
    package let gpuID: UInt32
    /// The source name of its records and coverage: `kfd-smi:GPUID`.
    package let source: String
    /// The reset in progress, if any.
    package private(set) var openReset: ResetWindow?
    /// The stretch read so far; `to` is nil while reading goes on.
    package private(set) var coverage: KernelLogCoverageLedger.Interval
    /// Lines that were not SMI events, with why (at most the last 16).
    package private(set) var rejected: [KFDEventParser.ParseError] = []
    private var partial: [UInt8] = []
    private let bootID: String?

    /// Starts a stream subscribed at `start`.
    package init(gpuID: UInt32, start: EventTime, bootID: String?) {
        self.gpuID = gpuID
        self.source = "kfd-smi:\(gpuID)"
        self.bootID = bootID
        self.coverage = KernelLogCoverageLedger.Interval(
            source: "kfd-smi:\(gpuID)",
            bootID: bootID,
            from: start,
            to: nil
        )
    }

    /// Bytes read from the descriptor at `time`: the complete lines among them become records (a
    /// line cut by the read waits for its rest).
    package mutating func read(_ bytes: some Collection<UInt8>, at time: EventTime) -> [LogRecord] {
        partial.append(contentsOf: bytes)
        var records: [LogRecord] = []
        while let newline = partial.firstIndex(of: UInt8(ascii: "\n")) {
            let line = String(decoding: partial[..<newline], as: UTF8.self)
            partial.removeSubrange(...newline)
            if let record = record(for: line, at: time) { records.append(record) }
        }
        if partial.count > 4096 { partial.removeAll() }
        return records
    }

    /// The descriptor ended (or the daemon stops) at `time`: the coverage stretch ends there.
    package mutating func end(at time: EventTime) {
        coverage.to = time
    }

    private mutating func record(for line: String, at time: EventTime) -> LogRecord? {
        guard !line.isEmpty else { return nil }
        let event: KFDEvent
        do {
            event = try KFDEventParser.parse(line)
        } catch {
            rejected.append(error)
            if rejected.count > 16 { rejected.removeFirst() }
            return nil
        }
        let text = evidenceText(for: event, at: time)
        return LogRecord(
            text: text,
            origin: .kernel,
            format: .plain,
            location: SourceLocation(file: source, line: 0),
            monotonicMicroseconds: time.monotonicMicroseconds,
            realtimeMicroseconds: time.realtimeMicroseconds,
            identifier: "kernel",
            bootID: bootID
        )
    }

    /// The record's text; resets open and close the window.
    mutating func evidenceText(for event: KFDEvent, at time: EventTime) -> String {
        let prefix = "amdkfd SMI event: GPU \(gpuID): "
        switch event.kind {
        case .vmFault:
            return prefix + "VM fault by pid \(event.pid ?? 0) (\(event.taskName ?? ""))"
        case .gpuPreReset:
            let sequence = event.resetSequence ?? 0
            openReset = ResetWindow(sequence: sequence, since: time, cause: event.resetCause)
            return prefix + "GPU reset \(sequence) begins" + (event.resetCause.map { " (\($0))" } ?? "")
        case .gpuPostReset:
            return prefix + postResetText(event, at: time)
        default:
            return prefix + activityText(event)
        }
    }

    private mutating func postResetText(_ event: KFDEvent, at time: EventTime) -> String {
        let sequence = event.resetSequence ?? 0
        var text = "GPU reset \(sequence) done"
        if let window = openReset, window.sequence == sequence,
            let from = window.since.realtimeMicroseconds, let to = time.realtimeMicroseconds
        {
            let milliseconds = max(0, to - from) / 1000
            text += " after \(milliseconds) ms"
        }
        if openReset?.sequence == sequence { openReset = nil }
        return text + (event.resetCause.map { " (\($0))" } ?? "")
    }

    private func activityText(_ event: KFDEvent) -> String {
        let pid = event.pid.map { " pid \($0)" } ?? ""
        let name: String =
            switch event.kind {
            case .thermalThrottle: "thermal throttling"
            case .migrateStart: "migration start"
            case .migrateEnd: "migration end"
            case .pageFaultStart: "recoverable page fault start"
            case .pageFaultEnd: "recoverable page fault end"
            case .queueEviction: "queue eviction"
            case .queueRestore: "queue restore"
            case .unmapFromGPU: "unmap from GPU"
            case .processStart: "process start"
            case .processEnd: "process end"
            case .vmFault, .gpuPreReset, .gpuPostReset: "event"
            }
        let task = event.taskName.map { " (\($0))" } ?? ""
        let detail = event.detail.isEmpty ? "" : ": \(event.detail)"
        return "\(name)\(pid)\(task)\(detail)"
    }
}
