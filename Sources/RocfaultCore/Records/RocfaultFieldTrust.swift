/// Whether the `ROCFAULT_*` fields of a journal entry are believed, and whether an entry is one of
/// rocfaultd's own lines, decided from journald's trusted fields only (see ``JournalSender``).
///
/// `rocfault run` names its child with `ROCFAULT_PID`. Any user can send such a field, so it is
/// believed only when the sender is a `rocfault` process run by root, or by the user who owns the
/// named process (which is then checked to be the process the entry means, by its start time).
package enum RocfaultFieldTrust {
    /// What is known of the process an entry names, read from `/proc` when the entry is handled.
    package struct NamedProcess: Sendable, Hashable {
        /// Its real user id.
        package var uid: UInt32
        /// `/proc/PID/stat` start time, when read.
        package var startTime: UInt64?

        /// Creates the facts.
        package init(uid: UInt32, startTime: UInt64?) {
            self.uid = uid
            self.startTime = startTime
        }
    }

    /// The decision about one entry's `ROCFAULT_*` fields.
    package enum Decision: Sendable, Hashable {
        /// The fields are believed: the entry is about `pid`.
        case believed(pid: Int32)
        /// The fields are ignored, for `reason`; the entry stays the sender's own line.
        case refused(reason: String)
    }

    /// Decides whether to believe an entry from `sender` that names `namedPID` (claiming its start
    /// time is `claimedStartTime`), where `named` is what `/proc` says of that pid now (nil when
    /// it is gone or unreadable).
    package static func decide(
        sender: JournalSender,
        namedPID: Int32,
        claimedStartTime: UInt64?,
        named: NamedProcess?
    ) -> Decision {
        guard let uid = sender.uid, sender.pid != nil else {
            return .refused(reason: "the entry has no trusted sender fields")
        }
        guard sender.isProgram("rocfault") else {
            return .refused(reason: "sent by \(sender.comm ?? "an unknown program"), not by rocfault")
        }
        if let claimed = claimedStartTime, let actual = named?.startTime, claimed != actual {
            return .refused(reason: "process \(namedPID) is not the one named (start time \(actual), not \(claimed))")
        }
        if uid == 0 { return .believed(pid: namedPID) }
        guard let named else {
            return .refused(reason: "process \(namedPID) is gone, so its owner cannot be checked")
        }
        guard named.uid == uid else {
            return .refused(reason: "process \(namedPID) belongs to uid \(named.uid), the sender is uid \(uid)")
        }
        return .believed(pid: namedPID)
    }

    /// Whether an entry from `sender` is one of rocfaultd's own lines (its log and announcements),
    /// which must never become evidence: sent by this daemon's process, or by a `rocfaultd` of the
    /// daemon's user (an earlier run, read back from the journal). `SYSLOG_IDENTIFIER` plays no part.
    package static func isDaemonsOwn(sender: JournalSender, daemonPID: Int32, daemonUID: UInt32) -> Bool {
        guard let pid = sender.pid else { return false }
        if pid == daemonPID { return true }
        return sender.uid == daemonUID && sender.isProgram("rocfaultd")
    }
}
