/// Byte constants and classes used by the line scanners (ASCII only, locale independent).
enum ByteClass {
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let carriageReturn = UInt8(ascii: "\r")
    static let zero = UInt8(ascii: "0")
    static let colon = UInt8(ascii: ":")
    static let comma = UInt8(ascii: ",")
    static let semicolon = UInt8(ascii: ";")
    static let period = UInt8(ascii: ".")
    static let equals = UInt8(ascii: "=")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let openBrace = UInt8(ascii: "{")
    static let lessThan = UInt8(ascii: "<")
    static let greaterThan = UInt8(ascii: ">")
    static let asterisk = UInt8(ascii: "*")
    static let hyphen = UInt8(ascii: "-")
    static let plus = UInt8(ascii: "+")
    static let underscore = UInt8(ascii: "_")
    static let backslash = UInt8(ascii: "\\")
    static let hash = UInt8(ascii: "#")

    /// `0`-`9`.
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// `A`-`Z`.
    static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }

    /// `a`-`z`.
    static func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }

    /// A letter or digit.
    static func isAlphanumeric(_ byte: UInt8) -> Bool { isDigit(byte) || isUpper(byte) || isLower(byte) }

    /// A byte allowed in a host name: letters, digits, `.`, `-`, `_`.
    static func isHostName(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == period || byte == hyphen || byte == underscore
    }

    /// A byte allowed in a journal field name: `A`-`Z`, `0`-`9`, `_`.
    static func isFieldName(_ byte: UInt8) -> Bool { isUpper(byte) || isDigit(byte) || byte == underscore }

    /// The value of a hexadecimal digit.
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }
}
