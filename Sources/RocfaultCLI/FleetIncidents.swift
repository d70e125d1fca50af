import Foundation
import RocfaultCore
import RocfaultSources
import RocfaultStore

/// `--journal-directory DIR` of `list` and `show`: incidents read from the announcements that many
/// machines' rocfaultd wrote into a journal collected by systemd-journal-remote, not from a store.
struct FleetIncidents {
    let directory: String

    /// The announcements of `host` (every host when nil), newest first; a note on standard error
    /// counts the announcement-like entries that were refused.
    func load(host: String?) throws -> [IncidentAnnouncement] {
        let entries: [[String: String]]
        do {
            entries = try JournalMessageReader.entries(
                directory: directory,
                messageIDs: [IncidentAnnouncement.recordedMessageID, IncidentAnnouncement.finalMessageID],
                fieldNames: IncidentAnnouncement.journalFieldNames
            )
        } catch {
            throw CLIError.usage("cannot read the journal directory \(directory): \(error)")
        }
        let list = FleetIncidentList(entries: entries)
        if !list.refused.isEmpty {
            let reasons = Set(list.refused.map(\.description)).sorted().prefix(3).joined(separator: "; ")
            Terminal.standardError.write(
                "rocfault: ignored \(list.refused.count) entries with an incident MESSAGE_ID (\(reasons))\n"
                    .terminalSafe
            )
        }
        guard let host else { return list.incidents }
        return list.incidents.filter { $0.host == host }
    }

    /// Whether `announcement` passes the list filters of `query` (times, side, pid, comm).
    static func matches(_ announcement: IncidentAnnouncement, _ query: IncidentQuery) -> Bool {
        let incident = announcement.incident
        let time = incident.firstSeen.realtimeMicroseconds.map { Date(timeIntervalSince1970: Double($0) / 1_000_000) }
        if let since = query.since, time.map({ $0 < since }) ?? true { return false }
        if let until = query.until, time.map({ $0 > until }) ?? true { return false }
        if let side = query.side, incident.verdict.side != side { return false }
        if let pid = query.pid, incident.pid != pid { return false }
        if let comm = query.comm, incident.comm != comm { return false }
        if let bootID = query.bootID, announcement.bootID != bootID { return false }
        return true
    }
}

/// An announced incident in JSON: the fields `rocfault list --json` prints for a stored incident
/// (evidence and rule counts empty: announcements do not carry them) plus `host`, `gpu`,
/// `gfxTarget` and `bootID`.
struct FleetIncidentDocument: Encodable {
    let announcement: IncidentAnnouncement

    private enum Keys: String, CodingKey {
        case host
        case gpu
        case gfxTarget
        case bootID
    }

    func encode(to encoder: any Encoder) throws {
        try announcement.incident.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encodeIfPresent(announcement.host, forKey: .host)
        try container.encodeIfPresent(announcement.gpu, forKey: .gpu)
        try container.encodeIfPresent(announcement.gfxTarget, forKey: .gfxTarget)
        try container.encodeIfPresent(announcement.bootID, forKey: .bootID)
    }
}

/// The table of `rocfault list --journal-directory`: `list`'s columns with the host first.
struct FleetIncidentTable {
    static let headers = ["HOST"] + IncidentTable.headers

    /// The whole table, with a header and a count unless `legend` is false.
    static func render(_ announcements: [IncidentAnnouncement], legend: Bool) -> String {
        let rows = announcements.map { [($0.host ?? "-").terminalSafe] + IncidentTable.cells($0.incident) }
        var widths = headers.map(\.count)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        let line = { (cells: [String]) -> String in
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell.padding(toLength: widths[index] + 2, withPad: " ", startingAt: 0)
            }.joined()
        }
        var text = legend ? line(headers) + "\n" : ""
        for row in rows { text += line(row) + "\n" }
        if legend {
            let hosts = Set(announcements.compactMap(\.host)).count
            text += "\n\(announcements.count) incident\(announcements.count == 1 ? "" : "s") from \(hosts) "
            text += "host\(hosts == 1 ? "" : "s") listed.\n"
        }
        return text
    }
}
