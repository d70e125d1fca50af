import Foundation
import RocfaultSources

/// Finds kernel log sources that exist but this user may not read, and says how to get access.
enum KernelLogAccess {
    /// The journal directories journald writes the system journal to.
    static let journalDirectories = ["/var/log/journal", "/run/log/journal"]

    /// How to read `/dev/kmsg`, when it exists but opening it is refused.
    static func kmsgDenied(path: String = "/dev/kmsg") -> String? {
        guard access(path, F_OK) == 0, open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC).closingIfOpen() == nil else {
            return nil
        }
        guard errno == EACCES || errno == EPERM else { return nil }
        return "\(path) may be read only by root here (kernel.dmesg_restrict): run `sudo rocfault check`"
    }

    /// How to read the system journal, when its files exist and none is readable by this user.
    static func systemJournalDenied(directories: [String] = journalDirectories) -> String? {
        let files = directories.flatMap(systemJournalFiles)
        guard !files.isEmpty, !files.contains(where: { access($0, R_OK) == 0 }) else { return nil }
        return "the system journal (\(files[0])) may be read only by root and the `systemd-journal` and `adm` "
            + "groups: `sudo usermod -aG systemd-journal $USER` and log in again, or run `sudo rocfault check`"
    }

    /// `system*.journal` files in the machine directories under `directory`; a machine directory
    /// this user may not list stands for its files.
    private static func systemJournalFiles(in directory: String) -> [String] {
        let manager = FileManager.default
        let machines = (try? manager.contentsOfDirectory(atPath: directory)) ?? []
        return machines.sorted().flatMap { machine in
            let path = directory + "/" + machine
            guard let names = try? manager.contentsOfDirectory(atPath: path) else {
                return access(path, R_OK) == 0 ? [] : [path]
            }
            return names.filter { $0.hasPrefix("system") && $0.hasSuffix(".journal") }.sorted().map { path + "/" + $0 }
        }
    }
}

extension Int32 {
    /// Closes a descriptor just opened to test access; nil when the open failed (`errno` is kept).
    fileprivate func closingIfOpen() -> Int32? {
        guard self >= 0 else { return nil }
        close(self)
        return self
    }
}
