/// An entry's wanted fields, in the order read. A handful of fields per entry: a linear search by
/// name beats hashing every name into a dictionary for each of a million entries.
struct JournalFields: Sendable {
    private(set) var items: [(name: String, value: [UInt8])] = []

    init() { items.reserveCapacity(16) }

    init(_ dictionary: [String: [UInt8]]) {
        items = dictionary.map { ($0.key, $0.value) }
    }

    subscript(name: String) -> [UInt8]? {
        get { items.first { $0.name == name }?.value }
        set {
            if let index = items.firstIndex(where: { $0.name == name }) {
                if let newValue { items[index].value = newValue } else { items.remove(at: index) }
            } else if let newValue {
                items.append((name, newValue))
            }
        }
    }
}
