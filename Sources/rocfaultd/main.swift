import RocfaultDaemon

runOnSingleThreadExecutor {
    await RocfaultDaemonCommand.runFromCommandLine()
}
