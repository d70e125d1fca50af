import Foundation
import RocfaultTestKit

#if canImport(Glibc)
import Glibc
#endif

/// A built executable running in the background, whose output is read as it arrives.
final class LiveProcess: @unchecked Sendable {
    let process = Process()
    private let out = Pipe()
    private let err = Pipe()
    private let stdoutReader: PipeReader
    private let stderrReader: PipeReader

    init(_ program: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        stdoutReader = PipeReader(out.fileHandleForReading)
        stderrReader = PipeReader(err.fileHandleForReading)
    }

    var stdout: String { stdoutReader.text }
    var stderr: String { stderrReader.text }

    /// Waits until `condition` holds for (stdout, stderr), or `timeout` passes; returns whether it held.
    func waitFor(timeout: Duration = .seconds(10), _ condition: (String, String) -> Bool) -> Bool {
        eventually(within: timeout, every: .milliseconds(20)) { condition(stdout, stderr) }
    }

    func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// Waits for the exit (killing it after `timeout`) and returns the status.
    func finish(timeout: Duration = .seconds(10)) -> Int32 {
        _ = eventually(within: timeout, every: .milliseconds(20)) { !process.isRunning }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        stdoutReader.waitForEnd()
        stderrReader.waitForEnd()
        return process.terminationStatus
    }
}
