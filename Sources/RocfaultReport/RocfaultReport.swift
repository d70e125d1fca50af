// RocfaultReport module.
