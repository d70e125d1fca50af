import Foundation

/// Decides whether a long value after `=` or `:` looks like a generated secret (an AWS secret key,
/// an API key behind a neutral name) rather than something a GPU diagnosis needs.
///
/// Kept: anything shorter than 24 characters, anything without upper-case letters, lower-case
/// letters and digits all three (hex addresses, PCI addresses, gfx targets, boot ids, versions),
/// values with more than three `-`, `_` or `/` separators (paths, model and file names), and values
/// whose character entropy is low (repetitive text).
enum HighEntropyValue {
    /// The shortest value judged.
    static let minimumLength = 24
    /// Shannon entropy per character a secret has at least (random base64 of 24+ characters
    /// scores about 4.2 or more; words and names stay well below).
    static let minimumBitsPerCharacter = 3.9

    /// Whether `value` looks generated.
    static func isSecretLike(_ value: Substring) -> Bool {
        let bytes = Array(value.utf8)
        guard bytes.count >= minimumLength else { return false }
        var upper = false
        var lower = false
        var digit = false
        var separators = 0
        var counts: [UInt8: Int] = [:]
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): upper = true
            case UInt8(ascii: "a")...UInt8(ascii: "z"): lower = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = true
            case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "/"): separators += 1
            default: break
            }
            counts[byte, default: 0] += 1
        }
        guard upper, lower, digit, separators <= 3 else { return false }
        return entropy(counts, total: bytes.count) >= minimumBitsPerCharacter
    }

    /// Shannon entropy in bits per character.
    static func entropy(_ counts: [UInt8: Int], total: Int) -> Double {
        var bits = 0.0
        for count in counts.values {
            let share = Double(count) / Double(total)
            bits -= share * log2(share)
        }
        return bits
    }

    /// `text` with secret-like values after `=` or `:` replaced, each noted in `tally`.
    static func redact(_ text: String, tally: inout RedactionTally) -> String {
        let expression = RedactionPatterns.afterSeparator.expression
        let matches = expression.matches(in: text, range: NSRange(text.startIndex..., in: text))
        var result = text
        for match in matches.reversed() {
            guard let range = Range(match.range(at: 1), in: result), isSecretLike(result[range]) else { continue }
            tally.note(.secret, String(result[range]))
            result.replaceSubrange(range, with: SecretNames.placeholder)
        }
        return result
    }
}
