import Glibc

/// Privilege checks for tests that need root (writing `/dev/kmsg`, running `systemd-journald`).
public enum TestPrivileges {
    /// True when the test process runs as root. This machine and CI do.
    public static var isRoot: Bool { geteuid() == 0 }
}
