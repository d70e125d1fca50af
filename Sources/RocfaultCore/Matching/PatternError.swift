/// A pattern that PCRE2 would not compile.
package struct PatternError: Error, Sendable, Hashable, CustomStringConvertible {
    /// PCRE2's message.
    package var message: String
    /// The byte offset in the pattern where compilation failed.
    package var offset: Int

    /// `message at offset N`.
    package var description: String { "\(message) at offset \(offset)" }
}
