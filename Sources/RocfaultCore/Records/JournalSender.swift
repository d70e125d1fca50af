/// Who sent a journal entry, from the fields journald itself adds (`_PID`, `_UID`, `_COMM`, `_EXE`).
///
/// journald drops every `_`-prefixed field a client sends and fills these from the socket's
/// credentials and `/proc`, so they name the real sender. Fields a client writes (`SYSLOG_PID`,
/// `SYSLOG_IDENTIFIER`, `ROCFAULT_*`) say whatever the client wants.
package struct JournalSender: Sendable, Hashable {
    /// `_PID`: the sending process.
    package var pid: Int32?
    /// `_UID`: its user.
    package var uid: UInt32?
    /// `_COMM`: its command name.
    package var comm: String?
    /// `_EXE`: its executable path.
    package var exe: String?

    /// Creates a sender from its trusted fields.
    package init(pid: Int32?, uid: UInt32?, comm: String?, exe: String?) {
        self.pid = pid
        self.uid = uid
        self.comm = comm
        self.exe = exe
    }

    /// The sender of an entry with these fields (only the `_`-prefixed ones are read).
    package init(fields: [String: String]) {
        self.init(
            pid: fields["_PID"].flatMap { Int32($0) },
            uid: fields["_UID"].flatMap { UInt32($0) },
            comm: fields["_COMM"],
            exe: fields["_EXE"]
        )
    }

    /// The journal field names the sender is read from; a reader must extract them.
    package static let fieldNames: Set<String> = ["_PID", "_UID", "_COMM", "_EXE"]

    /// Whether the sender is the program `name`: its command name or its executable's file name
    /// is `name` (a deleted, replaced executable reads `/path/name (deleted)`).
    package func isProgram(_ name: String) -> Bool {
        if comm == name { return true }
        guard let exe else { return false }
        let file = exe.split(separator: "/").last.map(String.init) ?? exe
        return file == name || file == name + " (deleted)"
    }
}
