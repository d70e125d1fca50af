/// Settings of a ``KmsgReader``.
public struct KmsgReaderOptions: Sendable, Hashable {
    /// Count records that a process wrote into `/dev/kmsg` (facility other than 0) as kernel
    /// records. For tests only (`--accept-injected-kernel-lines`): on a real system anyone with
    /// write access to `/dev/kmsg` could fake kernel evidence. Each ``KmsgEntry`` still carries
    /// the true facility and ``KmsgEntry/isInjected``.
    public var acceptInjectedKernelLines: Bool
    /// The `read()` buffer. The kernel returns one record per `read()` and fails with `EINVAL`
    /// when the buffer is too small for it; records are at most about 8 KiB with properties.
    public var readBufferSize: Int
    /// The name records carry in their ``SourceLocation``; the device path when `nil`.
    public var sourceName: String?

    /// Creates options.
    public init(acceptInjectedKernelLines: Bool = false, readBufferSize: Int = 16 * 1024, sourceName: String? = nil) {
        self.acceptInjectedKernelLines = acceptInjectedKernelLines
        self.readBufferSize = max(readBufferSize, 8 * 1024)
        self.sourceName = sourceName
    }
}
