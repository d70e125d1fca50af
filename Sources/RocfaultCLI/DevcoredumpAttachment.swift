import RocfaultReport
import RocfaultSources
import RocfaultStore
import RocfaultPlatform

/// The device coredumps of an incident, read back from the daemon's compressed copies for a report.
enum DevcoredumpAttachment {
    /// Each stored dump with its text; a copy that cannot be read is attached as a note saying why.
    static func load(from store: IncidentStore, incidentKey: String) -> [ReportDevcoredump] {
        let stored = (try? store.devcoredumps(incidentKey: incidentKey)) ?? []
        return stored.map { dump in
            let text: String
            do {
                let compressed = try FileIO.contents(dump.file, limit: 64 << 20)
                text = String(decoding: try GzipDecompressor.decompress(compressed), as: UTF8.self)
            } catch {
                text = "(the copy \(dump.file) could not be read: \(error))\n"
            }
            return ReportDevcoredump(name: dump.name, summary: dump.summary, text: text, truncated: dump.truncated)
        }
    }
}
