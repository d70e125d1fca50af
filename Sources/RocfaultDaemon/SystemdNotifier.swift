import CSystemd

/// `sd_notify` for Type=notify services: readiness, watchdog pings, status and stopping.
/// Without `$NOTIFY_SOCKET` (run by hand) every call is a cheap no-op.
struct SystemdNotifier: Sendable {
    /// The watchdog interval systemd expects pings within, if the watchdog is on.
    let watchdogInterval: Duration?

    init() {
        var microseconds: UInt64 = 0
        watchdogInterval = sd_watchdog_enabled(0, &microseconds) > 0 ? .microseconds(Int64(microseconds)) : nil
    }

    func ready(status: String) { send("READY=1\nSTATUS=\(status)") }
    func watchdog() { send("WATCHDOG=1") }
    func status(_ text: String) { send("STATUS=\(text)") }
    func reloading() { send("RELOADING=1") }
    func stopping() { send("STOPPING=1") }

    private func send(_ state: String) {
        _ = sd_notify(0, state)
    }
}
