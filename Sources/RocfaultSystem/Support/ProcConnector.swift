import Glibc
import RocfaultPlatform

/// The kernel's process events connector (netlink `NETLINK_CONNECTOR`, group `CN_IDX_PROC`): every
/// process exit with its exit code, for any process, not only children. Needs `CAP_NET_ADMIN`.
///
/// The structures are laid out by hand (the kernel headers are not part of Glibc's module):
/// `nlmsghdr` (16 bytes), `cn_msg` (20 bytes: idx, val, seq, ack, len, flags), then the payload,
/// for events a `proc_event` (what, cpu, timestamp, then for an exit: pid, tgid, exit_code,
/// exit_signal).
enum ProcConnector {
    static let netlinkConnector: Int32 = 11
    static let processEventsGroup: UInt32 = 1  // CN_IDX_PROC
    static let processEventsValue: UInt32 = 1  // CN_VAL_PROC
    static let listen: UInt32 = 1  // PROC_CN_MCAST_LISTEN
    static let exitEvent: UInt32 = 0x8000_0000  // PROC_EVENT_EXIT
    private static let headerSize = 16
    private static let connectorHeaderSize = 20

    /// An exit as the connector reports it.
    struct Exit: Equatable {
        var pid: Int32
        var threadGroup: Int32
        /// The wait status: a signal number in the low 7 bits (0x80 when a core was dumped), or the
        /// exit status shifted left by 8.
        var exitCode: UInt32
        /// When the task exited, in `CLOCK_MONOTONIC` nanoseconds (the kernel's `ktime_get_ns()`).
        var monotonicNanoseconds: UInt64 = 0
    }

    /// Opens, binds and subscribes a non-blocking socket; returns it or `-errno`.
    static func open() -> Int32 {
        let fd = socket(
            AF_NETLINK,
            Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue),
            netlinkConnector
        )
        guard fd >= 0 else { return -errno }
        // Every process event of the machine arrives here: a large buffer (past rmem_max, which
        // CAP_NET_ADMIN may exceed) keeps a burst of forks and exits from overflowing it.
        var size: Int32 = 8 << 20
        if setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, socklen_t(MemoryLayout<Int32>.size)) != 0 {
            _ = setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        let result = bindAndListen(fd)
        if result != 0 { Glibc.close(fd) }
        return result == 0 ? fd : result
    }

    private static func bindAndListen(_ fd: Int32) -> Int32 {
        // sockaddr_nl: family (u16), pad (u16), pid (u32, 0: the kernel picks), groups (u32).
        var address = [UInt8](repeating: 0, count: 12)
        put(UInt16(AF_NETLINK), at: 0, in: &address)
        put(processEventsGroup, at: 8, in: &address)
        let bound = address.withUnsafeBytes { raw in
            bind(fd, raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t(raw.count))
        }
        guard bound == 0 else { return -errno }
        var message = [UInt8](repeating: 0, count: headerSize + connectorHeaderSize + 4)
        put(UInt32(message.count), at: 0, in: &message)
        put(UInt16(3), at: 4, in: &message)  // NLMSG_DONE
        put(UInt32(bitPattern: getpid()), at: 12, in: &message)
        put(processEventsGroup, at: headerSize, in: &message)
        put(processEventsValue, at: headerSize + 4, in: &message)
        put(UInt16(4), at: headerSize + 16, in: &message)
        put(listen, at: headerSize + connectorHeaderSize, in: &message)
        let sent = message.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        return sent == message.count ? 0 : -errno
    }

    /// Reads what is queued; returns the exits in it, or nil when nothing more is queued now.
    /// A lost-events error (`ENOBUFS`, the kernel queued faster than read) yields no exits.
    static func receive(_ fd: Int32, buffer: inout [UInt8]) -> [Exit]? {
        let outcome = try? SystemCall.retrying("recv", expecting: [ENOBUFS]) {
            buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        }
        switch outcome {
        case .value(let count) where count > 0: return parse(buffer.prefix(count))
        case .expectedError: return []
        default: return nil
        }
    }

    /// The exits in one datagram of netlink messages.
    static func parse(_ bytes: ArraySlice<UInt8>) -> [Exit] {
        var exits: [Exit] = []
        var offset = bytes.startIndex
        while offset + headerSize <= bytes.endIndex {
            let length = Int(read32(bytes, offset))
            guard length >= headerSize, offset + length <= bytes.endIndex else { break }
            let event = offset + headerSize + connectorHeaderSize
            if length >= headerSize + connectorHeaderSize + 32,
                read32(bytes, offset + headerSize) == processEventsGroup,
                read32(bytes, event) == exitEvent
            {
                exits.append(
                    Exit(
                        pid: Int32(bitPattern: read32(bytes, event + 16)),
                        threadGroup: Int32(bitPattern: read32(bytes, event + 20)),
                        exitCode: read32(bytes, event + 24),
                        monotonicNanoseconds: UInt64(read32(bytes, event + 8))
                            | UInt64(read32(bytes, event + 12)) << 32
                    )
                )
            }
            offset += (length + 3) & ~3
        }
        return exits
    }

    private static func read32(_ bytes: ArraySlice<UInt8>, _ offset: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { value, index in value | UInt32(bytes[offset + index]) << (8 * UInt32(index)) }
    }

    private static func put<Value: FixedWidthInteger>(_ value: Value, at offset: Int, in bytes: inout [UInt8]) {
        for index in 0..<(Value.bitWidth / 8) {
            bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * index))
        }
    }
}
