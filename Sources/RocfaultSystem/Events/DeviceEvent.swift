/// One uevent: a device was added, removed or changed.
package struct DeviceEvent: Sendable, Hashable, Codable {
    /// What happened.
    package var action: Action
    /// The device's subsystem (`drm`, `pci`).
    package var subsystem: String?
    /// The device directory under `/sys`.
    package var syspath: String?
    /// The device's kernel name (`card0`).
    package var sysname: String?
    /// The device node (`/dev/dri/card0`), when it has one.
    package var devnode: String?
    /// The kernel's uevent sequence number.
    package var sequence: UInt64?
    /// Every property of the event (`ACTION`, `DEVPATH`, `WEDGED`, ...).
    package var properties: [String: String]

    /// Creates an event.
    package init(
        action: Action,
        subsystem: String? = nil,
        syspath: String? = nil,
        sysname: String? = nil,
        devnode: String? = nil,
        sequence: UInt64? = nil,
        properties: [String: String] = [:]
    ) {
        self.action = action
        self.subsystem = subsystem
        self.syspath = syspath
        self.sysname = sysname
        self.devnode = devnode
        self.sequence = sequence
        self.properties = properties
    }

    /// The recovery methods of a DRM "device wedged" event (`WEDGED=rebind,bus-reset`), or `nil`
    /// when the event is not one.
    package var wedgedRecoveryMethods: [String]? {
        guard let value = properties["WEDGED"] else { return nil }
        return value.split(separator: ",").map { $0.trimmedWhitespace }.filter { !$0.isEmpty }
    }

    /// Whether the event reports a GPU reset (`RESET=1`) or a wedged device.
    package var reportsReset: Bool {
        properties["RESET"] == "1" || wedgedRecoveryMethods != nil
    }

    /// The guilty task a wedged event names (`PID=`, `TASK=`), when the kernel says.
    package var guiltyPID: Int32? { properties["PID"].flatMap { Int32($0) } }

    /// The kind of uevent.
    package enum Action: Sendable, Hashable, Codable, CustomStringConvertible {
        /// A device appeared.
        case add
        /// A device went away.
        case remove
        /// A device changed state (wedged, reset, hotplug).
        case change
        /// A device was renamed or moved.
        case move
        /// A driver was bound to the device.
        case bind
        /// The driver was unbound from the device.
        case unbind
        /// A device came online.
        case online
        /// A device went offline.
        case offline
        /// An action this type does not name.
        case other(String)

        /// Parses the `ACTION` value.
        package init(_ text: String) {
            switch text {
            case "add": self = .add
            case "remove": self = .remove
            case "change": self = .change
            case "move": self = .move
            case "bind": self = .bind
            case "unbind": self = .unbind
            case "online": self = .online
            case "offline": self = .offline
            default: self = .other(text)
            }
        }

        /// The `ACTION` value.
        package var description: String {
            switch self {
            case .add: "add"
            case .remove: "remove"
            case .change: "change"
            case .move: "move"
            case .bind: "bind"
            case .unbind: "unbind"
            case .online: "online"
            case .offline: "offline"
            case .other(let text): text
            }
        }

        /// Decodes the `ACTION` string.
        package init(from decoder: any Decoder) throws {
            self.init(try decoder.singleValueContainer().decode(String.self))
        }

        /// Encodes the `ACTION` string.
        package func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(description)
        }
    }
}
