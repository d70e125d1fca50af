import RocfaultCore
import RocfaultPlatform

#if canImport(Glibc)
import Glibc
#endif

/// Copies the child's stderr to rocfault's stderr as it arrives and hands every line to the scanner;
/// lines that match a rule go to the journal.
struct StderrPump {
    let channel: StderrChannel
    private var scanner: RunScanner
    private let journal: RunJournal
    private var splitter = LineSplitter()
    private var buffer = [UInt8](repeating: 0, count: 65536)
    /// Whether the child's end may still deliver output.
    private(set) var isOpen = true
    /// The last non-blank line the child printed (the phase it reached).
    private(set) var lastLine: String?

    init(channel: StderrChannel, scanner: RunScanner, journal: RunJournal) {
        self.channel = channel
        self.scanner = scanner
        self.journal = journal
    }

    var fd: Int32 { channel.readEnd }

    /// Reads once; returns whether output arrived. End of file and EIO (a pty whose other side closed) end it.
    mutating func readAvailable() -> Bool {
        let outcome = try? SystemCall.retrying("read", expecting: [EAGAIN]) {
            buffer.withUnsafeMutableBytes { read(channel.readEnd, $0.baseAddress, $0.count) }
        }
        if case .expectedError = outcome { return false }
        guard case .value(let count) = outcome, count > 0 else {
            isOpen = false
            return false
        }
        buffer.withUnsafeBytes { raw in
            let chunk = UnsafeRawBufferPointer(rebasing: raw[0..<count])
            Self.writeAll(chunk, to: 2)
            for line in splitter.add(chunk) { scan(line) }
        }
        return true
    }

    /// Scans what is left and hands the scanner back.
    mutating func finish() -> RunScanner {
        for line in splitter.finish() { scan(line) }
        return scanner
    }

    /// Known issues that would match if the stall notice's headline joined the evidence so far.
    func knownIssues(withStall headline: String) -> [KnownIssueMatch] {
        var preview = scanner
        _ = preview.scan(stallHeadline: headline, now: SystemClock.realtimeMicroseconds())
        let now = SystemClock.realtimeMicroseconds()
        // No kernel log is judged for a preview: an empty ledger (not provided).
        let incidents = preview.finish(
            now: now,
            ledger: KernelLogCoverageLedger(),
            end: EventTime(realtimeMicroseconds: now)
        )
        return incidents.first { $0.verdict.side == .hang }?.knownIssues ?? []
    }

    /// Adds the stall notice's headline to the evidence (and the journal), when the job ends stalled.
    mutating func recordStall(_ headline: String) {
        let rules = scanner.scan(stallHeadline: headline, now: SystemClock.realtimeMicroseconds())
        journal.record(line: headline, rules: rules)
    }

    private mutating func scan(_ line: String) {
        if line.contains(where: { !$0.isWhitespace }) { lastLine = line }
        let rules = scanner.scan(stderrLine: line, now: SystemClock.realtimeMicroseconds())
        journal.record(line: line, rules: rules)
    }

    private static func writeAll(_ bytes: UnsafeRawBufferPointer, to fd: Int32) {
        try? FileIO.writeAll(bytes, to: fd)
    }
}
