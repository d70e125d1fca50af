/// Reads a PCRE2 pattern (already known to compile) into a ``RegexShape``. Lenient: anything it does
/// not model (recursion, verbs, conditionals) is read as zero-width, an unknown escape as the
/// character itself, so it never fails.
struct RegexShapeParser {
    private let bytes: [UInt8]
    private var index = 0
    private var caseless = false

    init(_ pattern: String) {
        bytes = Array(pattern.utf8)
    }

    /// The shape of the whole pattern.
    static func shape(of pattern: String) -> RegexShape {
        var parser = RegexShapeParser(pattern)
        return parser.alternation()
    }

    private var atEnd: Bool { index >= bytes.count }
    private func peek(_ offset: Int = 0) -> UInt8? {
        index + offset < bytes.count ? bytes[index + offset] : nil
    }

    private mutating func alternation() -> RegexShape {
        var branches = [sequence()]
        while peek() == UInt8(ascii: "|") {
            index += 1
            branches.append(sequence())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func sequence() -> RegexShape {
        var items: [RegexShape] = []
        while let byte = peek(), byte != UInt8(ascii: "|"), byte != UInt8(ascii: ")") {
            let start = index
            let (atom, atomic) = self.atom()
            items.append(quantified(atom, atomic: atomic, offset: start))
        }
        return items.count == 1 ? items[0] : .sequence(items)
    }

    private mutating func atom() -> (RegexShape, atomic: Bool) {
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "("): return group()
        case UInt8(ascii: "["): return (.character(characterClass()), false)
        case UInt8(ascii: "."): return (.character(.dot), false)
        case UInt8(ascii: "^"), UInt8(ascii: "$"): return (.zeroWidth, false)
        case UInt8(ascii: "\\"): return (escape(inClass: false) ?? .zeroWidth, false)
        default: return (.character(literal(byte)), false)
        }
    }

    private func literal(_ byte: UInt8) -> ByteSet {
        var set = ByteSet.empty
        set.insert(byte)
        if caseless, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) { set.insert(byte ^ 0x20) }
        return set
    }

    /// After `(`: groups, atomic groups, lookarounds (zero-width), comments, flags, verbs.
    private mutating func group() -> (RegexShape, atomic: Bool) {
        var atomic = false
        var lookaround = false
        if peek() == UInt8(ascii: "*") {
            skipToClosingParenthesis()
            return (.zeroWidth, false)
        }
        if peek() == UInt8(ascii: "?") {
            index += 1
            switch peek() {
            case UInt8(ascii: ">"):
                atomic = true
                index += 1
            case UInt8(ascii: "="), UInt8(ascii: "!"):
                lookaround = true
                index += 1
            case UInt8(ascii: "#"), UInt8(ascii: "R"), UInt8(ascii: "&"), UInt8(ascii: "("):
                skipToClosingParenthesis()
                return (.zeroWidth, false)
            case UInt8(ascii: "<") where peek(1) == UInt8(ascii: "=") || peek(1) == UInt8(ascii: "!"):
                lookaround = true
                index += 2
            default:
                if let flagsOnly = readGroupPrefix() { return (flagsOnly, false) }
            }
        }
        let body = alternation()
        if peek() == UInt8(ascii: ")") { index += 1 }
        return (lookaround ? .zeroWidth : body, atomic)
    }

    /// Reads `:`, `|`, `<name>`, `P<name>`, `'name'` or flags (`i)`, `i:`); returns zero-width for a
    /// flags-only group such as `(?i)`, or a recursion such as `(?1)`.
    private mutating func readGroupPrefix() -> RegexShape? {
        switch peek() {
        case UInt8(ascii: ":"), UInt8(ascii: "|"):
            index += 1
            return nil
        case UInt8(ascii: "P") where peek(1) != UInt8(ascii: "<"):
            skipToClosingParenthesis()
            return .zeroWidth
        case UInt8(ascii: "<"), UInt8(ascii: "P"):
            while let byte = peek(), byte != UInt8(ascii: ">") { index += 1 }
            index += 1
            return nil
        case UInt8(ascii: "'"):
            index += 1
            while let byte = peek(), byte != UInt8(ascii: "'") { index += 1 }
            index += 1
            return nil
        default:
            return readFlags()
        }
    }

    private mutating func readFlags() -> RegexShape? {
        var enable = true
        while let byte = peek() {
            index += 1
            switch byte {
            case UInt8(ascii: ")"): return .zeroWidth
            case UInt8(ascii: ":"): return nil
            case UInt8(ascii: "-"): enable = false
            case UInt8(ascii: "i"): caseless = enable
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"):
                skipToClosingParenthesis()
                return .zeroWidth
            default: continue
            }
        }
        return .zeroWidth
    }

    private mutating func skipToClosingParenthesis() {
        var depth = 1
        while let byte = peek(), depth > 0 {
            index += 1
            if byte == UInt8(ascii: "\\") {
                index += 1
            } else if byte == UInt8(ascii: "(") {
                depth += 1
            } else if byte == UInt8(ascii: ")") {
                depth -= 1
            }
        }
    }
}

