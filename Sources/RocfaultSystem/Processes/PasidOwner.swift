package import RocfaultCore

/// One process that held a PASID for a while. KFD reuses PASIDs quickly, so a kernel fault's
/// PASID is matched to the owner whose time span covers the fault.
package struct PasidOwner: Sendable, Hashable, Codable {
    /// The address-space id.
    package var pasid: UInt32
    /// The process that held it.
    package var pid: Int32
    /// Its start time, to tell pid reuse apart.
    package var startTime: UInt64
    /// Its command name.
    package var comm: String
    /// First scan that saw the pair.
    package var firstSeen: EventTime
    /// Last scan that saw the pair.
    package var lastSeen: EventTime

    /// Creates an owner record.
    package init(pasid: UInt32, pid: Int32, startTime: UInt64, comm: String, firstSeen: EventTime, lastSeen: EventTime)
    {
        self.pasid = pasid
        self.pid = pid
        self.startTime = startTime
        self.comm = comm
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
    }
}
