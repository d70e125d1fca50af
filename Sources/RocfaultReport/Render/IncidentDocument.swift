import Foundation
public import RocfaultCore
public import RocfaultStore

/// `incident.json`: the stored incident with its context lines, the process and the attribution.
public struct IncidentDocument: Encodable, Sendable {
    /// The layout version of this document.
    public var format = "rocfault-incident/1"
    /// The incident's number, the one `rocfault list` and `show` print (also `incident.id`).
    public var id: Int64
    /// The duplicate signature.
    public var signature: String
    /// The boot.
    public var bootID: String?
    /// The incident as the engine produced it.
    public var incident: Incident
    /// Context lines around each piece of evidence, keyed by evidence index.
    public var context: [String: ContextLines]
    /// The process.
    public var process: ProcessDocument?
    /// Where the evidence points.
    public var upstream: UpstreamAttribution
    /// When the store first and last wrote the incident (UTC).
    public var recordedAt: String
    /// See ``recordedAt``.
    public var updatedAt: String

    /// Context lines of one piece of evidence.
    public struct ContextLines: Encodable, Sendable {
        /// Before it.
        public var before: [EvidenceLine]
        /// After it.
        public var after: [EvidenceLine]
    }

    /// The process fields.
    public struct ProcessDocument: Encodable, Sendable {
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
    public init(stored: StoredIncident, process: ProcessRecord?) {
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
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
