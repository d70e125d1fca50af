import Glibc

/// Privilege checks for tests that need root (writing `/dev/kmsg`, running `systemd-journald`).
package enum TestPrivileges {
    /// True when the test process runs as root. This machine and CI do.
    package static var isRoot: Bool { geteuid() == 0 }
}
