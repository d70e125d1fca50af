import CPCRE2

/// Runs ``CompiledPattern``s on one thread: owns the PCRE2 match data and match context that a match
/// writes to, and counts the matches that gave up at the match limit.
///
/// Deliberately not `Sendable`: a matcher is the mutable half of matching, so each thread (each
/// checker, engine, run or audit) makes its own, and the compiler keeps it there. One matcher serves
/// any number of patterns; its match data grows to the largest capture count it has seen.
package final class PatternMatcher {
    /// What one match did.
    enum Outcome {
        /// The pattern matched; its named captures (unset groups left out).
        case matched([String: String])
        /// The pattern did not match.
        case noMatch
        /// The match gave up at the match, depth, heap or JIT stack limit (counted as no match).
        case gaveUp
    }

    /// How many matches gave up at a limit (each counted as no match).
    package private(set) var matchLimitHits = 0
    private var matchData: OpaquePointer?
    private var pairs: UInt32
    private let matchContext: OpaquePointer?
    private var contextLimit: UInt32 = 0

    /// A matcher with room for a few capture groups (it grows as patterns need).
    package init() {
        pairs = 16
        matchData = pcre2_match_data_create_8(pairs, nil)
        matchContext = pcre2_match_context_create_8(nil)
    }

    deinit {
        pcre2_match_context_free_8(matchContext)
        pcre2_match_data_free_8(matchData)
    }

    /// The first match of `pattern` in the text, as its named captures (unset groups are left out).
    package func firstMatch(of pattern: CompiledPattern, in text: String) -> [String: String]? {
        var text = text
        return text.withUTF8 { firstMatch(of: pattern, in: UnsafeRawBufferPointer($0)) }
    }

    /// The first match of `pattern` in UTF-8 bytes, as its named captures (unset groups are left out).
    package func firstMatch(of pattern: CompiledPattern, in bytes: UnsafeRawBufferPointer) -> [String: String]? {
        guard case .matched(let captures) = outcome(of: pattern, in: bytes) else { return nil }
        return captures
    }

    /// Runs `pattern` over UTF-8 bytes.
    func outcome(of pattern: CompiledPattern, in bytes: UnsafeRawBufferPointer) -> Outcome {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
            return withUnsafeBytes(of: UInt8(0)) { empty in
                run(pattern, empty.baseAddress!.assumingMemoryBound(to: UInt8.self), length: 0)
            }
        }
        return run(pattern, base, length: bytes.count)
    }

    private func run(_ pattern: CompiledPattern, _ base: UnsafePointer<UInt8>, length: Int) -> Outcome {
        prepare(for: pattern)
        guard let matchData else { return .noMatch }  // out of memory at creation: nothing can match
        let result =
            pattern.isJIT
            ? pcre2_jit_match_8(pattern.code, base, length, 0, 0, matchData, matchContext)
            : pcre2_match_8(pattern.code, base, length, 0, 0, matchData, matchContext)
        guard result >= 0 else {
            guard Self.limitErrors.contains(result) else { return .noMatch }
            matchLimitHits += 1
            return .gaveUp
        }
        return .matched(captures(of: pattern, subject: base, count: Int(result == 0 ? 0 : result)))
    }

    /// Grows the match data to the pattern's capture count and sets its limits on the context.
    private func prepare(for pattern: CompiledPattern) {
        let needed = UInt32(pattern.captureCount + 1)
        if needed > pairs, let bigger = pcre2_match_data_create_8(needed, nil) {
            pcre2_match_data_free_8(matchData)
            matchData = bigger
            pairs = needed
        }
        if pattern.matchLimit != contextLimit, let matchContext {
            pcre2_set_match_limit_8(matchContext, pattern.matchLimit)
            pcre2_set_depth_limit_8(matchContext, pattern.matchLimit)
            contextLimit = pattern.matchLimit
        }
    }

    private func captures(
        of pattern: CompiledPattern,
        subject: UnsafePointer<UInt8>,
        count: Int
    ) -> [String: String] {
        guard let matchData, let ovector = pcre2_get_ovector_pointer_8(matchData) else { return [:] }
        var result: [String: String] = [:]
        for (number, name) in pattern.captureNames where number < count {
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
}

private let unsetOffset = ~Int(0)
