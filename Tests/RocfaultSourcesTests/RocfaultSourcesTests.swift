// RocfaultSourcesTests.
