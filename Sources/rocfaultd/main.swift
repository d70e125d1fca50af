import RocfaultDaemon

await RocfaultDaemonCommand.runFromCommandLine()
