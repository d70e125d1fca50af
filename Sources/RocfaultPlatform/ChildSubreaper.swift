import Glibc

/// Makes the calling process a child subreaper (`PR_SET_CHILD_SUBREAPER`): a process orphaned
/// below it, one whose parent ended (a `setsid` or a daemonizing double fork), becomes its child
/// instead of init's, so it can still be found and killed.
///
/// Swift's Glibc module cannot call the variadic `prctl`; it is looked up at run time and called
/// with its four `unsigned long` arguments, which pass in the same registers either way on x86-64
/// and arm64.
package enum ChildSubreaper {
    private typealias PrctlFunction = @convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32
    /// `PR_SET_CHILD_SUBREAPER` from `<linux/prctl.h>` (Linux 3.4 and later).
    private static let setChildSubreaper: Int32 = 36

    private static let prctl: PrctlFunction? = {
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "prctl") else { return nil }
        return unsafeBitCast(symbol, to: PrctlFunction.self)
    }()

    /// Makes this process a subreaper; false when the kernel refused or `prctl` is missing.
    @discardableResult
    package static func become() -> Bool {
        guard let prctl else { return false }
        return prctl(setChildSubreaper, 1, 0, 0, 0) == 0
    }
}
