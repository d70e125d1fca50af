import Logging
import Foundation
import RocfaultCore
import RocfaultReport
import RocfaultStore
import RocfaultSystem

/// The shell around ``DevcoredumpCapture``: lists, copies, saves, records and frees device
/// coredumps as the state machine decides.
extension IngestLoop {
    /// The most of a dump's `data` copied (amdgpu's dumps are a few MiB with ring contents).
    static let devcoredumpSizeLimit = 32 << 20

    /// A `devcoredump` uevent (or the scan at start): a new dump is captured at once.
    func handleDeviceEvent(_ event: DeviceEvent) {
        if KnownGPUs.isGPUChange(subsystem: event.subsystem, action: "\(event.action)", properties: event.properties) {
            return rereadGPUs(after: event)
        }
        guard event.subsystem == "devcoredump",
            let name = event.sysname ?? event.syspath.flatMap(DevcoredumpDirectory.name(fromDevicePath:))
        else { return }
        let directory = DevcoredumpDirectory(sysfsRoot: configuration.sysfsRoot)
        switch event.action {
        case .add: performCapture(devcoredumpCapture.handle(.appeared(name: name, driver: directory.driver(of: name))))
        case .remove: performCapture(devcoredumpCapture.handle(.vanished(name: name)))
        default: break
        }
    }

    private func performCapture(_ actions: [DevcoredumpCapture.Action]) {
        let directory = DevcoredumpDirectory(sysfsRoot: configuration.sysfsRoot)
        let worker = DevcoredumpWorker(hub: hub, directory: directory)
        for action in actions {
            switch action {
            case .copy(let name): worker.read(name, limit: Self.devcoredumpSizeLimit)
            case .save(let name): saveDevcoredump(name, worker: worker)
            case .record(let name, let dump, let file, let truncated):
                recordDevcoredump(name, dump: dump, file: file, truncated: truncated, directory: directory)
            case .free(let name):
                do {
                    try directory.free(name)
                } catch {
                    logger.warning("cannot free device coredump \(name): \(error); the kernel drops it after 5 minutes")
                }
            case .log(let message): logger.notice("\(message)")
            }
        }
    }

    /// A read or save the worker finished: the state machine hears of it as if done here.
    func devcoredumpWorkDone(_ name: String, outcome: DevcoredumpWorker.Outcome) {
        switch outcome {
        case .read(let bytes, let truncated):
            devcoredumpCopies[name] = bytes
            let text = String(decoding: bytes, as: UTF8.self)
            performCapture(devcoredumpCapture.handle(.copied(name: name, text: text, truncated: truncated)))
            devcoredumpCopies[name] = nil
        case .saved(let file): performCapture(devcoredumpCapture.handle(.saved(name: name, file: file)))
        case .failed(let reason): performCapture(devcoredumpCapture.handle(.copyFailed(name: name, reason: reason)))
        }
    }

    /// Hands the copy to the worker, to write gzip-compressed to
    /// `STATE_DIR/devcoredump/BOOT-NAME-TIME.txt.gz` (mode 0640).
    private func saveDevcoredump(_ name: String, worker: DevcoredumpWorker) {
        let folder = configuration.stateDirectory + "/devcoredump"
        let file = "\(folder)/\(bootID.prefix(8))-\(name)-\(clock.now() / 1_000_000).txt.gz"
        worker.save(name, bytes: devcoredumpCopies.removeValue(forKey: name) ?? [], folder: folder, file: file)
    }

    /// The dump's record goes to the engine (it joins the incident of its process and time), and
    /// the copy to the store with the key of that incident.
    private func recordDevcoredump(
        _ name: String,
        dump: Devcoredump,
        file: String,
        truncated: Bool,
        directory: DevcoredumpDirectory
    ) {
        // The dump's time is this boot's monotonic clock; a time past now cannot be (a damaged dump).
        let monotonicNow = UInt64(clamping: clock.monotonicNow())
        let realtime =
            dump.monotonicMicroseconds.flatMap { $0 <= monotonicNow ? clock.realtime(ofMonotonic: $0) : nil }
            ?? clock.now()
        let record = dump.logRecord(source: "devcoredump", realtimeMicroseconds: realtime, bootID: bootID)
        ingest(record, source: "devcoredump")
        perform(machine.batchDone())
        let incident = engine.openIncidents.first { draft in
            draft.evidence.contains {
                $0.lines.contains { $0.text == record.text && $0.location.file == "devcoredump" }
            }
        }
        let stored = DevcoredumpRecord(
            bootID: bootID,
            name: name,
            failingDevice: directory.failingDevice(of: name),
            file: file,
            size: (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0,
            truncated: truncated,
            resetTime: EventTime(realtimeMicroseconds: realtime, monotonicMicroseconds: dump.monotonicMicroseconds),
            dump: dump,
            incidentKey: incident?.id,
            capturedAt: Date()
        )
        do {
            try store.recordDevcoredump(stored)
        } catch {
            logger.error("cannot store device coredump \(name) (kept at \(file)): \(error)")
        }
    }
}
