import RocfaultDaemon

RocfaultDaemonCommand.guardHookIfStartedAsGuard()

runOnSingleThreadExecutor {
    await RocfaultDaemonCommand.runFromCommandLine()
}
