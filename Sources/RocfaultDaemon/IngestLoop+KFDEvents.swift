import Logging
import RocfaultCore
import RocfaultStore
import RocfaultSystem

/// The shell around each GPU's ``KFDEventStream``: its records go to the engine as kernel evidence
/// and its stretch read is stored as coverage of its own source (`kfd-smi:GPUID`, not kernel log).
extension IngestLoop {
    func handleKFDEvents(gpuID: UInt32, chunk: DescriptorReader.Chunk) {
        let time = EventTime(realtimeMicroseconds: chunk.realtime, monotonicMicroseconds: chunk.monotonic)
        var stream = kfdStreams[gpuID] ?? KFDEventStream(gpuID: gpuID, start: time, bootID: bootID)
        let records = stream.read(chunk.bytes, at: time)
        kfdStreams[gpuID] = stream
        for record in records { ingest(record, source: stream.source) }
        pending.coverage.append(
            CoverageInterval(
                source: stream.source,
                bootID: bootID,
                includesKernelLog: false,
                from: stream.coverage.from,
                to: time
            )
        )
        perform(machine.batchDone())
    }

    func kfdEnded(gpuID: UInt32) {
        guard var stream = kfdStreams[gpuID] else { return }
        let now = EventTime(realtimeMicroseconds: clock.now(), monotonicMicroseconds: UInt64(clock.monotonicNow()))
        stream.end(at: now)
        kfdStreams[gpuID] = stream
        logger.warning("KFD event stream of GPU \(gpuID) ended; VM faults and resets come from the kernel log only")
    }
}
