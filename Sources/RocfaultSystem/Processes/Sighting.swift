/// What one scan read about one process.
struct Sighting: Sendable {
    var stat: ProcStat
    var devices: [String]
    var pasids: [UInt32]
    var inKFD: Bool
    /// The full record, read when the process was not known, or read again when a known process
    /// replaced its image (`execve`: same pid and start time, another command name).
    var firstSight: GPUProcess?
    /// Whether `firstSight` was read again because a known process ran another program.
    var reexecuted = false
    /// Freshly read libraries, when this scan refreshed them.
    var libraries: [RuntimeLibrary]?
}
