/// One test of a doctor check's condition on one fact.
package enum FactTest: Sendable, Hashable {
    /// `set: true` holds when the fact has a value; `set: false` when it is absent.
    case isSet(Bool)
    /// `is: X` or `in: [X, Y]`: the value equals one of these (numbers compare by value, so
    /// `0x83` equals `0x00000083`; text compares case-insensitively).
    case oneOf([String])
    /// `not-in: [X, Y]`: the value is set and equals none of these.
    case noneOf([String])
    /// `below: 7.2`: the value is a version lower than this one.
    case below(String)
    /// `at-least: 1.20`: the value is a version at least this one.
    case atLeast(String)
    /// `prefix: [7.0.0-28-]`: the value starts with one of these.
    case prefix([String])
    /// `contains: pt`: the value contains this text (case-insensitively); on lists, one element.
    case contains(String)

    /// The result on a fact: `nil` when the fact is unknown.
    package func holds(on fact: DoctorFact) -> Bool? {
        if fact.isUnknown { return nil }
        guard let value = fact.value else {
            if case .isSet(let wanted) = self { return !wanted }
            return false
        }
        switch self {
        case .isSet(let wanted): return wanted
        case .oneOf(let candidates): return candidates.contains { FactVersion.equal(value, $0) }
        case .noneOf(let candidates): return !candidates.contains { FactVersion.equal(value, $0) }
        case .below(let bound): return FactVersion.compare(value, bound) < 0
        case .atLeast(let bound): return FactVersion.compare(value, bound) >= 0
        case .prefix(let prefixes): return prefixes.contains { value.lowercased().hasPrefix($0.lowercased()) }
        case .contains(let part): return value.lowercased().contains(part.lowercased())
        }
    }

    /// The YAML form, for messages: `below: 7.2`.
    package var description: String {
        switch self {
        case .isSet(let wanted): "set: \(wanted)"
        case .oneOf(let values): values.count == 1 ? "is: \(values[0])" : "in: [\(values.joined(separator: ", "))]"
        case .noneOf(let values): "not-in: [\(values.joined(separator: ", "))]"
        case .below(let bound): "below: \(bound)"
        case .atLeast(let bound): "at-least: \(bound)"
        case .prefix(let values): "prefix: [\(values.joined(separator: ", "))]"
        case .contains(let part): "contains: \(part)"
        }
    }
}

/// Compares version-like values: `6.17.0-14-generic` against `6.18`, `0x83` against `0x80`, `1.20` against `1.9`.
package enum FactVersion {
    /// Negative, zero or positive as `left` is lower than, equal to or higher than `right`.
    /// Parts are split at anything not a letter or digit; numeric parts (decimal, or hex after `0x`)
    /// compare by value, others as lowercase text; a missing part counts as `0`.
    package static func compare(_ left: String, _ right: String) -> Int {
        let lhs = parts(left)
        let rhs = parts(right)
        for index in 0..<max(lhs.count, rhs.count) {
            if index >= min(lhs.count, rhs.count), case .text = (index < lhs.count ? lhs[index] : rhs[index]) {
                return 0  // a trailing flavour (`-generic`) after equal numbers does not order
            }
            let a = index < lhs.count ? lhs[index] : .number(0)
            let b = index < rhs.count ? rhs[index] : .number(0)
            let order = a.compare(b)
            if order != 0 { return order }
        }
        return 0
    }

    /// Whether two values are equal: as numbers when both are one number, else as lowercase text.
    package static func equal(_ left: String, _ right: String) -> Bool {
        if let a = number(left), let b = number(right) { return a == b }
        return left.lowercased() == right.lowercased()
    }

    /// A whole value as one number (`131`, `0x00000083`), else `nil`.
    package static func number(_ text: String) -> UInt64? {
        let lower = text.lowercased()
        if lower.hasPrefix("0x") { return UInt64(lower.dropFirst(2), radix: 16) }
        return UInt64(lower)
    }

    private enum Part {
        case number(UInt64)
        case text(String)

        func compare(_ other: Part) -> Int {
            switch (self, other) {
            case (.number(let a), .number(let b)): a < b ? -1 : (a == b ? 0 : 1)
            case (.number, .text): 1
            case (.text, .number): -1
            case (.text(let a), .text(let b)): a < b ? -1 : (a == b ? 0 : 1)
            }
        }
    }

    private static func parts(_ text: String) -> [Part] {
        if let whole = number(text) { return [.number(whole)] }
        return text.lowercased().split { !($0.isLetter || $0.isNumber) }.map { part in
            UInt64(part).map(Part.number) ?? .text(String(part))
        }
    }
}
