package import ArgumentParser

/// Command-line options of `rocfaultd`.
package struct DaemonOptions: ParsableArguments, Sendable {
    @Option(help: "State directory holding rocfault.sqlite (env ROCFAULT_STATE_DIR; default /var/lib/rocfault).")
    package var stateDir: String?

    @Option(help: "Rule directory (default: the installed rules).")
    package var rules: String?

    @Option(help: "Read journal files from this directory instead of the system journal.")
    package var journalDirectory: String?

    @Option(
        help:
            "Where a first start (no saved position) reads the journal from: boot (the current boot's beginning) or tail (only new entries)."
    )
    package var journalStart: JournalFirstStart = .boot

    @Flag(help: "Do not read the journal.")
    package var noJournal = false

    @Flag(help: "Read the journal to its end, record what it holds, and exit (the kernel log device is not read).")
    package var once = false

    @Option(help: "The kernel log device.")
    package var kmsg = "/dev/kmsg"

    @Flag(help: "Do not read the kernel log device (kernel lines then come from the journal).")
    package var noKmsg = false

    @Flag(help: "Count lines written to the kernel log by processes as kernel evidence (tests only).")
    package var acceptInjectedKernelLines = false

    @Option(help: "sysfs root, for GPU and KFD discovery.")
    package var sysfsRoot = "/sys"

    @Option(help: "procfs root, for GPU process discovery.")
    package var procRoot = "/proc"

    @Option(help: "Seconds without new evidence after which an incident is final.")
    package var quietPeriod = 30

    @Option(
        help:
            "An extra file that marks a process holding it open as a GPU user, besides /dev/kfd and /dev/dri/renderD* (repeatable; a fake GPU node in tests)."
    )
    package var gpuDevice: [String] = []

    @Option(
        help: """
            Seconds between scans for GPU processes while some run (ten times as long while none \
            does; opening a GPU node triggers a scan at once). 0 turns scanning off.
            """
    )
    package var processScanInterval = 30

    @Option(
        help: """
            Seconds a GPU process may stay stuck before it counts as a hang: a thread in uninterruptible \
            sleep, spinning with no I/O, or asleep in a KFD/DRM ioctl with no I/O.
            """
    )
    package var hangThreshold = 120

    @Option(help: "Largest database size in MiB before the oldest incidents are deleted.")
    package var retentionMaxMib = 256

    @Option(help: "Days incidents are kept.")
    package var retentionMaxDays = 180

    @Option(
        help: ArgumentHelp(
            "Write metrics in Prometheus text format to this file, for node_exporter's textfile collector (docs/metrics.md).",
            valueName: "path"
        )
    )
    package var metricsFile: String?

    @Option(
        help: ArgumentHelp(
            "Directory of incident hooks: executables run with the incident's JSON on stdin when it is recorded and when it is final (default /etc/rocfault/hooks.d; '' for none).",
            valueName: "dir"
        )
    )
    package var hooksDir: String?

    @Option(help: ArgumentHelp("A shell command run like a hook for every incident event.", valueName: "command"))
    package var onIncident: String?

    @Option(help: "Seconds a hook may run before its process group is killed.")
    package var hookTimeout = 30
    @Option(help: "The KFD device: GPU event streams are read through it when it exists.")
    package var kfdDevice = "/dev/kfd"

    @Option(
        help: ArgumentHelp(
            "A FIFO of device events, one `ACTION=add SUBSYSTEM=devcoredump DEVPATH=...` line each (tests only).",
            visibility: .hidden
        )
    )
    package var deviceEventFifo: String?

    package init() {}
}

/// Where a first start reads the journal from.
package enum JournalFirstStart: String, ExpressibleByArgument, Sendable, CaseIterable {
    /// The current boot's first entry: nothing of this boot is missed (the default).
    case boot
    /// Only entries written from now on: for tests, and for a quick start on a huge journal.
    case tail
}
