import RocfaultPlatform
/// Which netlink multicast group a device monitor listens to.
package enum UeventGroup: String, Sendable, Hashable, Codable {
    /// Events after udevd processed them (rules applied, `/dev` nodes ready). Needs udevd running.
    case udev
    /// Raw kernel uevents, delivered whether or not udevd runs.
    case kernel

    /// `udev` when udevd is running (its control socket exists under `runRoot`), else `kernel`:
    /// without udevd the udev group never carries anything.
    package static func preferred(runRoot: String = "/run") -> UeventGroup {
        FileIO.exists(runRoot + "/udev/control") ? .udev : .kernel
    }
}
