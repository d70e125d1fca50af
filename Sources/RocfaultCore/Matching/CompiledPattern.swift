import CPCRE2

/// A PCRE2 pattern compiled once (with JIT when available) and matched against UTF-8 bytes.
///
/// Every match runs under an explicit match limit (``matchLimit``; PCRE2's default is 10 million
/// steps, about 15 ms of CPU per line for a pattern that backtracks catastrophically). A match that
/// reaches it counts as no match and is counted in ``matchLimitHits``.
///
/// Not thread-safe on its own: matching uses a per-instance match-data block, so each thread (or
/// each matcher value) needs its own copy made with ``copyForAnotherThread()``.
public final class CompiledPattern: @unchecked Sendable {
    /// The match limit rules run with: well above what any shipped rule needs on a 64 KiB line,
    /// and about 1.5 ms of CPU when a pattern backtracks without end.
    public static let defaultMatchLimit: UInt32 = 1_000_000

    /// The source text of the pattern.
    public let source: String
    /// The names of the named capture groups, by group number.
    public let captureNames: [(number: Int, name: String)]
    /// The most steps (and nested backtracking depth) one match may take.
    public let matchLimit: UInt32
    /// How many matches gave up at the match, depth, heap or JIT stack limit (each counted as no match).
    public private(set) var matchLimitHits = 0
    private let code: OpaquePointer
    private let matchData: OpaquePointer
    private let matchContext: OpaquePointer?
    private let isJIT: Bool

    /// Compiles a pattern. Throws ``PatternError`` with the offset and PCRE2's message on bad syntax.
    public init(_ source: String, matchLimit: UInt32 = CompiledPattern.defaultMatchLimit) throws(PatternError) {
        var errorCode: Int32 = 0
        var errorOffset: Int = 0
        let options = UInt32(PCRE2_UTF | PCRE2_MATCH_INVALID_UTF)
        let compiled = source.utf8CString.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: UInt8.self, capacity: buffer.count) { bytes in
                pcre2_compile_8(bytes, buffer.count - 1, options, &errorCode, &errorOffset, nil)
            }
        }
        guard let compiled else {
            throw PatternError(message: Self.message(for: errorCode), offset: errorOffset)
        }
        self.source = source
        self.code = compiled
        self.isJIT = pcre2_jit_compile_8(compiled, UInt32(PCRE2_JIT_COMPLETE)) == 0
        guard let data = pcre2_match_data_create_from_pattern_8(compiled, nil) else {
            pcre2_code_free_8(compiled)
            throw PatternError(message: "out of memory creating match data", offset: 0)
        }
        self.matchData = data
        self.captureNames = Self.readCaptureNames(compiled)
        self.matchLimit = matchLimit
        self.matchContext = Self.makeMatchContext(limit: matchLimit)
    }

    private init(copying other: CompiledPattern) {
        source = other.source
        captureNames = other.captureNames
        matchLimit = other.matchLimit
        code = pcre2_code_copy_with_tables_8(other.code)
        isJIT = pcre2_jit_compile_8(code, UInt32(PCRE2_JIT_COMPLETE)) == 0
        matchData = pcre2_match_data_create_from_pattern_8(code, nil)
        matchContext = Self.makeMatchContext(limit: other.matchLimit)
    }

    deinit {
        pcre2_match_context_free_8(matchContext)
        pcre2_match_data_free_8(matchData)
        pcre2_code_free_8(code)
    }

    private static func makeMatchContext(limit: UInt32) -> OpaquePointer? {
        guard let context = pcre2_match_context_create_8(nil) else { return nil }
        pcre2_set_match_limit_8(context, limit)
        pcre2_set_depth_limit_8(context, limit)
        return context
    }

    /// An independent copy for use on another thread.
    public func copyForAnotherThread() -> CompiledPattern { CompiledPattern(copying: self) }

    /// Whether the pattern matches anywhere in the text.
    public func matches(_ text: String) -> Bool { firstMatch(in: text) != nil }

    /// The first match in the text, as its named captures (unset groups are left out).
    public func firstMatch(in text: String) -> [String: String]? {
        var text = text
        return text.withUTF8 { firstMatch(in: UnsafeRawBufferPointer($0)) }
    }

    /// The first match in UTF-8 bytes, as its named captures (unset groups are left out).
    public func firstMatch(in bytes: UnsafeRawBufferPointer) -> [String: String]? {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
            return withUnsafeBytes(of: UInt8(0)) { firstMatch(inNonEmpty: $0, length: 0) }
        }
        return match(base, length: bytes.count)
    }

    private func firstMatch(inNonEmpty buffer: UnsafeRawBufferPointer, length: Int) -> [String: String]? {
        match(buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), length: length)
    }

    private func match(_ base: UnsafePointer<UInt8>, length: Int) -> [String: String]? {
        let result =
            isJIT
            ? pcre2_jit_match_8(code, base, length, 0, 0, matchData, matchContext)
            : pcre2_match_8(code, base, length, 0, 0, matchData, matchContext)
        guard result >= 0 else {
            if result != PCRE2_ERROR_NOMATCH, Self.limitErrors.contains(result) { matchLimitHits += 1 }
            return nil
        }
        return captures(subject: base, count: Int(result == 0 ? 0 : result))
    }

    private func captures(subject: UnsafePointer<UInt8>, count: Int) -> [String: String] {
        guard let ovector = pcre2_get_ovector_pointer_8(matchData) else { return [:] }
        var result: [String: String] = [:]
        for (number, name) in captureNames where number < count {
            let start = ovector[2 * number]
            let end = ovector[2 * number + 1]
            guard start != unsetOffset, end >= start else { continue }
            let slice = UnsafeBufferPointer(start: subject + start, count: end - start)
            result[name] = String(decoding: slice, as: UTF8.self)
        }
        return result
    }

    /// The results of a match that gave up rather than failed.
    private static let limitErrors: Set<Int32> = [
        PCRE2_ERROR_MATCHLIMIT, PCRE2_ERROR_DEPTHLIMIT, PCRE2_ERROR_HEAPLIMIT, PCRE2_ERROR_JIT_STACKLIMIT,
    ]

    private static func readCaptureNames(_ code: OpaquePointer) -> [(number: Int, name: String)] {
        var count: UInt32 = 0
        var entrySize: UInt32 = 0
        var table: UnsafeMutableRawPointer?
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMECOUNT), &count)
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMEENTRYSIZE), &entrySize)
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMETABLE), &table)
        guard let table, count > 0 else { return [] }
        let bytes = table.assumingMemoryBound(to: UInt8.self)
        return (0..<Int(count)).map { index in
            let entry = bytes + index * Int(entrySize)
            let number = Int(entry[0]) << 8 | Int(entry[1])
            let name = String(cString: entry + 2)
            return (number, name)
        }
    }

    private static func message(for errorCode: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = pcre2_get_error_message_8(errorCode, &buffer, buffer.count)
        guard length > 0 else { return "PCRE2 error \(errorCode)" }
        return String(decoding: buffer[0..<Int(length)], as: UTF8.self)
    }
}

private let unsetOffset = ~Int(0)

/// A pattern that PCRE2 would not compile.
public struct PatternError: Error, Sendable, Hashable, CustomStringConvertible {
    /// PCRE2's message.
    public var message: String
    /// The byte offset in the pattern where compilation failed.
    public var offset: Int

    /// `message at offset N`.
    public var description: String { "\(message) at offset \(offset)" }
}
