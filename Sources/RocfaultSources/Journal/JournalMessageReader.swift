package import RocfaultPlatform
/// Reads the entries with given MESSAGE_IDs from journal files in a directory (as
/// systemd-journal-remote writes them for many machines), oldest first, with the fields asked for.
///
/// Runs on the calling thread from open to close: sd-journal handles stay on one thread.
package enum JournalMessageReader {
    /// The entries of `directory` whose MESSAGE_ID is one of `messageIDs`, each as the fields in
    /// `fieldNames` it has (values that are not UTF-8 are repaired) plus `__REALTIME_TIMESTAMP`.
    package static func entries(
        directory: String,
        messageIDs: [String],
        fieldNames: Set<String>
    ) throws(SystemCallError) -> [[String: String]] {
        let journal = try SDJournal(.directory(directory))
        for id in messageIDs { try journal.addMatch("MESSAGE_ID=\(id)") }
        try journal.seekHead()
        var entries: [[String: String]] = []
        while try journal.next() {
            var fields: [String: String] = [:]
            for name in fieldNames where !name.hasPrefix("__") {
                if let value = try journal.data(name) { fields[name] = String(decoding: value, as: UTF8.self) }
            }
            fields["__REALTIME_TIMESTAMP"] = String(try journal.realtime())
            entries.append(fields)
        }
        return entries
    }
}
