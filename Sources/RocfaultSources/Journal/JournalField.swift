/// One `NAME=value` field of a journal entry to write.
package struct JournalField: Sendable, Hashable {
    /// The field name: uppercase ASCII letters, digits and underscores, not starting with an
    /// underscore or digit (journald reserves `_` fields), at most 64 characters.
    package var name: String
    /// The value: any bytes, newlines included.
    package var value: [UInt8]

    /// Creates a field with a binary value.
    package init(_ name: String, bytes: [UInt8]) {
        self.name = name
        self.value = bytes
    }

    /// Creates a field with a text value.
    package init(_ name: String, _ value: String) {
        self.init(name, bytes: Array(value.utf8))
    }

    /// Whether journald accepts ``name`` from a client.
    package var hasValidName: Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, bytes.count <= 64, first != UInt8(ascii: "_"),
            !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first)
        else { return false }
        return bytes.allSatisfy { byte in
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "_")
        }
    }
}
