import Testing

@testable import RocfaultDaemon

struct HookRunnerStateMachineTests {
    typealias Machine = HookRunner.StateMachine

    static let first = HookRunner.Hook(name: "10-log", executable: "/etc/rocfault/hooks.d/10-log", arguments: [])
    static let second = HookRunner.Hook(name: "20-notify", executable: "/etc/rocfault/hooks.d/20-notify", arguments: [])
    static let payload = Array("{\"id\":7}\n".utf8)

    static func limits(timeout: Int64 = 30_000_000, maxRunning: Int = 4, maxQueued: Int = 64) -> HookRunner.Limits {
        HookRunner.Limits(timeout: timeout, maxRunning: maxRunning, maxQueued: maxQueued, stopGrace: 3_000_000)
    }

    static func spawnedJobs(_ actions: [Machine.Action]) -> [HookRunner.Job] {
        actions.compactMap { if case .spawn(let job) = $0 { job } else { nil } }
    }

    static func logs(_ actions: [Machine.Action]) -> [HookRunner.LogLine] {
        actions.compactMap { if case .log(let line) = $0 { line } else { nil } }
    }

    @Test func eachHookRunsWithTheIncidentAndEventAndNoTimerWhileNoneRuns() {
        var machine = Machine(limits: Self.limits())
        #expect(machine.nextDeadline == nil)
        let actions = machine.incident(
            7,
            event: .recorded,
            payload: Self.payload,
            hooks: [Self.first, Self.second],
            now: 0
        )
        let jobs = Self.spawnedJobs(actions)
        #expect(jobs.map(\.hook) == [Self.first, Self.second])
        #expect(jobs.allSatisfy { $0.incident == 7 && $0.event == .recorded && $0.payload == Self.payload })
        #expect(machine.nextDeadline == nil, "no deadline before a process exists")
        _ = machine.spawned(jobID: jobs[0].id, pid: 100, now: 1_000)
        #expect(machine.nextDeadline == 30_001_000)
        _ = machine.spawned(jobID: jobs[1].id, pid: 101, now: 2_000)
        let done = machine.exited(jobID: jobs[0].id, outcome: .exited(status: 0), now: 5_000)
        #expect(Self.logs(done).map(\.level) == [.debug])
        _ = machine.exited(jobID: jobs[1].id, outcome: .exited(status: 0), now: 6_000)
        #expect(machine.isIdle)
        #expect(machine.nextDeadline == nil)
    }

    @Test func aHookPastItsTimeLimitHasItsGroupKilledOnceAndIsLogged() {
        var machine = Machine(limits: Self.limits(timeout: 2_000_000))
        let job = Self.spawnedJobs(machine.incident(3, event: .final, payload: [], hooks: [Self.first], now: 0))[0]
        _ = machine.spawned(jobID: job.id, pid: 4242, now: 0)
        #expect(machine.time(now: 1_999_999).isEmpty)
        let actions = machine.time(now: 2_000_000)
        #expect(actions.contains(.killGroup(jobID: job.id, pid: 4242)))
        #expect(
            Self.logs(actions).map(\.message) == [
                "hook 10-log for incident 3 (final): killed, its 2 s time limit passed"
            ]
        )
        #expect(machine.time(now: 3_000_000).isEmpty, "killed once")
        #expect(machine.nextDeadline == nil, "a killed hook needs no timer; its pidfd reports the end")
        let ended = machine.exited(jobID: job.id, outcome: .signaled(signal: 9), now: 2_000_100)
        #expect(Self.logs(ended).isEmpty, "the kill was logged already")
        #expect(machine.isIdle)
    }

    @Test func failuresAreLoggedAsWarnings() {
        var machine = Machine(limits: Self.limits())
        let jobs = Self.spawnedJobs(
            machine.incident(5, event: .recorded, payload: [], hooks: [Self.first, Self.second], now: 0)
        )
        _ = machine.spawned(jobID: jobs[0].id, pid: 10, now: 0)
        let failed = Self.logs(machine.exited(jobID: jobs[0].id, outcome: .exited(status: 3), now: 1))
        #expect(
            failed == [
                .init(level: .warning, message: "hook 10-log for incident 5 (recorded): failed with exit status 3")
            ]
        )
        let unstarted = Self.logs(machine.spawnFailed(jobID: jobs[1].id, reason: "Permission denied", now: 2))
        #expect(
            unstarted.map(\.message) == ["hook 20-notify for incident 5 (recorded): cannot start: Permission denied"]
        )
        #expect(machine.isIdle)
    }

    @Test func atMostMaxRunningRunTheRestWaitAndBeyondTheQueueAreDropped() {
        var machine = Machine(limits: Self.limits(maxRunning: 2, maxQueued: 3))
        var started: [HookRunner.Job] = []
        var dropped: [HookRunner.LogLine] = []
        for number in 1...3 {
            let actions = machine.incident(
                Int64(number),
                event: .recorded,
                payload: [],
                hooks: [Self.first, Self.second],
                now: 0
            )
            started += Self.spawnedJobs(actions)
            dropped += Self.logs(actions)
        }
        #expect(started.map(\.incident) == [1, 1])
        #expect(machine.queue.map(\.incident) == [2, 2, 3])
        #expect(dropped.map(\.message) == ["hook 20-notify for incident 3 (recorded): dropped, 3 hooks already wait"])
        _ = machine.spawned(jobID: started[0].id, pid: 1, now: 0)
        let next = Self.spawnedJobs(machine.exited(jobID: started[0].id, outcome: .exited(status: 0), now: 10))
        #expect(next.map(\.incident) == [2], "a freed slot starts the oldest waiting job")
        #expect(machine.running.count == 2)
    }

    @Test func stoppingCapsEveryDeadlineAndDropsWhatStillWaitsAfterTheGrace() {
        var machine = Machine(limits: Self.limits(maxRunning: 1))
        let jobs = Self.spawnedJobs(
            machine.incident(9, event: .final, payload: [], hooks: [Self.first, Self.second], now: 0)
        )
        _ = machine.spawned(jobID: jobs[0].id, pid: 77, now: 0)
        _ = machine.stop(now: 1_000_000)
        #expect(machine.nextDeadline == 4_000_000)
        let actions = machine.time(now: 4_000_000)
        #expect(actions.contains(.killGroup(jobID: jobs[0].id, pid: 77)))
        #expect(Self.logs(actions).map(\.message).contains { $0.contains("the daemon is stopping") })
        #expect(machine.queue.isEmpty)
        _ = machine.exited(jobID: jobs[0].id, outcome: .signaled(signal: 9), now: 4_000_100)
        #expect(machine.isIdle)
    }
}
