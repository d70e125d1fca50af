// RocfaultSources module.
