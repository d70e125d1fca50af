import Glibc

/// Whether `condition` holds within `timeout`, checked every `interval` (and once more at the
/// end): for states another process or thread reaches (a child's `/proc` entry, a daemon's output).
package func eventually(
    within timeout: Duration = .seconds(2),
    every interval: Duration = .milliseconds(10),
    _ condition: () -> Bool
) -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    let pause = useconds_t(
        clamping: interval.components.seconds * 1_000_000 + interval.components.attoseconds / 1_000_000_000_000
    )
    while clock.now < deadline {
        if condition() { return true }
        usleep(pause)
    }
    return condition()
}
