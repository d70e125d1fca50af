/// The `host ident[pid]: ` part of a syslog or journalctl line, after the timestamp. Host and
/// identifier are kept as byte ranges so that lines which turn out not to match cost no strings.
struct SyslogHeader {
    /// Where the host name is, when the line has one.
    var host: Range<Int>?
    /// Where the syslog identifier (`kernel`, `ollama`, `systemd-coredump`) is, when the line has one.
    var identifier: Range<Int>?
    /// The pid in brackets after the identifier.
    var pid: Int32?
    /// Where the message starts.
    var textStart: Int

    private static let kernel: [UInt8] = Array("kernel".utf8)

    /// Reads `[host ]ident[pid]: ` leniently, as after a syslog timestamp: the host may be missing
    /// (`journalctl --no-hostname`), and so may the identifier (a syslog line without a tag), in
    /// which case the message starts after the host.
    /// An empty host column (`Jan 02 21:35:19  kernel: `, a host name the journal did not know) and
    /// rsyslog's `facility.priority` field after the host (`laptop kern.info kernel: `) are read too.
    static func scanLenient(_ cursor: ByteCursor) -> SyslogHeader {
        var probe = cursor
        if let header = scanIdentifier(&probe, host: nil) { return header }
        var emptyHost = probe
        if emptyHost.consume(ByteClass.space), let header = scanIdentifier(&emptyHost, host: nil) { return header }
        guard let host = scanHost(&probe) else { return SyslogHeader(textStart: cursor.index) }
        var afterPriority = probe
        if skipFacilityPriority(&afterPriority), let header = scanIdentifier(&afterPriority, host: host) {
            return header
        }
        return scanIdentifier(&probe, host: host) ?? SyslogHeader(host: host, textStart: probe.index)
    }

    private static let priorities: [[UInt8]] = [
        "emerg", "alert", "crit", "err", "warning", "warn", "notice", "info", "debug",
    ]
    .map { Array($0.utf8) }

    /// rsyslog's `facility.priority ` field (`kern.info `, `daemon.err `, `local0.debug `); false
    /// (nothing consumed) when the next word is not one.
    private static func skipFacilityPriority(_ cursor: inout ByteCursor) -> Bool {
        let start = cursor.index
        let facility = cursor.take(upTo: 8) { ByteClass.isLower($0) || ByteClass.isDigit($0) }
        guard !facility.isEmpty, cursor.consume(ByteClass.period) else {
            cursor.index = start
            return false
        }
        let priority = cursor.take(upTo: 7, while: ByteClass.isLower)
        let word = cursor.slice(priority)
        guard priorities.contains(where: { $0.elementsEqual(word) }), cursor.consume(ByteClass.space) else {
            cursor.index = start
            return false
        }
        return true
    }

    /// Reads `host kernel: ` or `host ident[pid]: ` and nothing looser, for layouts that are easy to
    /// confuse with a kernel message (`[ 9.6] amdgpu 0000:23:00.0: ...`, `[ 1.2] systemd[1]: ...`).
    static func scanStrict(_ cursor: ByteCursor) -> SyslogHeader? {
        var probe = cursor
        guard let host = scanHost(&probe), let header = scanIdentifier(&probe, host: host) else { return nil }
        return header.pid != nil || header.isKernel(in: cursor.bytes) ? header : nil
    }

    /// Whether the identifier is `kernel`.
    func isKernel(in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let identifier else { return false }
        return ByteCursor(bytes).slice(identifier).elementsEqual(Self.kernel)
    }

    /// The host name as text.
    func hostName(in bytes: UnsafeBufferPointer<UInt8>) -> String? {
        host.map { TextDecoding.string(ByteCursor(bytes).slice($0)) }
    }

    /// The identifier as text.
    func identifierName(in bytes: UnsafeBufferPointer<UInt8>) -> String? {
        identifier.map { TextDecoding.string(ByteCursor(bytes).slice($0)) }
    }

    /// A host name followed by one space.
    private static func scanHost(_ cursor: inout ByteCursor) -> Range<Int>? {
        let start = cursor.index
        let range = cursor.take(upTo: 255, while: ByteClass.isHostName)
        guard !range.isEmpty, cursor.consume(ByteClass.space) else {
            cursor.index = start
            return nil
        }
        return range
    }

    /// `ident: ` or `ident[pid]: ` (the space may be the end of the line).
    private static func scanIdentifier(_ cursor: inout ByteCursor, host: Range<Int>?) -> SyslogHeader? {
        let start = cursor.index
        let range = cursor.take(upTo: 255, while: isIdentifierByte)
        var pid: Int32?
        if cursor.consume(ByteClass.openBracket) {
            guard let value = cursor.number(maxDigits: 10), value <= Int32.max, cursor.consume(ByteClass.closeBracket)
            else { return fail(&cursor, at: start) }
            pid = Int32(value)
        }
        guard !range.isEmpty, cursor.consume(ByteClass.colon), cursor.isAtEnd || cursor.consume(ByteClass.space)
        else { return fail(&cursor, at: start) }
        return SyslogHeader(host: host, identifier: range, pid: pid, textStart: cursor.index)
    }

    private static func fail(_ cursor: inout ByteCursor, at start: Int) -> SyslogHeader? {
        cursor.index = start
        return nil
    }

    /// Identifiers are printable and stop at a space, `[` or `:`.
    private static func isIdentifierByte(_ byte: UInt8) -> Bool {
        byte > ByteClass.space && byte != 0x7F && byte != ByteClass.openBracket && byte != ByteClass.colon
    }
}
