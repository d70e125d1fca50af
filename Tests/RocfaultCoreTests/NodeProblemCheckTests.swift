import Testing

@testable import RocfaultCore

/// `rocfault npd`'s decision: node-problem-detector's status and message.
@Suite struct NodeProblemCheckTests {
    static let now: Int64 = 1_760_000_000_000_000

    static func incident(_ side: Side, _ failureClass: FailureClass, secondsAgo: Int64, final: Bool = true) -> Incident
    {
        var incident = IncidentAnnouncementTests.kernelIncident(final: final)
        incident.verdict.side = side
        incident.verdict.failureClass = failureClass
        incident.firstSeen = EventTime(realtimeMicroseconds: now - secondsAgo * 1_000_000)
        return incident
    }

    @Test func aFailureWithinTheWindowIsAProblemNamingTheLatest() {
        let incidents: [(number: Int64, incident: Incident)] = [
            (3, Self.incident(.kernel, .pageFault, secondsAgo: 60)),
            (4, Self.incident(.userspace, .memoryInUse, secondsAgo: 30)),
            (5, Self.incident(.none, .benign, secondsAgo: 10)),
        ]
        let result = NodeProblemCheck.evaluate(.failed, incidents: incidents, now: Self.now, windowSeconds: 900)
        #expect(result.status == .problem)
        #expect(result.message == "2 GPU failures in 15m: #4 userspace memory-in-use in python3 (pid 4242)")
    }

    @Test func aFailureOutsideTheWindowOrNotOnAFailingSideIsOK() {
        let incidents: [(number: Int64, incident: Incident)] = [
            (3, Self.incident(.kernel, .pageFault, secondsAgo: 3_601)),
            (4, Self.incident(.hang, .stall, secondsAgo: 5)),
        ]
        let result = NodeProblemCheck.evaluate(.failed, incidents: incidents, now: Self.now, windowSeconds: 3_600)
        #expect(result == NodeProblemCheck(status: .ok, message: "no GPU failure in the last 1h"))
    }

    @Test func anOpenHangIsAStallAndAFinishedOneIsNot() {
        var finished: [(number: Int64, incident: Incident)] = [(7, Self.incident(.hang, .stall, secondsAgo: 5))]
        #expect(
            NodeProblemCheck.evaluate(.stalled, incidents: finished, now: Self.now, windowSeconds: 900)
                == NodeProblemCheck(status: .ok, message: "no GPU process stalled")
        )
        finished.append((8, Self.incident(.hang, .stall, secondsAgo: 5, final: false)))
        let result = NodeProblemCheck.evaluate(.stalled, incidents: finished, now: Self.now, windowSeconds: 900)
        #expect(result == NodeProblemCheck(status: .problem, message: "GPU process stalled: #8 in python3 (pid 4242)"))
    }

    @Test func theMessageIsPrintableASCIIAndAtMostEightyBytes() {
        var incident = Self.incident(.kernel, .pageFault, secondsAgo: 1)
        incident.comm = "\u{1B}[31mпроцесс-с-очень-длинным-именем"
        let result = NodeProblemCheck.evaluate(
            .failed,
            incidents: [(Int64.max, incident)],
            now: Self.now,
            windowSeconds: 86_400
        )
        #expect(result.message.utf8.count <= NodeProblemCheck.messageLimit)
        #expect(result.message.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F })
        #expect(result.message.hasPrefix("GPU failure in 1d: #9223372036854775807 kernel page-fault in ?[31m"))
    }

    @Test func durationsParseAndPrint() {
        #expect(NodeProblemCheck.parseDuration("30s") == 30)
        #expect(NodeProblemCheck.parseDuration("10m") == 600)
        #expect(NodeProblemCheck.parseDuration("2h") == 7_200)
        #expect(NodeProblemCheck.parseDuration("1d") == 86_400)
        #expect(NodeProblemCheck.parseDuration("45") == 45)
        for bad in ["", "m", "0m", "-5m", "1.5h", "10x", "99999999999999999d", "١٠m"] {
            #expect(NodeProblemCheck.parseDuration(bad) == nil, "\(bad)")
        }
        #expect(NodeProblemCheck.durationText(seconds: 900) == "15m")
        #expect(NodeProblemCheck.durationText(seconds: 90) == "90s")
    }
}
