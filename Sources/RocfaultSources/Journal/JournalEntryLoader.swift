/// Reads the current entry of an ``SDJournal`` into a ``JournalEntry``.
///
/// Fields are enumerated with a 64 KiB decompression threshold, so a huge field nobody wants
/// (a core dump stored in the journal) is never decompressed whole; wanted fields that may have
/// been cut at the threshold are then read again in full. (libsystemd 252 ignores the
/// threshold for zstd, its default compression, and returns whole values anyway; the re-read
/// matters for journals compressed with LZ4 or XZ and for other libsystemd versions.)
struct JournalEntryLoader {
    /// The enumeration threshold; a wanted value at least this long is re-read whole.
    static let enumerationThreshold = 64 * 1024

    /// Turns raw fields into entries.
    var decoder: JournalEntryDecoder

    /// The current entry.
    func load(from journal: SDJournal) throws(SystemCallError) -> JournalEntry {
        var fields: [String: [UInt8]] = [:]
        var possiblyTruncated: [String] = []
        try journal.setDataThreshold(Self.enumerationThreshold)
        journal.forEachField { name, value in
            guard decoder.wants(name), fields[name] == nil else { return }
            fields[name] = Array(value)
            if value.count >= Self.enumerationThreshold { possiblyTruncated.append(name) }
        }
        try journal.setDataThreshold(0)
        for name in possiblyTruncated {
            if let whole = try journal.data(name) { fields[name] = whole }
        }
        let monotonic = try? journal.monotonic()
        return decoder.entry(
            fields: fields,
            cursor: try journal.cursor(),
            realtime: try? journal.realtime(),
            monotonic: monotonic?.microseconds,
            bootID: monotonic?.bootID
        )
    }
}
