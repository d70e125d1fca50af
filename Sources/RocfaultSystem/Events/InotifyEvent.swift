/// One event read from an inotify descriptor: `struct inotify_event` and its name.
struct InotifyEvent: Equatable {
    /// The watch descriptor the event is for.
    var watch: Int32
    /// `IN_*` bits.
    var mask: UInt32
    /// The entry's name, for events on a watched directory.
    var name: String?

    private static let headerSize = 16

    /// The events in a buffer filled by one `read`; a truncated trailing event is dropped.
    static func parseAll(_ bytes: Slice<UnsafeRawBufferPointer>) -> [InotifyEvent] {
        let raw = UnsafeRawBufferPointer(rebasing: bytes)
        var events: [InotifyEvent] = []
        var offset = 0
        while offset + headerSize <= raw.count {
            let watch = raw.loadUnaligned(fromByteOffset: offset, as: Int32.self)
            let mask = raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
            let length = Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
            guard offset + headerSize + length <= raw.count else { break }
            let nameBytes = raw[(offset + headerSize)..<(offset + headerSize + length)].prefix { $0 != 0 }
            let name = nameBytes.isEmpty ? nil : String(decoding: nameBytes, as: UTF8.self)
            events.append(InotifyEvent(watch: watch, mask: mask, name: name))
            offset += headerSize + length
        }
        return events
    }
}
