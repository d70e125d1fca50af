/// Month names as `dmesg -T`/`-H`, syslog and journalctl print them in the locales users paste
/// from: English, German, Portuguese, Spanish, French, Italian and Dutch abbreviations, the Polish and
/// Scandinavian `maj` (any letter case,
/// with or without the trailing `.` some locales add), and the Chinese/Japanese `12月`.
enum MonthName {
    /// Lower-case spellings, indexed by month - 1.
    private static let spellings: [[[UInt8]]] = [
        ["jan", "janv", "ene", "gen", "jän"],
        ["feb", "fev", "fév", "févr", "fevr"],
        ["mar", "mär", "mrz", "mars", "märz", "mrt"],
        ["apr", "abr", "avr", "avril"],
        ["may", "mai", "mag", "mei", "maj"],
        ["jun", "juin", "giu", "juni"],
        ["jul", "juil", "lug", "juli"],
        ["aug", "ago", "août", "aout"],
        ["sep", "sept", "set"],
        ["oct", "okt", "out", "ott"],
        ["nov"],
        ["dec", "dez", "dic", "déc", "dezember"],
    ].map { $0.map { Array($0.utf8) } }

    /// UTF-8 of `月`.
    private static let cjkMonth: [UInt8] = [0xE6, 0x9C, 0x88]

    /// Consumes a month name and returns its number (1-12); nil (nothing consumed) otherwise.
    static func scan(_ cursor: inout ByteCursor) -> Int? {
        let start = cursor.index
        if let first = cursor.current, ByteClass.isDigit(first) {
            if let value = cursor.number(maxDigits: 2), (1...12).contains(value), cursor.consume(cjkMonth) {
                return Int(value)
            }
            cursor.index = start
            return nil
        }
        let word = cursor.take(upTo: 8, while: isLetter)
        if let month = month(of: cursor.slice(word)) {
            _ = cursor.consume(ByteClass.period)
            return month
        }
        cursor.index = start
        return nil
    }

    /// Consumes a word of letters in any script (a weekday name in any locale), with an optional
    /// trailing `.`; false (nothing consumed) when there is none.
    static func scanWord(_ cursor: inout ByteCursor) -> Bool {
        let word = cursor.take(upTo: 12, while: isLetter)
        guard !word.isEmpty else { return false }
        _ = cursor.consume(ByteClass.period)
        return true
    }

    /// ASCII letters and the bytes of non-ASCII UTF-8 characters.
    static func isLetter(_ byte: UInt8) -> Bool {
        ByteClass.isUpper(byte) || ByteClass.isLower(byte) || byte >= 0x80
    }

    private static func month(of word: UnsafeBufferPointer<UInt8>) -> Int? {
        guard word.count >= 3 else { return nil }
        for (index, names) in spellings.enumerated() {
            for name in names where name.count == word.count {
                if zip(name, word).allSatisfy({ $0 == lowered($1) }) { return index + 1 }
            }
        }
        return nil
    }

    private static func lowered(_ byte: UInt8) -> UInt8 {
        ByteClass.isUpper(byte) ? byte + 0x20 : byte
    }
}
