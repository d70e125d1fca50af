/// What the ``LiveEngine`` keeps for one source: kept together so feeding a record looks the source
/// up once.
struct LiveSourceState: Sendable {
    /// The running count of the source's records (the ordinal of the last one).
    var ordinal = 0
    /// Multi-line blocks in progress; made at the source's first match.
    var assembler: EvidenceAssembler?
    /// The last records read, for the context of new evidence.
    var recent: RecentRecords

    init(keeping count: Int) {
        recent = RecentRecords(capacity: count)
    }
}

/// The last few records of a source in a ring of fixed size: adding one overwrites the oldest
/// in place, with no copy of the others.
struct RecentRecords: Sendable {
    private var storage: [LogRecord] = []
    private var oldest = 0
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
        storage.reserveCapacity(self.capacity)
    }

    /// Adds a record, dropping the oldest when full.
    mutating func append(_ record: LogRecord) {
        guard storage.count == capacity else {
            storage.append(record)
            return
        }
        storage[oldest] = record
        oldest = (oldest + 1) % capacity
    }

    /// The records, oldest first.
    var records: [LogRecord] { Array(storage[oldest...] + storage[..<oldest]) }
}
