import RocfaultCLI

#if canImport(Glibc)
import Glibc
#endif

exit(RocfaultCommand.run(arguments: Array(CommandLine.arguments.dropFirst())))
