import CPCRE2

/// A PCRE2 pattern compiled once (with JIT when available): the shareable half of matching.
///
/// A compiled pattern is read-only once `pcre2_jit_compile` has run (PCRE2's pcre2api, "Multithreading":
/// compiled code may be shared between threads; match data may not). So one instance serves every
/// thread, and matching happens through a ``PatternMatcher``, which owns the match data a match writes
/// to and which each thread makes for itself.
///
/// Every match runs under an explicit match limit (``matchLimit``; PCRE2's default is 10 million
/// steps, about 15 ms of CPU per line for a pattern that backtracks catastrophically). A match that
/// reaches it counts as no match and is counted by the matcher.
//  @unchecked: the stored properties are immutable after `init`, and `code` is only read
//  (`pcre2_jit_match`, `pcre2_pattern_info`) until `deinit`; OpaquePointer alone is not Sendable.
package final class CompiledPattern: @unchecked Sendable {
    /// The match limit rules run with: well above what any shipped rule needs on a 64 KiB line,
    /// and about 1.5 ms of CPU when a pattern backtracks without end.
    package static let defaultMatchLimit: UInt32 = 1_000_000

    /// The source text of the pattern.
    package let source: String
    /// The names of the named capture groups, by group number.
    package let captureNames: [(number: Int, name: String)]
    /// The most steps (and nested backtracking depth) one match may take.
    package let matchLimit: UInt32
    /// The number of capture groups (named or not).
    let captureCount: Int
    /// The compiled code: read-only after `init`.
    let code: OpaquePointer
    /// Whether the JIT compiled the code (then `pcre2_jit_match` runs it).
    let isJIT: Bool

    /// Compiles a pattern. Throws ``PatternError`` with the offset and PCRE2's message on bad syntax.
    package init(_ source: String, matchLimit: UInt32 = CompiledPattern.defaultMatchLimit) throws(PatternError) {
        var errorCode: Int32 = 0
        var errorOffset: Int = 0
        // The rewrite only brackets escapes; should it ever not compile where the source does, the
        // source runs as written, and errors are always reported against the source.
        let compiled =
            Self.compile(Self.bracketingNegatedTypes(source), &errorCode, &errorOffset)
            ?? Self.compile(source, &errorCode, &errorOffset)
        guard let compiled else {
            throw PatternError(message: Self.message(for: errorCode), offset: errorOffset)
        }
        self.source = source
        self.code = compiled
        self.isJIT = pcre2_jit_compile_8(compiled, UInt32(PCRE2_JIT_COMPLETE)) == 0
        self.captureNames = Self.readCaptureNames(compiled)
        var count: UInt32 = 0
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
        self.captureCount = Int(count)
        self.matchLimit = matchLimit
    }

    deinit { pcre2_code_free_8(code) }

    /// `pcre2_compile` with the options every rule runs with: UTF-8, and lines that are not valid
    /// UTF-8 still matched (their bad bytes match nothing).
    private static func compile(_ pattern: String, _ errorCode: inout Int32, _ errorOffset: inout Int) -> OpaquePointer?
    {
        let options = UInt32(PCRE2_UTF | PCRE2_MATCH_INVALID_UTF)
        return pattern.utf8CString.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: UInt8.self, capacity: buffer.count) { bytes in
                pcre2_compile_8(bytes, buffer.count - 1, options, &errorCode, &errorOffset, nil)
            }
        }
    }

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
