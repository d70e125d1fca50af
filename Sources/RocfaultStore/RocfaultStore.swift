// RocfaultStore module.
