import Foundation
import RocfaultPlatform
import RocfaultReport
import RocfaultSystem

/// The blocking part of capturing a device coredump, off the processing loop: reading `data` (up
/// to 32 MiB from a driver that may be slow to produce it) and writing its gzip-compressed copy.
/// Each job runs on a thread of its own (dumps are rare) and its outcome comes back to the loop as
/// a ``DaemonEvent/devcoredumpWork(name:outcome:)`` event, which it feeds to ``DevcoredumpCapture``
/// exactly as the read or save would have. A job still running when the daemon stops is dropped:
/// the dump is freed only after its copy is saved, so it stays in sysfs for the next start.
struct DevcoredumpWorker: Sendable {
    /// What a job did.
    enum Outcome: Sendable {
        /// `data` was read (`truncated` at the size cap).
        case read(bytes: [UInt8], truncated: Bool)
        /// The compressed copy is at `file`.
        case saved(file: String)
        /// Reading or saving failed, in words.
        case failed(String)
    }

    let hub: EventHub
    let directory: DevcoredumpDirectory

    /// Reads `name`'s `data`, at most `limit` bytes.
    func read(_ name: String, limit: Int) {
        let directory = self.directory
        run(name) {
            do {
                let (bytes, truncated) = try directory.read(name, limit: limit)
                return .read(bytes: bytes, truncated: truncated)
            } catch {
                return .failed("\(error)")
            }
        }
    }

    /// Writes `bytes`, gzip-compressed, to `file` in `folder` (made 0750; the file 0640).
    func save(_ name: String, bytes: [UInt8], folder: String, file: String) {
        run(name) {
            do {
                let compressed = try GzipCompressor.compress(bytes, level: 6)
                try FileManager.default.createDirectory(
                    atPath: folder,
                    withIntermediateDirectories: true,
                    attributes: [.posixPermissions: 0o750]
                )
                let created = FileManager.default.createFile(
                    atPath: file,
                    contents: Data(compressed),
                    attributes: [.posixPermissions: 0o640]
                )
                guard created else { throw CocoaError(.fileWriteUnknown) }
                return .saved(file: file)
            } catch {
                return .failed("cannot save \(file): \(error)")
            }
        }
    }

    private func run(_ name: String, _ job: @escaping @Sendable () -> Outcome) {
        let hub = self.hub
        DedicatedThread.start(name: "rocfault-devcd") {
            hub.send(.devcoredumpWork(name: name, outcome: job()))
        }
    }
}
