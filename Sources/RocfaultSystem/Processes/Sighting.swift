/// What one scan read about one process.
struct Sighting: Sendable {
    var stat: ProcStat
    var devices: [String]
    var pasids: [UInt32]
    var inKFD: Bool
    /// The full record, read when the process was not known.
    var firstSight: GPUProcess?
    /// Freshly read libraries, when this scan refreshed them.
    var libraries: [RuntimeLibrary]?
}
