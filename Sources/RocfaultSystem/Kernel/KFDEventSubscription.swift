import Glibc

/// Opens the KFD SMI event stream of one GPU: `ioctl(AMDKFD_IOC_SMI_EVENTS)` on `/dev/kfd` with the
/// GPU's id returns an anonymous descriptor; writing a 64-bit event mask to it enables the events
/// (`include/uapi/linux/kfd_ioctl.h`). With the all-process bit (needs `CAP_SYS_ADMIN`) events of
/// every process arrive, not only the caller's.
///
/// Untried on hardware: no AMD GPU was available when this was written; the descriptor it returns
/// is read by ``DescriptorReader`` and parsed by `KFDEventStream`, which the tests drive through a
/// pipe with each kernel version's exact lines.
package enum KFDEventSubscription {
    /// Why the subscription failed.
    package struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// The step: `open`, `ioctl`, `enable`.
        package var step: String
        /// `strerror` of the failure.
        package var reason: String

        /// `step: reason`.
        package var description: String { "\(step): \(reason)" }
    }

    /// `_IOWR('K', 0x1F, struct kfd_ioctl_smi_events_args)`: read/write, 8-byte argument.
    package static let request: UInt = (3 << 30) | (8 << 16) | (UInt(UInt8(ascii: "K")) << 8) | 0x1F

    /// Every event from VM fault (1) to process end (13), and all processes (bit 64).
    package static let mask: UInt64 = ((1 << 13) - 1) | (1 << 63)

    /// Subscribes to GPU `gpuID`'s events through `kfdPath`; returns the event descriptor.
    package static func open(kfdPath: String, gpuID: UInt32) throws(Failure) -> Int32 {
        let kfd = Glibc.open(kfdPath, O_RDWR | O_CLOEXEC)
        guard kfd >= 0 else { throw Failure(step: "open \(kfdPath)", reason: String(cString: strerror(errno))) }
        defer { Glibc.close(kfd) }
        var arguments: (UInt32, UInt32) = (gpuID, 0)
        guard ioctl(kfd, request, &arguments) == 0 else {
            throw Failure(step: "ioctl AMDKFD_IOC_SMI_EVENTS", reason: String(cString: strerror(errno)))
        }
        let events = Int32(bitPattern: arguments.1)
        var enabled = mask
        guard Glibc.write(events, &enabled, 8) == 8 else {
            let reason = String(cString: strerror(errno))
            Glibc.close(events)
            throw Failure(step: "enable events", reason: reason)
        }
        return events
    }
}
