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
    private let lock = NSLock()
    private var stdoutText = ""
    private var stderrText = ""

    init(_ program: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        out.fileHandleForReading.readabilityHandler = { [weak self] handle in
            self?.append(handle.availableData, error: false)
        }
        err.fileHandleForReading.readabilityHandler = { [weak self] handle in
            self?.append(handle.availableData, error: true)
        }
        try process.run()
    }

    private func append(_ data: Data, error: Bool) {
        lock.lock()
        defer { lock.unlock() }
        if error {
            stderrText += String(decoding: data, as: UTF8.self)
        } else {
            stdoutText += String(decoding: data, as: UTF8.self)
        }
    }

    var stdout: String { lock.withLock { stdoutText } }
    var stderr: String { lock.withLock { stderrText } }

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
        usleep(50_000)
        out.fileHandleForReading.readabilityHandler = nil
        err.fileHandleForReading.readabilityHandler = nil
        return process.terminationStatus
    }
}
