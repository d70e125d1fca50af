/// Moves a non-`Sendable` value to another thread that becomes its only user.
///
/// Used once per source: the reader is created on the caller's thread (so opening errors are
/// thrown there) and then used only by its dedicated thread. The caller never touches it again.
struct UnsafeTransfer<Value>: @unchecked Sendable {
    /// The value being moved.
    let value: Value
}
