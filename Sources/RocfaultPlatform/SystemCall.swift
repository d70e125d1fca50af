#if canImport(Glibc)
import Glibc
#endif

/// Runs C calls and turns their failures into ``SystemCallError``, retrying `EINTR`.
///
/// Two conventions are covered: POSIX calls that return `-1` and set `errno`, and systemd library
/// calls that return `-errno`. `errno` is read right after the call, before anything else can
/// change it.
package enum SystemCall {
    /// Runs a POSIX call until it does not fail with `EINTR`; throws on any other `-1`.
    @inline(never)
    package static func retrying<Result: FixedWidthInteger>(
        _ call: String,
        path: String? = nil,
        _ body: () -> Result
    ) throws(SystemCallError) -> Result {
        while true {
            let result = body()
            if result != -1 { return result }
            let code = Glibc.errno
            if code == EINTR { continue }
            throw SystemCallError(call: call, errno: code, path: path)
        }
    }

    /// Runs a POSIX call until it does not fail with `EINTR`, returning `nil` for an `errno` the
    /// caller expects (such as `EAGAIN` or `EPIPE`) through `expected`.
    @inline(never)
    package static func retrying<Result: FixedWidthInteger>(
        _ call: String,
        path: String? = nil,
        expecting expected: Set<Int32>,
        _ body: () -> Result
    ) throws(SystemCallError) -> Outcome<Result> {
        while true {
            let result = body()
            if result != -1 { return .value(result) }
            let code = Glibc.errno
            if code == EINTR { continue }
            if expected.contains(code) { return .expectedError(code) }
            throw SystemCallError(call: call, errno: code, path: path)
        }
    }

    /// Checks a systemd library result: negative values are `-errno`. `-EINTR` is retried.
    @inline(never)
    package static func systemd(
        _ call: String,
        path: String? = nil,
        _ body: () -> Int32
    ) throws(SystemCallError) -> Int32 {
        while true {
            let result = body()
            if result >= 0 { return result }
            if result == -EINTR { continue }
            throw SystemCallError(call: call, errno: -result, path: path)
        }
    }

    /// A call's result when some `errno` values are expected rather than failures.
    package enum Outcome<Value> {
        /// The call succeeded with this value.
        case value(Value)
        /// The call failed with an `errno` the caller listed as expected.
        case expectedError(Int32)
    }
}
