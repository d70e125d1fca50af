/// A set of bytes a pattern element may consume (bytes of 0x80 and above stand for any non-ASCII
/// character).
struct ByteSet: Sendable, Hashable {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    static let empty = ByteSet()
    static let all: ByteSet = {
        var set = ByteSet()
        for byte in 0...255 { set.insert(UInt8(byte)) }
        return set
    }()
    static let digits = ByteSet(ranges: [(0x30, 0x39)])
    static let word = ByteSet(ranges: [(0x30, 0x39), (0x41, 0x5A), (0x61, 0x7A), (0x5F, 0x5F), (0x80, 0xFF)])
    static let space = ByteSet(ranges: [(0x09, 0x0D), (0x20, 0x20)])
    static let dot: ByteSet = all.subtracting(ByteSet(ranges: [(0x0A, 0x0A)]))

    init() {}

    init(ranges: [(UInt8, UInt8)]) {
        for (low, high) in ranges where low <= high {
            for byte in low...high { insert(byte) }
        }
    }

    mutating func insert(_ byte: UInt8) {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: words.0 |= bit
        case 1: words.1 |= bit
        case 2: words.2 |= bit
        default: words.3 |= bit
        }
    }

    func contains(_ byte: UInt8) -> Bool {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: return words.0 & bit != 0
        case 1: return words.1 & bit != 0
        case 2: return words.2 & bit != 0
        default: return words.3 & bit != 0
        }
    }

    var isEmpty: Bool { words.0 == 0 && words.1 == 0 && words.2 == 0 && words.3 == 0 }

    func union(_ other: ByteSet) -> ByteSet {
        var result = self
        result.words = (
            words.0 | other.words.0, words.1 | other.words.1, words.2 | other.words.2, words.3 | other.words.3
        )
        return result
    }

    func intersects(_ other: ByteSet) -> Bool {
        words.0 & other.words.0 != 0 || words.1 & other.words.1 != 0 || words.2 & other.words.2 != 0
            || words.3 & other.words.3 != 0
    }

    func subtracting(_ other: ByteSet) -> ByteSet {
        var result = self
        result.words = (
            words.0 & ~other.words.0, words.1 & ~other.words.1, words.2 & ~other.words.2, words.3 & ~other.words.3
        )
        return result
    }

    func inverted() -> ByteSet { ByteSet.all.subtracting(self) }

    static func == (left: ByteSet, right: ByteSet) -> Bool {
        left.words == right.words
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }

    /// A printable member, preferring letters and digits, for building probe strings.
    var representative: UInt8? {
        let preferred = Array("a0Z_ -.:/=,x".utf8)
        if let byte = preferred.first(where: contains) { return byte }
        return (0x20...0x7E).map(UInt8.init).first(where: contains)
    }
}

/// The shape of a regular expression, as far as backtracking is concerned: what each element may
/// consume and how it repeats. Lookarounds, anchors and other zero-width items consume nothing.
indirect enum RegexShape: Sendable, Hashable {
    /// One character from a set.
    case character(ByteSet)
    /// Nothing (an anchor, a lookaround, an empty alternative).
    case zeroWidth
    /// Elements one after the other.
    case sequence([RegexShape])
    /// Alternatives.
    case alternation([RegexShape])
    /// A repeated element; `max` nil is unbounded. `possessive` covers atomic groups too: such a
    /// repetition never gives back what it took.
    case repeated(RegexShape, min: Int, max: Int?, possessive: Bool, offset: Int)

    /// Whether it can match the empty string.
    var isNullable: Bool {
        switch self {
        case .character: false
        case .zeroWidth: true
        case .sequence(let items): items.allSatisfy(\.isNullable)
        case .alternation(let branches): branches.contains(where: \.isNullable)
        case .repeated(let body, let min, _, _, _): min == 0 || body.isNullable
        }
    }

    /// Every byte it may consume.
    var consumable: ByteSet {
        switch self {
        case .character(let set): set
        case .zeroWidth: .empty
        case .sequence(let items): items.reduce(.empty) { $0.union($1.consumable) }
        case .alternation(let branches): branches.reduce(.empty) { $0.union($1.consumable) }
        case .repeated(let body, _, _, _, _): body.consumable
        }
    }

    /// The bytes a match may start with.
    var first: ByteSet {
        switch self {
        case .character(let set): return set
        case .zeroWidth: return .empty
        case .alternation(let branches): return branches.reduce(.empty) { $0.union($1.first) }
        case .repeated(let body, _, _, _, _): return body.first
        case .sequence(let items):
            var result = ByteSet.empty
            for item in items {
                result = result.union(item.first)
                if !item.isNullable { break }
            }
            return result
        }
    }

    /// The repetitions inside it (itself included) that may backtrack without bound.
    var unboundedRepetitions: [RegexShape] {
        switch self {
        case .character, .zeroWidth: return []
        case .sequence(let items): return items.flatMap(\.unboundedRepetitions)
        case .alternation(let branches): return branches.flatMap(\.unboundedRepetitions)
        case .repeated(let body, _, let max, let possessive, _):
            if possessive { return [] }
            return (max == nil ? [self] : []) + body.unboundedRepetitions
        }
    }

    /// Every repetition inside it, itself included, outermost first.
    var repetitions: [RegexShape] {
        switch self {
        case .character, .zeroWidth: return []
        case .sequence(let items): return items.flatMap(\.repetitions)
        case .alternation(let branches): return branches.flatMap(\.repetitions)
        case .repeated(let body, _, _, _, _): return [self] + body.repetitions
        }
    }

    /// Whether `shape` occurs inside it (or is it).
    func contains(_ shape: RegexShape) -> Bool {
        if self == shape { return true }
        switch self {
        case .character, .zeroWidth: return false
        case .sequence(let items): return items.contains { $0.contains(shape) }
        case .alternation(let branches): return branches.contains { $0.contains(shape) }
        case .repeated(let body, _, _, _, _): return body.contains(shape)
        }
    }
}
