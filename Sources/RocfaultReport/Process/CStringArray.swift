#if canImport(Glibc)
import Glibc
#endif

/// A NULL-terminated array of C strings for `posix_spawn`, freed on deinit.
public final class CStringArray {
    /// The pointers, ending in nil.
    public private(set) var pointers: [UnsafeMutablePointer<CChar>?]

    /// Copies `strings`.
    public init(_ strings: [String]) {
        pointers = strings.map { strdup($0) } + [nil]
    }

    deinit {
        for pointer in pointers { free(pointer) }
    }
}
