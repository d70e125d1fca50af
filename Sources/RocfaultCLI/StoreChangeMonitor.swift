#if canImport(Glibc)
import Glibc
#endif

/// Wakes `rocfault watch` when the database changes: inotify on the state directory (the daemon's
/// commits touch `rocfault.sqlite-wal`), falling back to a timer where inotify is unavailable.
final class StoreChangeMonitor {
    /// The inotify descriptor, or -1 when polling on a timer.
    let fd: Int32
    private let databaseName: String

    init(directory: String, databaseName: String) {
        self.databaseName = databaseName
        let descriptor = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        let mask = UInt32(IN_MODIFY | IN_CLOSE_WRITE | IN_CREATE | IN_MOVED_TO)
        if descriptor >= 0 && inotify_add_watch(descriptor, directory, mask) >= 0 {
            fd = descriptor
        } else {
            if descriptor >= 0 { close(descriptor) }
            fd = -1
        }
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    /// How long to wait in `poll` before checking anyway: long with inotify, 1 s without.
    var pollTimeoutMilliseconds: Int32 { fd >= 0 ? 10000 : 1000 }

    /// Reads pending events; returns whether any concerned the database or its WAL.
    func consume() -> Bool {
        guard fd >= 0 else { return true }
        var buffer = [UInt8](repeating: 0, count: 8192)
        var relevant = false
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { return relevant }
            var offset = 0
            while offset + 16 <= count {
                let length = buffer.withUnsafeBytes { Int($0.load(fromByteOffset: offset + 12, as: UInt32.self)) }
                let nameBytes = buffer[(offset + 16)..<min(count, offset + 16 + length)].prefix { $0 != 0 }
                if String(decoding: nameBytes, as: UTF8.self).hasPrefix(databaseName) { relevant = true }
                offset += 16 + length
            }
        }
    }
}
