import Logging
import RocfaultSources
import RocfaultStore

/// Tells the operator that a damaged database was set aside and a fresh one started: an error in
/// the daemon's log and a journal entry with a stable MESSAGE_ID (docs/daemon.md).
enum StoreRecoveryNotice {
    /// MESSAGE_ID of "the incident store was damaged, set aside and replaced".
    static let messageID = "dfd399c3f58e4d78840ab5a01e09b3fa"

    static func announce(_ recovery: StoreRecovery, path: String, logger: Logger) {
        let message =
            "the incident store \(path) was damaged (\(recovery.reason)); it is kept at \(recovery.keptPath) "
            + "and a new one was started"
        logger.error("\(message)")
        let fields = [
            JournalField("MESSAGE_ID", messageID),
            JournalField("SYSLOG_IDENTIFIER", "rocfaultd"),
            JournalField("ROCFAULT_STORE", path),
            JournalField("ROCFAULT_STORE_KEPT", recovery.keptPath),
        ]
        do {
            try JournalWriter().send(message: message, priority: 3, fields: fields)
        } catch {
            logger.debug("could not write the store recovery to the journal: \(error)")
        }
    }
}
