// RocfaultDaemon module.
