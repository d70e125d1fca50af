import CUdev

/// Copies what a libudev device says into a `DeviceEvent`.
enum UdevDeviceConverter {
    /// The event for a device received from a monitor.
    static func event(from device: OpaquePointer) -> DeviceEvent {
        var properties: [String: String] = [:]
        var item = udev_device_get_properties_list_entry(device)
        while let current = item {
            if let name = udev_list_entry_get_name(current) {
                properties[String(cString: name)] = udev_list_entry_get_value(current).map { String(cString: $0) } ?? ""
            }
            item = udev_list_entry_get_next(current)
        }
        let action = udev_device_get_action(device).map { String(cString: $0) } ?? properties["ACTION"] ?? ""
        let sequence = udev_device_get_seqnum(device)
        return DeviceEvent(
            action: DeviceEvent.Action(action),
            subsystem: udev_device_get_subsystem(device).map { String(cString: $0) },
            syspath: udev_device_get_syspath(device).map { String(cString: $0) },
            sysname: udev_device_get_sysname(device).map { String(cString: $0) },
            devnode: udev_device_get_devnode(device).map { String(cString: $0) },
            sequence: sequence == 0 ? properties["SEQNUM"].flatMap { UInt64($0) } : UInt64(sequence),
            properties: properties
        )
    }
}
