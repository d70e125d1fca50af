#if canImport(Glibc)
import Glibc
#endif

/// Decides from a field name's bytes whether a journal field is wanted, and which record field or
/// extra it is, with strings made once: reading an entry makes no string for a field name.
struct FieldNameFilter: Sendable {
    /// What a wanted field is.
    struct Match: Sendable {
        /// The record field it is, if any.
        var field: JournalRecordField?
        /// Its name when it is also kept as an extra (``JournalEntry/fields``).
        var extraName: String?
    }

    /// Exact names by length, so a lookup compares bytes with a few names at most.
    private let exactByLength: [[(bytes: [UInt8], match: Match)]]
    private let prefixes: [[UInt8]]

    init(options: JournalReaderOptions) {
        let names = Set(JournalRecordField.allCases.map(\.name)).union(options.extraFieldNames)
        var byLength = [[(bytes: [UInt8], match: Match)]](repeating: [], count: 1 + names.map(\.utf8.count).max()!)
        for name in names.sorted() {
            let match = Match(field: JournalRecordField(name: name), extraName: options.wantsExtra(name) ? name : nil)
            byLength[name.utf8.count].append((Array(name.utf8), match))
        }
        exactByLength = byLength
        prefixes = options.extraFieldPrefixes.map { Array($0.utf8) }
    }

    /// What the field named by these bytes is, or nil when it is not wanted.
    func match(_ bytes: UnsafeRawBufferPointer) -> Match? {
        if bytes.count < exactByLength.count {
            for candidate in exactByLength[bytes.count] {
                if candidate.bytes.withUnsafeBytes({ $0.sameBytes(as: bytes) }) { return candidate.match }
            }
        }
        for prefix in prefixes where bytes.starts(with: prefix) {
            return Match(field: nil, extraName: String(decoding: bytes, as: UTF8.self))
        }
        return nil
    }

    /// What the field called `name` is, or nil when it is not wanted.
    func match(name: String) -> Match? {
        var name = name
        return name.withUTF8 { match(UnsafeRawBufferPointer($0)) }
    }
}

extension UnsafeRawBufferPointer {
    /// Whether both buffers hold the same bytes (`memcmp`, without walking them as sequences).
    func sameBytes(as other: UnsafeRawBufferPointer) -> Bool {
        guard count == other.count else { return false }
        guard count > 0, let base = baseAddress, let otherBase = other.baseAddress else { return true }
        return memcmp(base, otherBase, count) == 0
    }
}
