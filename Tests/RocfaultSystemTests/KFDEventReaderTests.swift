import Glibc
import RocfaultCore
import RocfaultSystem
import Testing

/// The KFD event reader takes any descriptor: here a pipe fed with each kernel version's exact
/// event lines, as `kfd_smi_event_add` writes them (`"%x "` + the event's format).
@Suite struct KFDEventReaderTests {
    static let lines612 = [
        "1 1092:python3\n", "3 5 MODE1\n", "4 5 MODE1\n", "2 20:3\n",
        "9 123456793 -4242 bef1 2\n", "a 123456794 -4242 bef1 0\n",
        "7 123456791 -4242 @7f10(bef1) W\n", "8 123456792 -4242 @7f10(bef1) M\n",
        "5 123456789 -4242 @7f00(200) 0->bef1 0:bef1 1\n", "6 123456790 -4242 @7f00(200) 0->bef1 1\n",
        "b 123456796 -4242 @7f00(10) bef1 2\n",
    ]
    /// 5.x to 6.3: resets carry only their count.
    static let lines61 = ["1 1092:python3\n", "3 1a\n", "4 1a\n"]
    /// 6.13 and later add process start and end.
    static let linesCurrent = ["c 1092 python3\n", "1 1092:python3\n", "d 1092 python3\n"]

    @Test(arguments: [lines612, lines61, linesCurrent])
    func everyLineOfAPipeBecomesARecord(lines: [String]) async throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let reader = try #require(DescriptorReader(descriptor: fds[0]))
        // Written in two pieces that cut a line, as reads of a real descriptor may.
        let text = lines.joined()
        let cut = text.utf8.count / 2
        for piece in [Array(text.utf8.prefix(cut)), Array(text.utf8.dropFirst(cut))] {
            #expect(piece.withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) } == piece.count)
        }
        close(fds[1])
        var stream = KFDEventStream(gpuID: 48879, start: EventTime(realtimeMicroseconds: 1), bootID: nil)
        var records: [LogRecord] = []
        for await chunk in reader.chunks {
            records += stream.read(chunk.bytes, at: EventTime(realtimeMicroseconds: chunk.realtime))
        }
        reader.stop()
        #expect(records.count == lines.count)
        #expect(stream.rejected.isEmpty)
        #expect(records.contains { $0.text == "amdkfd SMI event: GPU 48879: VM fault by pid 4242 (python3)" })
        #expect(records.allSatisfy { $0.text.hasPrefix("amdkfd SMI event: GPU 48879: ") && $0.origin == .kernel })
    }

    @Test func theIoctlRequestIsAMDKFDsNumber() {
        // _IOWR('K', 0x1F, struct kfd_ioctl_smi_events_args) with an 8-byte argument.
        #expect(KFDEventSubscription.request == 0xC008_4B1F)
        #expect(KFDEventSubscription.mask == 0x8000_0000_0000_1FFF)
    }

    @Test func withoutTheKFDDeviceSubscribingFailsWithTheStep() {
        #expect(throws: KFDEventSubscription.Failure.self) {
            _ = try KFDEventSubscription.open(kfdPath: "/nonexistent/kfd", gpuID: 1)
        }
    }
}
