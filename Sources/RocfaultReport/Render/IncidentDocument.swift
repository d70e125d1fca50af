import Foundation
package import RocfaultCore
package import RocfaultStore

/// `incident.json`: the stored incident with its context lines, the process and the attribution.
package struct IncidentDocument: Encodable, Sendable {
    /// The layout version of this document.
    package var format = "rocfault-incident/1"
    /// The incident's number, the one `rocfault list` and `show` print (also `incident.id`).
    package var id: Int64
    /// The duplicate signature.
    package var signature: String
    /// The boot.
    package var bootID: String?
    /// The incident as the engine produced it.
    package var incident: Incident
    /// Context lines around each piece of evidence, keyed by evidence index.
    package var context: [String: ContextLines]
    /// The process.
    package var process: ProcessDocument?
    /// Where the evidence points.
    package var upstream: UpstreamAttribution
    /// When the store first and last wrote the incident (UTC).
    package var recordedAt: String
    /// See ``recordedAt``.
    package var updatedAt: String

    /// Context lines of one piece of evidence.
    package struct ContextLines: Encodable, Sendable {
        /// Before it.
        package var before: [EvidenceLine]
        /// After it.
        package var after: [EvidenceLine]
    }

    /// The process fields.
    package struct ProcessDocument: Encodable, Sendable {
        var pid: Int32
        var startTime: UInt64
        var comm: String?
        var exe: String?
        var cmdline: [String]
        var unit: String?
        var gpuNodes: [String]
        var libraryVersions: [String: String]
        var environment: [String: String]
        var exitSignal: Int32?
        var coredumpStack: String?
    }

    /// Builds the document; `process` is already redacted.
    package init(stored: StoredIncident, process: ProcessRecord?) {
        id = stored.number
        signature = stored.incident.signature
        bootID = stored.bootID
        incident = stored.shown
        context = Dictionary(
            uniqueKeysWithValues: stored.context.map {
                (String($0.key), ContextLines(before: $0.value.before, after: $0.value.after))
            }
        )
        self.process = process.map {
            ProcessDocument(
                pid: $0.key.pid,
                startTime: $0.key.startTime,
                comm: $0.comm,
                exe: $0.exe,
                cmdline: $0.cmdline,
                unit: $0.unit,
                gpuNodes: $0.gpuNodes,
                libraryVersions: $0.libraryVersions,
                environment: $0.environment,
                exitSignal: $0.exitSignal,
                coredumpStack: $0.coredumpStack
            )
        }
        upstream = UpstreamAttribution.attribute(stored.incident)
        recordedAt = TimeText.utc(microseconds: Int64(stored.createdAt.timeIntervalSince1970 * 1_000_000))
        updatedAt = TimeText.utc(microseconds: Int64(stored.updatedAt.timeIntervalSince1970 * 1_000_000))
    }

    /// Pretty JSON with sorted keys.
    package func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
