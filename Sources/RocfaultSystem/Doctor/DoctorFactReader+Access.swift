import RocfaultCore

#if canImport(Glibc)
import Glibc
import RocfaultPlatform
#endif

extension DoctorFactReader {
    /// `access.kfd` and `access.render`: can the user (the `--pid` process's, else this one) open
    /// /dev/kfd and the first GPU's render node for reading and writing. Live, `access(2)` decides
    /// (it honours the ACLs logind grants); under a root, the node's owner, group and mode against
    /// the `Uid:` and `Groups:` of `proc/PID/status` (`proc/self/status`).
    func accessFacts(gpus: [GPUDevice]) -> [String: DoctorFact] {
        guard !gpus.isEmpty else {
            let none = DoctorFact.absent(from: "no AMD GPU")
            return ["access.kfd": none, "access.render": none]
        }
        var facts: [String: DoctorFact] = ["access.kfd": access(to: "dev/kfd")]
        if let render = gpus.compactMap(\.renderNode).first {
            facts["access.render"] = access(to: "dev/dri/" + render)
        }
        return facts
    }

    private func access(to device: String) -> DoctorFact {
        let file = path(device)
        var info = stat()
        guard stat(file, &info) == 0 else { return .absent(from: file) }
        if isLive && pid == nil {
            let allowed = Glibc.access(file, R_OK | W_OK) == 0
            return .known(allowed ? "yes" : "no", from: file + " (access(2) as uid \(getuid()))")
        }
        let status = path("proc/\(pid.map(String.init) ?? "self")/status")
        guard let text = FileIO.text(status), let identity = Self.identity(text) else {
            return .unknown("cannot read the user's groups", source: status)
        }
        let allowed = Self.allows(mode: info.st_mode, owner: info.st_uid, group: info.st_gid, identity: identity)
        let mode = String(info.st_mode & 0o777, radix: 8)
        return .known(
            allowed ? "yes" : "no",
            from:
                "\(file) (mode \(mode), uid \(info.st_uid), gid \(info.st_gid)) and \(status) (uid \(identity.uid), groups \(identity.groups.map(String.init).joined(separator: " ")))"
        )
    }

    /// The effective uid and the groups from a `/proc/PID/status` text.
    static func identity(_ text: String) -> (uid: UInt32, groups: [UInt32])? {
        var uid: UInt32?
        var groups: [UInt32] = []
        for line in text.split(whereSeparator: \.isNewline) {
            let fields = line.split(whereSeparator: { $0 == "\t" || $0 == " " })
            if fields.first == "Uid:", fields.count > 2 { uid = UInt32(fields[2]) }
            if fields.first == "Gid:", fields.count > 2, let gid = UInt32(fields[2]) { groups.append(gid) }
            if fields.first == "Groups:" {
                groups += fields.dropFirst().compactMap { UInt32($0) }.filter { !groups.contains($0) }
            }
        }
        return uid.map { ($0, groups) }
    }

    /// Whether read and write are allowed by the mode bits for this identity (root always may).
    static func allows(mode: mode_t, owner: uid_t, group: gid_t, identity: (uid: UInt32, groups: [UInt32])) -> Bool {
        if identity.uid == 0 { return true }
        let bits: mode_t
        if identity.uid == owner {
            bits = (mode >> 6) & 0o6
        } else if identity.groups.contains(group) {
            bits = (mode >> 3) & 0o6
        } else {
            bits = mode & 0o6
        }
        return bits == 0o6
    }
}
