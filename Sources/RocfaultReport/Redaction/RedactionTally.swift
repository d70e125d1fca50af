/// The distinct values a ``Redactor`` removed, by kind (the values stay in memory only, for counting).
package struct RedactionTally: Sendable, Hashable {
    private var values: [RedactionKind: Set<String>] = [:]

    /// An empty tally.
    package init() {}

    /// Notes one removed value.
    package mutating func note(_ kind: RedactionKind, _ value: String) {
        values[kind, default: []].insert(value)
    }

    /// Adds another tally's values.
    package mutating func merge(_ other: RedactionTally) {
        for (kind, set) in other.values { values[kind, default: []].formUnion(set) }
    }

    /// How many distinct values of a kind were removed.
    package func count(of kind: RedactionKind) -> Int { values[kind]?.count ?? 0 }

    /// Whether nothing was removed.
    package var isEmpty: Bool { values.values.allSatisfy(\.isEmpty) }

    /// `2 email addresses, 1 API token, 1 password`, or `nothing`.
    package var summary: String {
        let parts = RedactionKind.allCases.compactMap { kind -> String? in
            let count = count(of: kind)
            return count == 0 ? nil : kind.phrase(count: count)
        }
        return parts.isEmpty ? "nothing" : parts.joined(separator: ", ")
    }
}
