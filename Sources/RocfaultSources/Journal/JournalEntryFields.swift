/// An entry's wanted fields, decoded as they are read: the record's fields in slots, the wanted
/// extras by name. Only the first value of a field counts.
struct JournalEntryFields: Sendable {
    private var slots = InlineArray<13, String?>(repeating: nil)
    /// The wanted extra fields (see ``JournalReaderOptions/extraFieldNames``).
    private(set) var extras: [String: String] = [:]

    init() {}

    /// The value of one of the record's fields.
    subscript(field: JournalRecordField) -> String? {
        slots[field.rawValue]
    }

    /// Whether a field was read already (a repeated field keeps its first value).
    func has(_ match: FieldNameFilter.Match) -> Bool {
        if let field = match.field { return slots[field.rawValue] != nil }
        return match.extraName.map { extras[$0] != nil } ?? true
    }

    /// Stores a field's value, replacing what was there.
    mutating func set(_ match: FieldNameFilter.Match, to value: String) {
        if let field = match.field { slots[field.rawValue] = value }
        if let name = match.extraName { extras[name] = value }
    }
}
