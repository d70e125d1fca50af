// RocfaultSystem module.
