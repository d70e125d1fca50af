import RocfaultCore
import Testing

/// `ROCFAULT_*` fields are believed only from a rocfault process of root or of the named process's
/// user; rocfaultd's own lines are known by trusted fields, never by `SYSLOG_IDENTIFIER`.
struct RocfaultFieldTrustTests {
    static let run = JournalSender(pid: 900, uid: 1000, comm: "rocfault", exe: "/usr/bin/rocfault")
    static let mine = RocfaultFieldTrust.NamedProcess(uid: 1000, startTime: 4711)

    @Test func aRocfaultProcessOfTheChildsUserIsBelieved() {
        let decision = RocfaultFieldTrust.decide(
            sender: Self.run,
            namedPID: 901,
            claimedStartTime: 4711,
            named: Self.mine
        )
        #expect(decision == .believed(pid: 901))
    }

    @Test func anotherUsersProcessIsRefused() {
        let roots = RocfaultFieldTrust.NamedProcess(uid: 0, startTime: 1)
        let decision = RocfaultFieldTrust.decide(sender: Self.run, namedPID: 1, claimedStartTime: nil, named: roots)
        #expect(decision == .refused(reason: "process 1 belongs to uid 0, the sender is uid 1000"))
    }

    @Test func aProgramThatIsNotRocfaultIsRefusedEvenForItsOwnUsersProcess() {
        let logger = JournalSender(pid: 900, uid: 1000, comm: "logger", exe: "/usr/bin/logger")
        let decision = RocfaultFieldTrust.decide(sender: logger, namedPID: 901, claimedStartTime: nil, named: Self.mine)
        #expect(decision == .refused(reason: "sent by logger, not by rocfault"))
    }

    @Test func aGoneProcessIsBelievedOnlyFromRoot() {
        let user = RocfaultFieldTrust.decide(sender: Self.run, namedPID: 901, claimedStartTime: nil, named: nil)
        #expect(user == .refused(reason: "process 901 is gone, so its owner cannot be checked"))
        var root = Self.run
        root.uid = 0
        #expect(
            RocfaultFieldTrust.decide(sender: root, namedPID: 901, claimedStartTime: nil, named: nil)
                == .believed(pid: 901)
        )
    }

    @Test func aReusedPidIsRefusedByItsStartTime() {
        let decision = RocfaultFieldTrust.decide(sender: Self.run, namedPID: 901, claimedStartTime: 1, named: Self.mine)
        #expect(decision == .refused(reason: "process 901 is not the one named (start time 4711, not 1)"))
    }

    @Test func withoutTrustedFieldsNothingIsBelieved() {
        let bare = JournalSender(fields: ["SYSLOG_PID": "1", "_COMM_": "rocfault", "SYSLOG_IDENTIFIER": "rocfault"])
        #expect(bare == JournalSender(pid: nil, uid: nil, comm: nil, exe: nil))
        let decision = RocfaultFieldTrust.decide(sender: bare, namedPID: 901, claimedStartTime: nil, named: Self.mine)
        #expect(decision == .refused(reason: "the entry has no trusted sender fields"))
    }

    @Test func theExecutableNamesTheProgramWhenTheCommandNameDoesNot() {
        let renamed = JournalSender(pid: 900, uid: 1000, comm: "worker", exe: "/opt/rocfault/bin/rocfault (deleted)")
        #expect(renamed.isProgram("rocfault"))
        #expect(!JournalSender(pid: 900, uid: 1000, comm: "rocfaultx", exe: "/bin/rocfaultd").isProgram("rocfault"))
    }

    @Test func theDaemonsOwnLinesAreKnownByTrustedFieldsOnly() {
        let daemon = JournalSender(fields: [
            "_PID": "77", "_UID": "0", "_COMM": "rocfaultd", "_EXE": "/usr/sbin/rocfaultd",
        ])
        #expect(RocfaultFieldTrust.isDaemonsOwn(sender: daemon, daemonPID: 77, daemonUID: 0))
        var earlierRun = daemon
        earlierRun.pid = 66
        #expect(RocfaultFieldTrust.isDaemonsOwn(sender: earlierRun, daemonPID: 77, daemonUID: 0))
        let tagged = JournalSender(pid: 500, uid: 1000, comm: "logger", exe: "/usr/bin/logger")
        #expect(
            !RocfaultFieldTrust.isDaemonsOwn(sender: tagged, daemonPID: 77, daemonUID: 0),
            "-t rocfaultd is no proof"
        )
        let usersCopy = JournalSender(pid: 501, uid: 1000, comm: "rocfaultd", exe: "/home/u/rocfaultd")
        #expect(!RocfaultFieldTrust.isDaemonsOwn(sender: usersCopy, daemonPID: 77, daemonUID: 0))
        let kernel = JournalSender(pid: nil, uid: nil, comm: nil, exe: nil)
        #expect(!RocfaultFieldTrust.isDaemonsOwn(sender: kernel, daemonPID: 77, daemonUID: 0))
    }
}
