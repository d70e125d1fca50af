import Foundation

/// File-system facts and chores about the database file and its `-wal`/`-shm` companions.
enum DatabaseFile {
    /// Mode of a database file the store creates: owner read-write, group read (members of the
    /// `rocfault` group run the CLI). SQLite gives `-wal` and `-shm` the database file's mode.
    static let creationMode: mode_t = 0o640

    /// The directory holding `path`.
    static func directory(of path: String) -> String {
        let parent = (path as NSString).deletingLastPathComponent
        return parent.isEmpty ? "." : parent
    }

    /// Whether anything exists at `path`.
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// Why `stat` fails on `path` (`ENOENT`, `EACCES` for a directory on the way this user may not
    /// search, ...), or nil when it succeeds.
    static func statError(_ path: String) -> Int32? {
        var info = stat()
        return stat(path, &info) == 0 ? nil : errno
    }

    /// Whether this process may access `path` in `mode` (`R_OK`, `W_OK`), as the kernel decides
    /// (this includes read-only mounts and immutable attributes, which bind root too).
    static func isAccessible(_ path: String, _ mode: Int32) -> Bool {
        access(path, mode) == 0
    }

    /// The size in bytes of the file at `path`, or 0 when it does not exist.
    static func size(_ path: String) -> Int64 {
        var info = stat()
        return stat(path, &info) == 0 ? Int64(info.st_size) : 0
    }

    /// The permission bits of the file at `path`, when it exists.
    static func permissions(_ path: String) -> mode_t? {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode & 0o7777 : nil
    }

    /// Creates an empty database file with ``creationMode`` (whatever the umask) unless one exists.
    static func createIfMissing(_ path: String) throws(StoreError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, creationMode)
        guard descriptor >= 0 else {
            let number = errno
            if number == EEXIST { return }
            throw StoreError(errno: number, path: path, doing: "cannot create the database file")
        }
        defer { close(descriptor) }
        guard fchmod(descriptor, creationMode) == 0 else {
            throw StoreError(errno: errno, path: path, doing: "cannot set the database file's mode")
        }
    }

    /// An SQLite URI for `path` with query parameters, such as `immutable=1`.
    static func uri(_ path: String, parameters: [String]) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let escaped = absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute
        let query = parameters.isEmpty ? "" : "?" + parameters.joined(separator: "&")
        return "file:" + escaped + query
    }

    /// The companions SQLite keeps beside a database file.
    static let companionSuffixes = ["-wal", "-shm"]

    /// Renames `path` and its `-wal`/`-shm` to `path.corrupt-<UTC date>` (and its `-wal`/`-shm`),
    /// keeping every byte, and returns the new path. The companions go first: a new database must
    /// never meet the old write-ahead log.
    static func setAside(_ path: String, date: Date) throws(StoreError) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH-mm-ss"
        let base = path + ".corrupt-" + formatter.string(from: date)
        var kept = base
        var attempt = 1
        while exists(kept) || companionSuffixes.contains(where: { exists(kept + $0) }) {
            attempt += 1
            kept = base + "-\(attempt)"
        }
        for suffix in companionSuffixes + [""] where exists(path + suffix) {
            guard rename(path + suffix, kept + suffix) == 0 else {
                throw StoreError(errno: errno, path: path + suffix, doing: "cannot set the corrupt file aside")
            }
        }
        return kept
    }
}
