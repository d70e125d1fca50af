/// A read position in one line of bytes, with the few primitives the format scanners need.
///
/// Every method either advances past what it recognised or leaves the position unchanged, so a
/// scanner can try one layout and fall back to another from the same place.
struct ByteCursor {
    /// The whole line.
    let bytes: UnsafeBufferPointer<UInt8>
    /// The next byte to read.
    var index: Int

    /// A cursor at `index` (the start by default).
    init(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int = 0) {
        self.bytes = bytes
        self.index = index
    }

    /// Whether every byte has been read.
    var isAtEnd: Bool { index >= bytes.count }

    /// The next byte, if any.
    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    /// The byte `offset` places after the next one, if any.
    func peek(_ offset: Int) -> UInt8? {
        let position = index + offset
        return position >= 0 && position < bytes.count ? bytes[position] : nil
    }

    /// The bytes from the position to the end of the line.
    var rest: UnsafeBufferPointer<UInt8> { slice(index..<bytes.count) }

    /// The bytes in `range`, clamped to the line.
    func slice(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        let lower = min(max(range.lowerBound, 0), bytes.count)
        let upper = min(max(range.upperBound, lower), bytes.count)
        return UnsafeBufferPointer(rebasing: bytes[lower..<upper])
    }

    /// Consumes `byte` if it is next.
    mutating func consume(_ byte: UInt8) -> Bool {
        guard current == byte else { return false }
        index += 1
        return true
    }

    /// Consumes `literal` if the line continues with exactly those bytes.
    mutating func consume(_ literal: [UInt8]) -> Bool {
        guard index + literal.count <= bytes.count else { return false }
        for (offset, byte) in literal.enumerated() where bytes[index + offset] != byte {
            return false
        }
        index += literal.count
        return true
    }

    /// Consumes a run of `byte` and returns its length.
    @discardableResult
    mutating func skip(_ byte: UInt8) -> Int {
        let start = index
        while current == byte { index += 1 }
        return index - start
    }

    /// Consumes bytes while `predicate` holds, at most `limit` of them, and returns their range.
    mutating func take(upTo limit: Int, while predicate: (UInt8) -> Bool) -> Range<Int> {
        let start = index
        while index - start < limit, let byte = current, predicate(byte) { index += 1 }
        return start..<index
    }

    /// Consumes 1 to `maxDigits` decimal digits and returns their value; nil (nothing consumed) if
    /// there is no digit. `maxDigits` must stay below 19 so the value cannot overflow.
    mutating func number(maxDigits: Int) -> UInt64? {
        let range = take(upTo: maxDigits, while: ByteClass.isDigit)
        guard !range.isEmpty else { return nil }
        if let next = current, ByteClass.isDigit(next) {
            index = range.lowerBound
            return nil
        }
        return range.reduce(0) { $0 * 10 + UInt64(bytes[$1] - ByteClass.zero) }
    }

    /// Consumes exactly `count` decimal digits and returns their value.
    mutating func fixedDigits(_ count: Int) -> Int? {
        guard index + count <= bytes.count else { return nil }
        var value = 0
        for offset in 0..<count {
            let byte = bytes[index + offset]
            guard ByteClass.isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - ByteClass.zero)
        }
        index += count
        return value
    }

    /// Consumes one or two digits (an optionally space-padded day of month).
    mutating func dayOfMonth() -> Int? {
        let start = index
        skip(ByteClass.space)
        if let value = fixedDigits(2) ?? fixedDigits(1) { return value }
        index = start
        return nil
    }

    /// Consumes a fraction of a second (the digits after the separator, 1 to 9 of them) and returns
    /// it in microseconds.
    mutating func fractionMicroseconds() -> Int64? {
        let range = take(upTo: 9, while: ByteClass.isDigit)
        guard !range.isEmpty else { return nil }
        var value: Int64 = 0
        for position in range { value = value * 10 + Int64(bytes[position] - ByteClass.zero) }
        var digits = range.count
        while digits < 6 {
            value *= 10
            digits += 1
        }
        while digits > 6 {
            value /= 10
            digits -= 1
        }
        return value
    }

    /// Consumes `hh:mm:ss` (two digits each) and returns the three values unchecked.
    mutating func clockTime() -> (hour: Int, minute: Int, second: Int)? {
        let start = index
        if let hour = fixedDigits(2), consume(ByteClass.colon), let minute = fixedDigits(2),
            consume(ByteClass.colon), let second = fixedDigits(2)
        {
            return (hour, minute, second)
        }
        index = start
        return nil
    }

}
