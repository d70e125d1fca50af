#if canImport(Glibc)
import Glibc
package import RocfaultPlatform
#endif

/// Takes clean file-backed pages out of the process's resident set, so code and data that only
/// start-up or a burst needed stop counting against the daemon once it is quiet again.
///
/// Only read-only or read-execute mappings of files are touched, and by default only those of
/// files the loader mapped (the program and its libraries: files with an executable mapping),
/// which stay mapped where they are for the life of the process; transient mappings such as
/// sd-journal's windows, which another thread may unmap and the kernel reuse at any time, are
/// left alone. Within a mapping only pages that `/proc/self/pagemap` shows as present file pages
/// are dropped. A page of a private mapping that was written to (relocations before RELRO turned
/// the mapping read-only) is an anonymous copy and is kept, so no content is ever lost: a released
/// page is simply read again from the page cache on its next use.
package enum CleanPageReleaser {
    /// What one release did.
    package struct Outcome: Sendable, Equatable {
        /// Mappings looked at.
        package var mappings = 0
        /// Pages dropped from the resident set.
        package var pagesReleased = 0
    }

    private static let presentBit: UInt64 = 1 << 63
    private static let filePageBit: UInt64 = 1 << 61

    /// Releases clean file pages of the calling process; reads `maps` and `pagemap` of `/proc/self`.
    /// - Parameter loadedObjectsOnly: Only files that also have an executable mapping (the program
    ///   and its libraries). Tests pass false to use plain data files.
    package static func release(loadedObjectsOnly: Bool = true) throws(SystemCallError) -> Outcome {
        let mappings = ProcessMapping.parseAll(try readMaps())
        let loaded = Set(mappings.filter { $0.permissions.dropFirst(2).first == "x" }.map(\.path))
        let pagemap = try SystemCall.retrying("open", path: "/proc/self/pagemap") {
            open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC)
        }
        defer { close(pagemap) }
        var outcome = Outcome()
        for mapping in mappings where mapping.isCleanFileCandidate {
            guard !loadedObjectsOnly || loaded.contains(mapping.path) else { continue }
            outcome.mappings += 1
            outcome.pagesReleased += try releaseCleanPages(of: mapping, pagemap: pagemap)
        }
        return outcome
    }

    /// Drops the runs of present file pages of one mapping; returns how many pages were dropped.
    private static func releaseCleanPages(of mapping: ProcessMapping, pagemap: Int32) throws(SystemCallError) -> Int {
        let pageSize = UInt64(sysconf(Int32(_SC_PAGESIZE)))
        let entries = try pagemapEntries(of: mapping, pageSize: pageSize, pagemap: pagemap)
        var released = 0
        var runStart: Int?
        for index in 0...entries.count {
            let clean = index < entries.count && entries[index] & (presentBit | filePageBit) == presentBit | filePageBit
            if clean, runStart == nil { runStart = index }
            guard !clean, let start = runStart else { continue }
            let address = UnsafeMutableRawPointer(bitPattern: UInt(mapping.start + UInt64(start) * pageSize))
            if madvise(address, Int(UInt64(index - start) * pageSize), MADV_DONTNEED) == 0 {
                released += index - start
            }
            runStart = nil
        }
        return released
    }

    private static func pagemapEntries(
        of mapping: ProcessMapping,
        pageSize: UInt64,
        pagemap: Int32
    ) throws(SystemCallError) -> [UInt64] {
        let count = Int((mapping.end - mapping.start) / pageSize)
        var entries = [UInt64](repeating: 0, count: count)
        let offset = off_t(mapping.start / pageSize * 8)
        let read = try SystemCall.retrying("pread", path: "/proc/self/pagemap") {
            entries.withUnsafeMutableBytes { pread(pagemap, $0.baseAddress, $0.count, offset) }
        }
        return Array(entries.prefix(read / 8))
    }

    private static func readMaps() throws(SystemCallError) -> String {
        let descriptor = try SystemCall.retrying("open", path: "/proc/self/maps") {
            open("/proc/self/maps", O_RDONLY | O_CLOEXEC)
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = try SystemCall.retrying("read", path: "/proc/self/maps") {
                chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk.prefix(count))
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