extension RegexShapeParser {
    /// After `\`: a class shorthand, a literal, or nil for an anchor or assertion.
    fileprivate mutating func escape(inClass: Bool) -> RegexShape? {
        guard let byte = peek() else { return .character(literal(UInt8(ascii: "\\"))) }
        index += 1
        switch byte {
        case UInt8(ascii: "d"): return .character(.digits)
        case UInt8(ascii: "D"): return .character(ByteSet.digits.inverted())
        case UInt8(ascii: "w"): return .character(.word)
        case UInt8(ascii: "W"): return .character(ByteSet.word.inverted())
        case UInt8(ascii: "s"), UInt8(ascii: "h"), UInt8(ascii: "v"): return .character(.space)
        case UInt8(ascii: "S"), UInt8(ascii: "H"), UInt8(ascii: "V"): return .character(ByteSet.space.inverted())
        case UInt8(ascii: "N"), UInt8(ascii: "R"), UInt8(ascii: "X"), UInt8(ascii: "C"): return .character(.dot)
        case UInt8(ascii: "p"), UInt8(ascii: "P"):
            skipBraced()
            return .character(.all)
        case UInt8(ascii: "b"), UInt8(ascii: "B"), UInt8(ascii: "A"), UInt8(ascii: "z"), UInt8(ascii: "Z"),
            UInt8(ascii: "G"), UInt8(ascii: "K"), UInt8(ascii: "E"):
            return inClass ? .character(literal(byte)) : nil
        case UInt8(ascii: "1")...UInt8(ascii: "9"), UInt8(ascii: "k"), UInt8(ascii: "g"):
            skipBraced()
            // A back-reference takes a fixed text: any characters, but it never gives any back.
            return .repeated(.character(.all), min: 0, max: nil, possessive: true, offset: index)
        default:
            return .character(literal(Self.escapedByte(byte)))
        }
    }

    private static func escapedByte(_ byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "n"): 0x0A
        case UInt8(ascii: "t"): 0x09
        case UInt8(ascii: "r"): 0x0D
        case UInt8(ascii: "f"): 0x0C
        case UInt8(ascii: "e"): 0x1B
        case UInt8(ascii: "a"): 0x07
        case UInt8(ascii: "x"), UInt8(ascii: "0"), UInt8(ascii: "o"), UInt8(ascii: "c"): 0x01
        default: byte
        }
    }

    private mutating func skipBraced() {
        if peek() == UInt8(ascii: "{") || peek() == UInt8(ascii: "<") || peek() == UInt8(ascii: "'") {
            let closing: UInt8 =
                peek() == UInt8(ascii: "{") ? UInt8(ascii: "}") : peek() == UInt8(ascii: "<") ? UInt8(ascii: ">") : 0x27
            index += 1
            while let byte = peek(), byte != closing { index += 1 }
            index += 1
        } else {
            while let byte = peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { index += 1 }
            if peek() != nil, bytes[index - 1] == UInt8(ascii: "p") || bytes[index - 1] == UInt8(ascii: "P") {
                index += 1
            }
        }
    }

    /// After `[`: the bytes of a character class (negated, with ranges and shorthands).
    fileprivate mutating func characterClass() -> ByteSet {
        var set = ByteSet.empty
        let negated = peek() == UInt8(ascii: "^")
        if negated { index += 1 }
        var first = true
        var previous: UInt8?
        while let byte = peek(), byte != UInt8(ascii: "]") || first {
            first = false
            index += 1
            if byte == UInt8(ascii: "["), peek() == UInt8(ascii: ":") {
                while let next = peek(), next != UInt8(ascii: "]") { index += 1 }
                index += 1
                set = set.union(.word).union(.space)
                continue
            }
            if byte == UInt8(ascii: "-"), let low = previous, let high = peek(), high != UInt8(ascii: "]") {
                index += 1
                let top = high == UInt8(ascii: "\\") ? Self.escapedByte(bytes[min(index, bytes.count - 1)]) : high
                if high == UInt8(ascii: "\\") { index += 1 }
                set = set.union(ByteSet(ranges: [(low, top)]))
                previous = nil
                continue
            }
            if byte == UInt8(ascii: "\\") {
                let escaped = escape(inClass: true)
                if case .character(let members) = escaped { set = set.union(members) }
                previous = nil
                continue
            }
            set = set.union(literal(byte))
            previous = byte
        }
        index += 1
        return negated ? set.inverted() : set
    }

    /// Applies a quantifier after an atom, if one follows.
    fileprivate mutating func quantified(_ atom: RegexShape, atomic: Bool, offset: Int) -> RegexShape {
        guard let (min, max) = quantifier() else {
            return atomic ? .repeated(atom, min: 1, max: 1, possessive: true, offset: offset) : atom
        }
        var possessive = atomic
        if peek() == UInt8(ascii: "+") {
            possessive = true
            index += 1
        } else if peek() == UInt8(ascii: "?") {
            index += 1
        }
        return .repeated(atom, min: min, max: max, possessive: possessive, offset: offset)
    }

    private mutating func quantifier() -> (Int, Int?)? {
        switch peek() {
        case UInt8(ascii: "*"):
            index += 1
            return (0, nil)
        case UInt8(ascii: "+"):
            index += 1
            return (1, nil)
        case UInt8(ascii: "?"):
            index += 1
            return (0, 1)
        case UInt8(ascii: "{"): return braces()
        default: return nil
        }
    }

    /// `{n}`, `{n,}`, `{n,m}` (and `{,m}`); anything else is a literal brace.
    private mutating func braces() -> (Int, Int?)? {
        var cursor = index + 1
        func number() -> Int? {
            var value: Int?
            while cursor < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[cursor]) {
                value = min((value ?? 0) * 10 + Int(bytes[cursor] - UInt8(ascii: "0")), 100_000)
                cursor += 1
            }
            return value
        }
        let low = number()
        var high = low
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: ",") {
            cursor += 1
            high = number()
            if low == nil && high == nil { return nil }
        } else if low == nil {
            return nil
        }
        guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "}") else { return nil }
        index = cursor + 1
        return (low ?? 0, high)
    }
}
