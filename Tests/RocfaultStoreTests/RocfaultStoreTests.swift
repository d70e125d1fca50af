// RocfaultStoreTests.
