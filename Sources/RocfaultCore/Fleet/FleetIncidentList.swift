/// The incidents many machines announced into one journal, one per machine and incident number,
/// in the state of its latest announcement (final once its final announcement arrived).
package struct FleetIncidentList: Sendable {
    /// The incidents, newest first (by first sight), then by host and number.
    package private(set) var incidents: [IncidentAnnouncement] = []
    /// Entries with an announcement's MESSAGE_ID that were not read, and why (a sender that is not
    /// rocfaultd, a field of a newer rocfault).
    package private(set) var refused: [AnnouncementReadError] = []

    /// Folds journal entries (as ``IncidentAnnouncement/init(journalFields:)`` reads them), oldest first.
    package init(entries: [[String: String]]) {
        var latest: [Key: IncidentAnnouncement] = [:]
        for fields in entries {
            do {
                let announcement = try IncidentAnnouncement(journalFields: fields)
                latest[Key(host: announcement.host ?? "", number: announcement.number)] = announcement
            } catch {
                if error.code != .notAnnouncement { refused.append(error) }
            }
        }
        incidents = latest.values.sorted(by: Self.newestFirst)
    }

    private struct Key: Hashable {
        var host: String
        var number: Int64
    }

    private static func newestFirst(_ left: IncidentAnnouncement, _ right: IncidentAnnouncement) -> Bool {
        let leftTime = left.incident.firstSeen.realtimeMicroseconds ?? .min
        let rightTime = right.incident.firstSeen.realtimeMicroseconds ?? .min
        if leftTime != rightTime { return leftTime > rightTime }
        if left.host != right.host { return (left.host ?? "") < (right.host ?? "") }
        return left.number > right.number
    }

    /// The hosts that announced incidents, sorted.
    package var hosts: [String] { Set(incidents.compactMap(\.host)).sorted() }
}
