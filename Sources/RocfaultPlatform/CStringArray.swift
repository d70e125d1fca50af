#if canImport(Glibc)
import Glibc
#endif

/// A NULL-terminated array of C strings for `posix_spawn`, freed on deinit.
package final class CStringArray {
    /// The pointers, ending in nil.
    package private(set) var pointers: [UnsafeMutablePointer<CChar>?]

    /// Copies `strings`.
    package init(_ strings: [String]) {
        pointers = strings.map { strdup($0) } + [nil]
    }

    deinit {
        for pointer in pointers { free(pointer) }
    }
}
