#if canImport(Glibc)
import Glibc
#endif
import RocfaultCore
package import RocfaultPlatform

/// Reads `/dev/kmsg` without blocking, one record per `read()`, and tracks coverage gaps.
///
/// Not thread-safe: use it from one thread at a time. ``KmsgSource`` runs one on a dedicated
/// thread and hands its events to async code.
///
/// ```swift
/// let reader = try KmsgReader(path: "/dev/kmsg", start: .afterSequence(saved))
/// while true {
///     while let event = try reader.next() { handle(event) }
///     _ = try reader.waitUntilReadable(timeout: .seconds(1))
/// }
/// ```
package final class KmsgReader {
    /// The device path that was opened.
    package let path: String
    /// The open descriptor (non-blocking), for callers that poll it themselves.
    package let fileDescriptor: Int32
    /// Records whose header could not be parsed and were dropped.
    package private(set) var malformedRecordCount = 0

    private var tracker: KmsgSequenceTracker
    private let options: KmsgReaderOptions
    private let bootID: String?
    private let buffer: UnsafeMutableRawBufferPointer
    private var pending: KmsgEvent?

    /// The last sequence number delivered (or the saved one resumed from): what to save to
    /// resume later with ``KmsgStartPosition/afterSequence(_:)``.
    package var lastSequence: UInt64? { tracker.lastSequence }

    /// Opens the device and positions the reader.
    ///
    /// - Throws: ``SystemCallError`` naming `open` or `lseek` and the path.
    package init(
        path: String = "/dev/kmsg",
        start: KmsgStartPosition = .beginning,
        options: KmsgReaderOptions = KmsgReaderOptions()
    ) throws(SystemCallError) {
        let descriptor = try SystemCall.retrying("open", path: path) {
            open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        }
        do {
            try Self.seek(descriptor, to: start, path: path)
        } catch {
            _ = Glibc.close(descriptor)
            throw error
        }
        self.path = path
        self.fileDescriptor = descriptor
        self.options = options
        self.tracker = KmsgSequenceTracker(start: start)
        self.bootID = try? BootID.current()
        self.buffer = .allocate(byteCount: options.readBufferSize, alignment: 16)
    }

    deinit {
        _ = Glibc.close(fileDescriptor)
        buffer.deallocate()
    }

    /// The next event, or `nil` when no record is available right now.
    ///
    /// A ``KmsgEvent/gap(_:)`` is returned right before the first record after the hole.
    /// - Throws: ``SystemCallError`` for `read` failures other than `EAGAIN` and `EPIPE`.
    package func next() throws(SystemCallError) -> KmsgEvent? {
        if let event = pending {
            pending = nil
            return event
        }
        while true {
            let outcome = try SystemCall.retrying("read", path: path, expecting: [EAGAIN, EPIPE]) {
                read(fileDescriptor, buffer.baseAddress, buffer.count)
            }
            switch outcome {
            case .expectedError(EPIPE):
                tracker.noteOverrun()
            case .expectedError, .value(0):
                return nil
            case .value(let count):
                if let event = admit(UnsafeRawBufferPointer(rebasing: buffer[0..<count])) { return event }
            }
        }
    }

    /// Blocks until a record can be read or the timeout passes (`nil`: no timeout).
    ///
    /// - Returns: Whether the device is readable.
    package func waitUntilReadable(timeout: Duration?) throws(SystemCallError) -> Bool {
        let ready = try Poller.wait(for: [fileDescriptor], timeoutMilliseconds: Poller.milliseconds(timeout))
        return !ready.isEmpty
    }

    private func admit(_ bytes: UnsafeRawBufferPointer) -> KmsgEvent? {
        guard let raw = KmsgRecordParser.parse(bytes) else {
            malformedRecordCount += 1
            return nil
        }
        switch tracker.admit(sequence: raw.sequence) {
        case .skip:
            return nil
        case .deliver(let gap):
            let entry = makeEntry(raw)
            guard let gap else { return .record(entry) }
            pending = .record(entry)
            return .gap(gap)
        }
    }

    private func makeEntry(_ raw: KmsgRecord) -> KmsgEntry {
        let written = raw.facility == 0
        let record = LogRecord(
            text: String(decoding: raw.text, as: UTF8.self),
            origin: written || options.acceptInjectedKernelLines ? .kernel : .userspace,
            format: .kmsg,
            location: SourceLocation(file: options.sourceName ?? path, line: 0),
            monotonicMicroseconds: raw.monotonicMicroseconds,
            identifier: written ? "kernel" : nil,
            priority: raw.level,
            kmsgSequence: raw.sequence,
            bootID: bootID
        )
        return KmsgEntry(
            record: record,
            facility: Int(raw.facility),
            isInjected: !written && options.acceptInjectedKernelLines,
            flags: raw.flags,
            properties: raw.properties
        )
    }

    private static func seek(_ descriptor: Int32, to start: KmsgStartPosition, path: String) throws(SystemCallError) {
        let whence: Int32
        switch start {
        case .beginning, .afterSequence: whence = SEEK_SET
        case .afterLastClear: whence = 3  // SEEK_DATA, hidden behind _GNU_SOURCE in Glibc
        case .end: whence = SEEK_END
        }
        _ = try SystemCall.retrying("lseek", path: path) { lseek(descriptor, 0, whence) }
    }
}
