/// One line (or one piece of an over-long line) inside a ``FileChunk``.
package struct FileLine {
    /// The 1-based line number. Pieces of a split line share the number.
    package let number: Int
    /// The line's bytes without the newline (a `\r` before it is kept). Valid only as long as
    /// the chunk it came from.
    package let bytes: UnsafeRawBufferPointer
    /// The file offset of the first byte.
    package let offset: UInt64
    /// True for a piece of a line longer than the reader's maximum line length.
    package let isPiece: Bool
}
