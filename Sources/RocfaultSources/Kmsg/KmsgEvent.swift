/// What a kmsg reader hands out: a record, or the news that records were missed.
package enum KmsgEvent: Sendable, Hashable {
    /// A record that was read.
    case record(KmsgEntry)
    /// Records that were never read; it comes right before the first record after the hole.
    case gap(KmsgGap)
}
