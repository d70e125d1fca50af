/// A pattern that PCRE2 would not compile.
public struct PatternError: Error, Sendable, Hashable, CustomStringConvertible {
    /// PCRE2's message.
    public var message: String
    /// The byte offset in the pattern where compilation failed.
    public var offset: Int

    /// `message at offset N`.
    public var description: String { "\(message) at offset \(offset)" }
}
