/// What a redaction removed, for the count `rocfault report --preview` ends with.
package enum RedactionKind: String, CaseIterable, Sendable, Hashable, Comparable {
    case apiToken
    case password
    case secret
    case emailAddress
    case realName
    case userName
    case hostName
    case machineID
    case homeDirectory
    case wifiNetwork
    case ipAddress
    case macAddress

    /// The words for `count` of them: `1 API token`, `2 email addresses`.
    package func phrase(count: Int) -> String {
        let (one, many): (String, String)
        switch self {
        case .apiToken: (one, many) = ("API token", "API tokens")
        case .password: (one, many) = ("password", "passwords")
        case .secret: (one, many) = ("secret value", "secret values")
        case .emailAddress: (one, many) = ("email address", "email addresses")
        case .realName: (one, many) = ("real name", "real names")
        case .userName: (one, many) = ("user name", "user names")
        case .hostName: (one, many) = ("host name", "host names")
        case .machineID: (one, many) = ("machine id", "machine ids")
        case .homeDirectory: (one, many) = ("home directory", "home directories")
        case .wifiNetwork: (one, many) = ("Wi-Fi network name", "Wi-Fi network names")
        case .ipAddress: (one, many) = ("IP address", "IP addresses")
        case .macAddress: (one, many) = ("MAC address", "MAC addresses")
        }
        return "\(count) " + (count == 1 ? one : many)
    }

    /// Declaration order: credentials first.
    package static func < (lhs: RedactionKind, rhs: RedactionKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
