/// Moves a non-`Sendable` value to another thread that becomes its only user.
///
/// Used where a reader is created on the caller's thread (so opening errors are thrown there) and
/// then used only by its dedicated thread or task; the caller never touches it again.
//  @unchecked: sound only under that rule (one user at a time, handed over once), which each use
//  site states; the compiler cannot check it, which is why this type is the only such escape hatch.
package struct UnsafeTransfer<Value>: @unchecked Sendable {
    /// The value being moved.
    package let value: Value

    /// Wraps the value for the hand-over.
    package init(_ value: Value) { self.value = value }
}
