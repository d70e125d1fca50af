import Foundation
import Logging
import RocfaultCore
import RocfaultReport
import RocfaultStore

extension IngestLoop {
    /// Hands an incident that was just recorded or became final to the hooks, with the JSON
    /// `rocfault show --json` prints for it. Returns at once: the hooks run on the runner's thread.
    func runHooks(number: Int64, final: Bool) {
        guard let hooks else { return }
        let list = hooks.currentHooks()
        guard !list.isEmpty else { return }
        let stored: StoredIncident?
        do {
            stored = try store.storedIncident(number: number)
        } catch {
            logger.warning("hooks for incident \(number) not run: cannot read it back: \(error)")
            return
        }
        guard let stored, let payload = Self.hookPayload(stored) else {
            logger.warning("hooks for incident \(number) not run: it cannot be read back as JSON")
            return
        }
        hooks.submit(number, event: final ? .final : .recorded, payload: payload, hooks: list)
    }

    /// One line of JSON (sorted keys, the `show --json=short` form) and a newline.
    static func hookPayload(_ stored: StoredIncident) -> [UInt8]? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(IncidentDocument(stored: stored, process: stored.process)) else {
            return nil
        }
        return Array(TerminalSafeText.json(String(decoding: data, as: UTF8.self)).utf8) + [0x0A]
    }
}
