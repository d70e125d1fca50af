import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The identifying strings of this machine and its users that a report must not carry.
package struct RedactionIdentity: Sendable, Hashable {
    /// Login names of people (not root or system accounts).
    package var userNames: Set<String>
    /// Real names of people, from the GECOS field of their passwd entries (`Alice Example`).
    package var realNames: Set<String>
    /// The host name, its short form and `/etc/hostname`.
    package var hostNames: Set<String>
    /// `/etc/machine-id`.
    package var machineIDs: Set<String>
    /// Values of secret-named environment variables, replaced wherever they appear.
    package var secretValues: Set<String>

    /// Creates an identity.
    package init(
        userNames: Set<String> = [],
        realNames: Set<String> = [],
        hostNames: Set<String> = [],
        machineIDs: Set<String> = [],
        secretValues: Set<String> = []
    ) {
        self.userNames = userNames
        self.realNames = realNames
        self.hostNames = hostNames
        self.machineIDs = machineIDs
        self.secretValues = secretValues
    }

    /// Names too generic to redact as words.
    static let ignoredNames: Set<String> = ["root", "localhost", "localhost.localdomain", "(none)", "nobody", ""]

    /// Reads this machine: people in `/etc/passwd` (uid 1000-59999) with their real names, the invoking user (`$USER`,
    /// `$LOGNAME`, `$SUDO_USER`, the real uid's name), the host name and the machine id; secret-named
    /// variables of `environment`.
    package static func current(environment: [String: String], root: String = "") -> RedactionIdentity {
        var identity = RedactionIdentity()
        let passwd = read(root + "/etc/passwd")
        identity.userNames = people(passwd: passwd)
        identity.realNames = realNames(passwd: passwd)
        for name in ["USER", "LOGNAME", "SUDO_USER"] {
            if let value = environment[name] { identity.userNames.insert(value) }
        }
        if let entry = getpwuid(getuid()) { identity.userNames.insert(String(cString: entry.pointee.pw_name)) }
        identity.hostNames = hostNames(etcHostname: read(root + "/etc/hostname"))
        for file in ["/etc/machine-id", "/var/lib/dbus/machine-id"] {
            let value = read(root + file).trimmingCharacters(in: .whitespacesAndNewlines)
            if value.count >= 16 { identity.machineIDs.insert(value) }
        }
        for (name, value) in environment where SecretNames.isSecret(name) && value.count >= 4 {
            identity.secretValues.insert(value)
        }
        identity.userNames.subtract(ignoredNames)
        identity.hostNames.subtract(ignoredNames)
        return identity
    }

    /// Login names of accounts with uid 1000-59999 in a passwd file.
    static func people(passwd: String) -> Set<String> {
        var names: Set<String> = []
        for line in passwd.split(separator: "\n") {
            let fields = line.split(separator: ":", omittingEmptySubsequences: false)
            guard fields.count >= 3, let uid = Int(fields[2]), (1000..<60000).contains(uid) else { continue }
            names.insert(String(fields[0]))
        }
        return names
    }

    /// Real names in the GECOS field (its first comma-separated part) of accounts with uid
    /// 1000-59999; only names of two or more words, as a single word there is often a generic
    /// label (`Ubuntu`, `Debian`) that must stay readable in a report.
    static func realNames(passwd: String) -> Set<String> {
        var names: Set<String> = []
        for line in passwd.split(separator: "\n") {
            let fields = line.split(separator: ":", omittingEmptySubsequences: false)
            guard fields.count >= 5, let uid = Int(fields[2]), (1000..<60000).contains(uid) else { continue }
            let name = fields[4].split(separator: ",", omittingEmptySubsequences: false).first ?? ""
            let words = name.split(separator: " ")
            guard words.count >= 2 else { continue }
            names.insert(words.joined(separator: " "))
        }
        return names
    }

    private static func hostNames(etcHostname: String) -> Set<String> {
        var names: Set<String> = []
        var buffer = [CChar](repeating: 0, count: 256)
        if gethostname(&buffer, buffer.count - 1) == 0 {
            names.insert(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        let fromFile = etcHostname.trimmingCharacters(in: .whitespacesAndNewlines)
        if !fromFile.isEmpty { names.insert(fromFile) }
        for name in names {
            if let dot = name.firstIndex(of: "."), dot != name.startIndex { names.insert(String(name[..<dot])) }
        }
        return names
    }

    private static func read(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }
}
