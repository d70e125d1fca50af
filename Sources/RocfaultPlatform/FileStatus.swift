#if canImport(Glibc)
import Glibc
#endif

/// What `stat(2)` says about a path.
package enum FileStatus {
    /// Whether `path` names a directory (following symbolic links).
    package static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }
}
