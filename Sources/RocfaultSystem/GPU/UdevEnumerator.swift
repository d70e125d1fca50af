import CUdev

/// Lists devices through libudev, which reads the live `/sys` (it cannot be pointed elsewhere).
enum UdevEnumerator {
    /// One enumerated device.
    struct Entry: Sendable, Hashable {
        /// `/sys/devices/.../drm/card0`.
        var syspath: String
        /// `card0`.
        var sysname: String
    }

    /// The devices of a subsystem whose name matches a shell glob; `nil` when libudev fails.
    static func devices(subsystem: String, sysnameGlob: String? = nil) -> [Entry]? {
        guard let udev = udev_new() else { return nil }
        defer { udev_unref(udev) }
        guard let enumerate = udev_enumerate_new(udev) else { return nil }
        defer { udev_enumerate_unref(enumerate) }
        guard udev_enumerate_add_match_subsystem(enumerate, subsystem) >= 0 else { return nil }
        if let sysnameGlob, udev_enumerate_add_match_sysname(enumerate, sysnameGlob) < 0 { return nil }
        guard udev_enumerate_scan_devices(enumerate) >= 0 else { return nil }
        var entries: [Entry] = []
        var item = udev_enumerate_get_list_entry(enumerate)
        while let current = item {
            if let name = udev_list_entry_get_name(current) {
                let syspath = String(cString: name)
                entries.append(Entry(syspath: syspath, sysname: DRMDeviceReader.lastComponent(syspath)))
            }
            item = udev_list_entry_get_next(current)
        }
        return entries.sorted { $0.sysname < $1.sysname }
    }
}
