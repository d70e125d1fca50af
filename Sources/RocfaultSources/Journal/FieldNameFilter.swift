/// Decides from a field name's bytes whether a journal field is wanted, and names it with a string
/// made once, so reading an entry makes no string for the fields nobody reads.
struct FieldNameFilter: Sendable {
    private let exact: [(bytes: [UInt8], name: String)]
    private let prefixes: [[UInt8]]

    init(decoder: JournalEntryDecoder) {
        let names = JournalEntryDecoder.recordFieldNames.union(decoder.options.extraFieldNames)
        exact = names.sorted().map { (Array($0.utf8), $0) }
        prefixes = decoder.options.extraFieldPrefixes.map { Array($0.utf8) }
    }

    /// The field's name when it is wanted, else nil.
    func name(of bytes: UnsafeRawBufferPointer) -> String? {
        for candidate in exact where candidate.bytes.count == bytes.count {
            if candidate.bytes.withUnsafeBytes({ $0.elementsEqual(bytes) }) { return candidate.name }
        }
        for prefix in prefixes where bytes.starts(with: prefix) {
            return String(decoding: bytes, as: UTF8.self)
        }
        return nil
    }
}
