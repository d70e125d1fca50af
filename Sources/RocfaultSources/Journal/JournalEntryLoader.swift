internal import CSystemd
import RocfaultPlatform

/// Reads the current entry of an ``SDJournal`` into a ``JournalEntry``.
///
/// Fields are enumerated with a 64 KiB decompression threshold, so a huge field nobody wants
/// (a core dump stored in the journal) is never decompressed whole; wanted fields that may have
/// been cut at the threshold are then read again in full. (libsystemd 252 ignores the
/// threshold for zstd, its default compression, and returns whole values anyway; the re-read
/// matters for journals compressed with LZ4 or XZ and for other libsystemd versions.)
///
/// Values are decoded straight from sd-journal's buffers; a value repeated from the previous entry
/// reuses its string (``JournalValueCache``), so an ordinary entry costs one string: its message.
struct JournalEntryLoader {
    /// The enumeration threshold; a wanted value at least this long is re-read whole.
    static let enumerationThreshold = 64 * 1024

    /// Turns decoded fields into entries.
    let decoder: JournalEntryDecoder
    private let nameFilter: FieldNameFilter
    private var cache = JournalValueCache()
    private var lastBoot: (id: sd_id128_t, text: String)?

    init(decoder: JournalEntryDecoder) {
        self.decoder = decoder
        self.nameFilter = FieldNameFilter(options: decoder.options)
    }

    /// The current entry; its cursor is left empty unless `withCursor`.
    mutating func load(from journal: SDJournal, withCursor: Bool = true) throws(SystemCallError) -> JournalEntry {
        var fields = JournalEntryFields()
        var possiblyTruncated: [(name: String, match: FieldNameFilter.Match)] = []
        try journal.setDataThreshold(Self.enumerationThreshold)
        journal.forEachField { name, value in
            guard let match = nameFilter.match(name), !fields.has(match) else { return }
            fields.set(match, to: cache.text(of: match.field, value))
            if value.count >= Self.enumerationThreshold {
                possiblyTruncated.append((match.field?.name ?? match.extraName ?? "", match))
            }
        }
        try journal.setDataThreshold(0)
        for (name, match) in possiblyTruncated {
            if let whole = try journal.data(name) { fields.set(match, to: String(decoding: whole, as: UTF8.self)) }
        }
        let monotonic = try? journal.monotonic()
        return decoder.entry(
            fields: fields,
            cursor: withCursor ? try journal.cursor() : "",
            realtime: try? journal.realtime(),
            monotonic: monotonic?.microseconds
        ) { monotonic.map { bootText($0.bootID) } }
    }

    /// The boot ID as text, formatted once per boot rather than once per entry.
    private mutating func bootText(_ id: sd_id128_t) -> String {
        if let lastBoot, lastBoot.id.qwords == id.qwords { return lastBoot.text }
        let text = BootID.format(id)
        lastBoot = (id, text)
        return text
    }
}
