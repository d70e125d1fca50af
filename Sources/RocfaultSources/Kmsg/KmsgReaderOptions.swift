/// Settings of a ``KmsgReader``.
package struct KmsgReaderOptions: Sendable, Hashable {
    /// Count records that a process wrote into `/dev/kmsg` (facility other than 0) as kernel
    /// records. For tests only (`--accept-injected-kernel-lines`): on a real system anyone with
    /// write access to `/dev/kmsg` could fake kernel evidence. Each ``KmsgEntry`` still carries
    /// the true facility and ``KmsgEntry/isInjected``.
    package var acceptInjectedKernelLines: Bool
    /// The `read()` buffer. The kernel returns one record per `read()` and fails with `EINVAL`
    /// when the buffer is too small for it; records are at most about 8 KiB with properties.
    package var readBufferSize: Int
    /// The name records carry in their ``SourceLocation``; the device path when `nil`.
    package var sourceName: String?
    /// The name of ``KmsgSource``'s thread as `ps -L` shows it (at most 15 bytes are kept).
    package var threadName: String
    /// How many events ``KmsgSource`` may hold for a slow consumer before it stops reading.
    package var bufferLimit: Int

    /// Creates options.
    package init(
        acceptInjectedKernelLines: Bool = false,
        readBufferSize: Int = 16 * 1024,
        sourceName: String? = nil,
        threadName: String = "rocfault-kmsg",
        bufferLimit: Int = 4096
    ) {
        self.acceptInjectedKernelLines = acceptInjectedKernelLines
        self.readBufferSize = max(readBufferSize, 8 * 1024)
        self.sourceName = sourceName
        self.threadName = threadName
        self.bufferLimit = max(bufferLimit, 1)
    }
}
