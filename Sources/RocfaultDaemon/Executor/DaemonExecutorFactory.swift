#if compiler(>=6.3)
@_spi(ExperimentalCustomExecutors) import _Concurrency

/// Installs `SingleThreadExecutor` as both the main and the default executor of the process.
enum DaemonExecutorFactory: ExecutorFactory {
    static let executor = SingleThreadExecutor()
    static var mainExecutor: any MainExecutor { executor }
    static var defaultExecutor: any TaskExecutor { executor }
}

/// Runs `body` as the process's whole asynchronous main on one thread, the calling one, with no
/// libdispatch worker threads (see `SingleThreadExecutor` for why). Call once, first thing in
/// `main`, before anything else starts a task; returns when `body` has returned.
package func runOnSingleThreadExecutor(_ body: @escaping @Sendable () async -> Void) {
    _createExecutors(factory: DaemonExecutorFactory.self)
    let executor = DaemonExecutorFactory.executor
    Task {
        await body()
        executor.stop()
    }
    try? executor.run()
}
#else
import Dispatch

#if canImport(Glibc)
import Glibc
#endif

/// Compilers before Swift 6.3 cannot install a custom executor: `body` runs on the default one
/// (libdispatch's pool, which wakes the process once a second) and the process exits after it.
package func runOnSingleThreadExecutor(_ body: @escaping @Sendable () async -> Void) {
    Task {
        await body()
        exit(0)
    }
    dispatchMain()
}
#endif
