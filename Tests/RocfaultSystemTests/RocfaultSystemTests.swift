// RocfaultSystemTests.
