import RocfaultTestKit
import Testing

/// Every test that writes or reads the real `/dev/kmsg`, run one at a time: the overrun test
/// floods the ring buffer, which would overwrite the records the other tests wait for.
@Suite(
    "/dev/kmsg device",
    .serialized,
    .kernelLogExclusive,
    .enabled(if: TestPrivileges.isRoot, "writing /dev/kmsg needs root")
)
enum KmsgDeviceTests {}
