// RocfaultCLI module.
