import RocfaultDaemon

await RocfaultDaemonCommand.main()
