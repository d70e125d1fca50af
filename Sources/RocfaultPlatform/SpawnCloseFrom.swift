package import Glibc

/// `posix_spawn_file_actions_addclosefrom_np` (glibc 2.34 and later): a spawned child closes every
/// descriptor from a number on, so it inherits none of its parent's but the ones it was given.
/// Swift's Glibc module does not declare it (it needs `_GNU_SOURCE`), so it is looked up at run time.
package enum SpawnCloseFrom {
    private typealias Function = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    private static let function: Function? = {
        guard let handle = dlopen(nil, RTLD_NOW),
            let symbol = dlsym(handle, "posix_spawn_file_actions_addclosefrom_np")
        else { return nil }
        return unsafeBitCast(symbol, to: Function.self)
    }()

    /// Adds "close every descriptor from `lowest` on" to `actions`; false when this glibc lacks the
    /// call or refused it.
    package static func add(to actions: inout posix_spawn_file_actions_t, from lowest: Int32) -> Bool {
        guard let function else { return false }
        return function(&actions, lowest) == 0
    }
}
