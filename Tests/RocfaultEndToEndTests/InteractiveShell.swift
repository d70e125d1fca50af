import Foundation
import Glibc

/// A real interactive bash, zsh or fish in a detached `tmux` session of fixed size on a server of its
/// own (`-L`), for typing a partial command line, pressing TAB and reading the line back.
final class InteractiveShell {
    enum Kind: String, CaseIterable, Sendable {
        case bash
        case zsh
        case fish
    }

    static let prompt = "RFPROMPT> "

    let kind: Kind
    let socket = "rocfault-completion-\(UUID().uuidString.prefix(8))"

    /// Starts the shell in `directory` with `path` as `$PATH` and `home` as `$HOME`, sources the
    /// completion script `script`, and waits for a clean prompt.
    init(_ kind: Kind, directory: URL, path: String, home: URL, script: URL) throws {
        self.kind = kind
        let command: String
        let setup: String
        switch kind {
        case .bash:
            command = "bash --norc --noprofile -i"
            setup = "PS1='\(Self.prompt)'; source '\(script.path)'"
        case .zsh:
            command = "zsh -f -i"
            setup =
                "PROMPT='\(Self.prompt)'; autoload -Uz compinit; compinit -u -D; source '\(script.path)'"
        case .fish:
            command = "fish --no-config -i"
            setup =
                "function fish_prompt; printf '\(Self.prompt)'; end; set -g fish_greeting ''; "
                + "set -g fish_autosuggestion_enabled 0; source '\(script.path)'"
        }
        try startServer([
            "new-session", "-d", "-x", "160", "-y", "40", "-s", "t", "-c", directory.path,
            // Through env: the server's own environment would win over new-session -e for PATH.
            "env PATH='\(path)' HOME='\(home.path)' NO_COLOR=1 TERM=screen \(command)",
        ])
        // The shell's own prompt first (bash-5.2#, a zsh %, fish's >): any text on the screen.
        guard waitFor({ $0.contains { !$0.trimmingCharacters(in: .whitespaces).isEmpty } }) != nil else {
            close()
            throw ShellError(message: "\(kind) gave no prompt: \(screen())")
        }
        try type(setup, then: "Enter")
        try clearScreen()
    }

    deinit { close() }

    /// Kills this test's tmux server (and the shell in it) and removes its socket.
    func close() {
        _ = try? tmux(["kill-server"])
        unlink("/tmp/tmux-\(getuid())/\(socket)")
    }

    /// Types `partial`, presses TAB, and returns the prompt line once it settles (or after `timeout`),
    /// without the prompt and trailing blanks. Then clears the line for the next case.
    func complete(_ partial: String, timeout: Duration = .seconds(10)) throws -> String {
        try type(partial, then: "Tab")
        let typed = Self.prompt + partial
        var last: String?
        var stableRounds = 0
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.1)
            let line = promptLine()
            if line == last, let line, line != typed.trimmingCharacters(in: .whitespaces) {
                stableRounds += 1
                if stableRounds >= 3 { break }
            } else {
                stableRounds = 0
            }
            last = line
        }
        try abandonLine()
        try clearScreen()
        return String((last ?? "").dropFirst(Self.prompt.count - 1)).trimmingCharacters(in: .whitespaces)
    }

    /// Drops the typed line: C-c (fish may take it for the completion still running, so again,
    /// then C-e C-u) until the prompt line is empty.
    private func abandonLine() throws {
        let marker = Self.prompt.trimmingCharacters(in: .whitespaces)
        for attempt in 0..<10 {
            try tmux(["send-keys", "-t", "t"] + (attempt % 2 == 0 ? ["C-c"] : ["C-e", "C-u"]))
            if waitFor({ _ in self.promptLine() == marker }, timeout: .milliseconds(500)) != nil { return }
        }
        throw ShellError(message: "\(kind): the line could not be cleared: \(screen())")
    }

    private func clearScreen() throws {
        try type("clear", then: "Enter")
        let ready = waitFor { lines in
            lines.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
                == [Self.prompt.trimmingCharacters(in: .whitespaces)]
        }
        if ready == nil { throw ShellError(message: "\(kind): no clean prompt after clear: \(screen())") }
    }

    private func type(_ text: String, then key: String) throws {
        try tmux(["send-keys", "-t", "t", "-l", text])
        try tmux(["send-keys", "-t", "t", key])
    }

    /// The last line holding the prompt, trailing blanks removed.
    private func promptLine() -> String? {
        let marker = Self.prompt.trimmingCharacters(in: .whitespaces)
        return screenLines().last { $0.hasPrefix(marker) }.map { String($0.reversed().drop { $0 == " " }.reversed()) }
    }

    private func waitFor(_ condition: ([String]) -> Bool, timeout: Duration = .seconds(15)) -> [String]? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let lines = screenLines()
            if condition(lines) { return lines }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return nil
    }

    private func screenLines() -> [String] { screen().components(separatedBy: "\n") }

    func screen() -> String { (try? tmux(["capture-pane", "-p", "-t", "t"])) ?? "" }

    /// Starts the tmux server through `system`, its standard streams on /dev/null: the server outlives
    /// the client, and a child with pipes (as ProcessRunner makes) is then never seen to end.
    private func startServer(_ arguments: [String]) throws {
        let quoted = (["/usr/bin/tmux", "-L", socket, "-f", "/dev/null"] + arguments).map {
            "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }
        let status = system(quoted.joined(separator: " ") + " </dev/null >/dev/null 2>&1")
        guard status == 0 else { throw ShellError(message: "tmux new-session exited \(status)") }
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let output = try ProcessRunner.run("/usr/bin/tmux", ["-L", socket, "-f", "/dev/null"] + arguments)
        guard output.status == 0 else {
            throw ShellError(message: "tmux \(arguments.first ?? ""): \(output.stderr)")
        }
        return output.stdout
    }

    struct ShellError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
