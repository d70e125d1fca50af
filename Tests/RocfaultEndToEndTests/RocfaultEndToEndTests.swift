// RocfaultEndToEndTests.
