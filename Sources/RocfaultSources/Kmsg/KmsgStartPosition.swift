/// Where a ``KmsgReader`` starts in the kernel ring buffer.
package enum KmsgStartPosition: Sendable, Hashable {
    /// The oldest record still in the ring (`lseek(SEEK_SET, 0)`). If that is not sequence 0,
    /// the records since boot that were already overwritten are reported as a gap.
    case beginning
    /// The first record after the last `dmesg --clear` (`lseek(SEEK_DATA)`). No start gap is
    /// reported: the records before were cleared on purpose.
    case afterLastClear
    /// Only records written from now on (`lseek(SEEK_END)`).
    case end
    /// The record after a saved sequence number: records up to and including it are skipped, and
    /// if the next one is gone from the ring already, the lost ones are reported as a gap.
    ///
    /// Sequence numbers restart at every boot, so only resume from a number saved in the same
    /// boot (compare ``JournalBoot/currentID()`` with the boot the number was saved in).
    case afterSequence(UInt64)
}
