import Glibc
import Testing

@testable import RocfaultPlatform

@Suite("SystemCall and SystemCallError")
struct SystemCallTests {
    @Test("EINTR is retried; the result of the successful call is returned")
    func retriesEINTR() throws {
        var calls = 0
        let result = try SystemCall.retrying("fake") { () -> Int32 in
            calls += 1
            if calls < 3 {
                errno = EINTR
                return -1
            }
            return 42
        }
        #expect(result == 42)
        #expect(calls == 3)
    }

    @Test("another errno is thrown with the call and path")
    func throwsErrno() {
        #expect(throws: SystemCallError(call: "fake", errno: EBADF, path: "/some/path")) {
            try SystemCall.retrying("fake", path: "/some/path") { () -> Int32 in
                errno = EBADF
                return -1
            }
        }
    }

    @Test("expected errno values come back as outcomes instead of errors")
    func expected() throws {
        let outcome = try SystemCall.retrying("read", expecting: [EAGAIN]) { () -> Int in
            errno = EAGAIN
            return -1
        }
        guard case .expectedError(let code) = outcome else {
            Issue.record("expected EAGAIN as an outcome")
            return
        }
        #expect(code == EAGAIN)
    }

    @Test("systemd -errno results: -EINTR retried, others thrown, non-negative returned")
    func systemdConvention() throws {
        var results: [Int32] = [-EINTR, 7]
        #expect(try SystemCall.systemd("sd_fake") { results.removeFirst() } == 7)
        #expect(throws: SystemCallError(call: "sd_fake", errno: ENOENT, path: "/dir")) {
            try SystemCall.systemd("sd_fake", path: "/dir") { -ENOENT }
        }
    }

    @Test("a real failing syscall: read on a closed descriptor")
    func realFailure() {
        #expect(throws: SystemCallError(call: "read", errno: EBADF)) {
            var byte: UInt8 = 0
            _ = try SystemCall.retrying("read") { read(-1, &byte, 1) }
        }
    }

    @Test("the description names the call, path, message, errno and detail")
    func description() {
        let error = SystemCallError(call: "open", errno: ENOENT, path: "/dev/kmsg")
        #expect(error.description == "open(/dev/kmsg): No such file or directory (errno 2)")
        let detailed = SystemCallError(call: "sd_journal_sendv", errno: EINVAL, detail: "invalid field name 'x'")
        #expect(detailed.description == "sd_journal_sendv: Invalid argument (errno 22): invalid field name 'x'")
    }

    @Test("poll timeouts: nil waits forever, sub-millisecond rounds up, negative does not block")
    func pollMilliseconds() {
        #expect(Poller.milliseconds(nil) == -1)
        #expect(Poller.milliseconds(.zero) == 0)
        #expect(Poller.milliseconds(.seconds(-1)) == 0)
        #expect(Poller.milliseconds(.microseconds(1)) == 1)
        #expect(Poller.milliseconds(.milliseconds(1500)) == 1500)
        #expect(Poller.milliseconds(.seconds(Int64.max)) == Int32.max)
    }
}
