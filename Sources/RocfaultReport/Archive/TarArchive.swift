/// Builds a POSIX ustar archive in memory: directories and regular files, owned by uid/gid 0 with
/// empty owner names (a report must not carry the local user name), all with one modification time.
///
/// Paths up to 255 bytes are stored by splitting at a `/` into the header's `prefix` and `name`
/// fields; longer paths and files over 8 GiB are refused.
package struct TarArchive: Sendable {
    /// Why an entry could not be added.
    package struct EntryError: Error, CustomStringConvertible {
        /// The entry's path.
        package var path: String
        /// What is wrong with it.
        package var reason: String

        package var description: String { "cannot archive \(path): \(reason)" }
    }

    private static let block = 512
    private var bytes: [UInt8] = []
    private let modificationTime: Int64

    /// Creates an empty archive whose entries carry `modificationTime` (seconds since the epoch).
    package init(modificationTime: Int64) {
        self.modificationTime = max(0, modificationTime)
    }

    /// Adds a directory entry (`path` without a trailing slash).
    package mutating func addDirectory(_ path: String, mode: UInt32 = 0o755) throws(EntryError) {
        try appendHeader(path: path + "/", size: 0, mode: mode, type: UInt8(ascii: "5"))
    }

    /// Adds a regular file.
    package mutating func addFile(_ path: String, contents: [UInt8], mode: UInt32 = 0o644) throws(EntryError) {
        try appendHeader(path: path, size: contents.count, mode: mode, type: UInt8(ascii: "0"))
        bytes += contents
        pad()
    }

    /// The archive with its end-of-archive marker (two zero blocks).
    package func finished() -> [UInt8] {
        bytes + [UInt8](repeating: 0, count: 2 * Self.block)
    }

    private mutating func pad() {
        let remainder = bytes.count % Self.block
        if remainder != 0 { bytes += [UInt8](repeating: 0, count: Self.block - remainder) }
    }

    private mutating func appendHeader(path: String, size: Int, mode: UInt32, type: UInt8) throws(EntryError) {
        let (prefix, name) = try Self.split(path)
        guard size < 0o77777777777 else { throw EntryError(path: path, reason: "larger than 8 GiB") }
        var header = [UInt8](repeating: 0, count: Self.block)
        Self.put(name, at: 0, width: 100, in: &header)
        Self.putOctal(Int64(mode), at: 100, width: 8, in: &header)
        Self.putOctal(0, at: 108, width: 8, in: &header)
        Self.putOctal(0, at: 116, width: 8, in: &header)
        Self.putOctal(Int64(size), at: 124, width: 12, in: &header)
        Self.putOctal(modificationTime, at: 136, width: 12, in: &header)
        header[156] = type
        Self.put(Array("ustar".utf8) + [0], at: 257, width: 6, in: &header)
        Self.put(Array("00".utf8), at: 263, width: 2, in: &header)
        Self.putOctal(0, at: 329, width: 8, in: &header)
        Self.putOctal(0, at: 337, width: 8, in: &header)
        Self.put(prefix, at: 345, width: 155, in: &header)
        for index in 148..<156 { header[index] = UInt8(ascii: " ") }
        let checksum = header.reduce(0) { $0 + Int64($1) }
        Self.putOctal(checksum, at: 148, width: 7, in: &header)
        bytes += header
    }

    /// Splits a path into ustar `prefix` (up to 155 bytes) and `name` (up to 100 bytes).
    static func split(_ path: String) throws(EntryError) -> (prefix: [UInt8], name: [UInt8]) {
        let utf8 = Array(path.utf8)
        guard !utf8.isEmpty, !utf8.contains(0) else { throw EntryError(path: path, reason: "empty or contains NUL") }
        if utf8.count <= 100 { return ([], utf8) }
        let slashes = utf8.indices.filter { utf8[$0] == UInt8(ascii: "/") && $0 < utf8.count - 1 }
        for slash in slashes.reversed() where slash <= 155 && utf8.count - slash - 1 <= 100 {
            return (Array(utf8[..<slash]), Array(utf8[(slash + 1)...]))
        }
        throw EntryError(path: path, reason: "path longer than ustar allows (100-byte name, 155-byte prefix)")
    }

    private static func put(_ value: [UInt8], at offset: Int, width: Int, in header: inout [UInt8]) {
        for (index, byte) in value.prefix(width).enumerated() { header[offset + index] = byte }
    }

    /// Writes `value` as zero-padded octal digits filling `width - 1` bytes, then a NUL.
    private static func putOctal(_ value: Int64, at offset: Int, width: Int, in header: inout [UInt8]) {
        let digits = String(value, radix: 8)
        let padded = String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits
        put(Array(padded.utf8) + [0], at: offset, width: width, in: &header)
    }
}
