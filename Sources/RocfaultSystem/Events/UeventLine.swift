extension DeviceEvent {
    /// An event from one line of `KEY=VALUE` pairs separated by spaces, as `udevadm monitor
    /// --property` prints a uevent's properties (`ACTION=add SUBSYSTEM=devcoredump
    /// DEVPATH=/devices/virtual/devcoredump/devcd1`); nil without `ACTION`. The device's sysfs path
    /// is `sysfsRoot` + `DEVPATH`. For feeding device events to the daemon in tests, where no
    /// device of the kind can exist.
    package init?(ueventLine line: String, sysfsRoot: String) {
        var properties: [String: String] = [:]
        for pair in line.split(separator: " ") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { properties[String(parts[0])] = String(parts[1]) }
        }
        guard let action = properties["ACTION"] else { return nil }
        let devpath = properties["DEVPATH"]
        self.init(
            action: Action(action),
            subsystem: properties["SUBSYSTEM"],
            syspath: devpath.map { sysfsRoot + $0 },
            sysname: devpath.flatMap { $0.split(separator: "/").last.map(String.init) },
            sequence: properties["SEQNUM"].flatMap { UInt64($0) },
            properties: properties
        )
    }
}
