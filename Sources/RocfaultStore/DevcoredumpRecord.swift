package import Foundation
package import RocfaultCore

/// An amdgpu device coredump the daemon copied into its state directory (table `devcoredump`).
package struct DevcoredumpRecord: Sendable, Hashable {
    /// The boot it was written in.
    package var bootID: String
    /// The kernel's name for it (`devcd1`); unique within a boot.
    package var name: String
    /// The failing device's PCI address (`0000:c3:00.0`), when `failing_device` named one.
    package var failingDevice: String?
    /// The compressed copy (`STATE_DIR/devcoredump/...txt.gz`).
    package var file: String
    /// Bytes read from `data`.
    package var size: Int
    /// Whether the copy stopped at the size cap.
    package var truncated: Bool
    /// The reset's time: the dump's monotonic time and the wall-clock time derived from it.
    package var resetTime: EventTime
    /// What the dump says.
    package var dump: Devcoredump
    /// The key (`incident.public_id`) of the incident it joined, when it joined one.
    package var incidentKey: String?
    /// When it was copied.
    package var capturedAt: Date

    /// Creates a record.
    package init(
        bootID: String,
        name: String,
        failingDevice: String?,
        file: String,
        size: Int,
        truncated: Bool,
        resetTime: EventTime,
        dump: Devcoredump,
        incidentKey: String?,
        capturedAt: Date
    ) {
        self.bootID = bootID
        self.name = name
        self.failingDevice = failingDevice
        self.file = file
        self.size = size
        self.truncated = truncated
        self.resetTime = resetTime
        self.dump = dump
        self.incidentKey = incidentKey
        self.capturedAt = capturedAt
    }
}
