// swift-did: decentralized identity for Swift. Apache-2.0.

import ArgumentParser
import DIDCrypto
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a passphrase comes from, in order: a file named on the command line, an environment variable, or a
/// prompt on the controlling terminal without echo.
struct PassphraseSource {
    /// The file from `--passphrase-file` (or `--new-passphrase-file`).
    var file: String?
    /// The environment variable (`DID_PASSPHRASE` or `DID_NEW_PASSPHRASE`).
    var environmentVariable: String
    /// The option that names the file, for messages.
    var option: String

    /// Reads the passphrase.
    ///
    /// A file's first line is the passphrase (a final CR LF or LF is not part of it). A prompt asks twice when
    /// `confirming` (a new passphrase) and fails when the two differ.
    /// - Parameters:
    ///   - prompt: What to ask on the terminal.
    ///   - confirming: Whether to ask a second time.
    /// - Returns: The passphrase, never empty.
    /// - Throws: ``CommandFailure``: 64 when there is no source or the two entries differ or it is empty, 74/77 when
    ///   the file cannot be read.
    func read(prompt: String, confirming: Bool) throws -> Passphrase {
        if let file {
            var bytes = try Self.readFile(file, option: option)
            defer { Self.wipe(&bytes) }
            if let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) {
                Self.wipe(&bytes, from: newline)
                bytes.removeSubrange(newline...)
            }
            if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
            guard !bytes.isEmpty else { throw CommandFailure(.usage, "the passphrase in \(file) is empty") }
            return Passphrase(wiping: &bytes)
        }
        if let value = ProcessInfo.processInfo.environment[environmentVariable] {
            guard !value.isEmpty else { throw CommandFailure(.usage, "\(environmentVariable) is set but empty") }
            var bytes = Array(value.utf8)
            return Passphrase(wiping: &bytes)
        }
        guard let terminal = Terminal() else {
            throw CommandFailure(
                .usage,
                "no passphrase: use \(option) FILE or set \(environmentVariable) (there is no terminal to ask on)"
            )
        }
        defer { terminal.close() }
        let first = try terminal.readSecret(prompt: prompt)
        guard !first.isEmpty else { throw CommandFailure(.usage, "the passphrase is empty") }
        if confirming {
            let second = try terminal.readSecret(prompt: "Repeat the passphrase: ")
            guard first.matches(second) else { throw CommandFailure(.usage, "the passphrases do not match") }
        }
        return first
    }

    private static func readFile(_ path: String, option: String) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == EACCES || code == EPERM {
                throw CommandFailure(.permissionDenied, "permission denied reading \(option) \(path)")
            }
            throw CommandFailure(.ioError, "cannot read \(option) \(path): \(String(cString: strerror(code)))")
        }
        defer { _ = posixClose(descriptor) }
        var contents: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        defer { wipe(&buffer) }
        while contents.count <= 1 << 16 {
            let count = buffer.withUnsafeMutableBytes { posixRead(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                wipe(&contents)
                throw CommandFailure(.ioError, "cannot read \(option) \(path): \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            contents.append(contentsOf: buffer[0..<count])
        }
        return contents
    }

    /// Overwrites bytes with zeros (best effort: copies made by the runtime are out of reach).
    static func wipe(_ bytes: inout [UInt8], from start: Int = 0) {
        for index in start..<bytes.count { bytes[index] = 0 }
    }
}

/// The controlling terminal (`/dev/tty`), for prompts that must not echo.
final class Terminal {
    private let descriptor: Int32

    /// Opens `/dev/tty`; `nil` when the process has no controlling terminal.
    init?() {
        let descriptor = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        self.descriptor = descriptor
    }

    /// Closes the terminal.
    func close() { _ = posixClose(descriptor) }

    /// Turns echo off, writes `prompt`, reads one line, restores the terminal and ends the line.
    func readSecret(prompt: String) throws -> Passphrase {
        var saved = termios()
        let canSilence = tcgetattr(descriptor, &saved) == 0
        if canSilence {
            Self.restoreOnSignal(descriptor: descriptor, settings: saved)
            var silent = saved
            silent.c_lflag &= ~tcflag_t(ECHO | ECHONL)
            silent.c_lflag |= tcflag_t(ICANON)
            _ = tcsetattr(descriptor, TCSAFLUSH, &silent)
        }
        // The prompt comes after echo is off: whatever is typed once it shows is not echoed, nor discarded.
        write(prompt)
        defer {
            if canSilence {
                _ = tcsetattr(descriptor, TCSAFLUSH, &saved)
                Self.restoreOnSignal(descriptor: nil, settings: saved)
            }
            write("\n")
        }
        var line: [UInt8] = []
        defer { PassphraseSource.wipe(&line) }
        var byte: UInt8 = 0
        while true {
            let count = posixRead(descriptor, &byte, 1)
            if count < 0 {
                if errno == EINTR { continue }
                throw CommandFailure(.ioError, "cannot read from the terminal: \(String(cString: strerror(errno)))")
            }
            if count == 0 || byte == UInt8(ascii: "\n") { break }
            line.append(byte)
        }
        byte = 0
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        return Passphrase(wiping: &line)
    }

    /// The terminal settings to put back if SIGINT, SIGTERM, SIGHUP or SIGQUIT arrive while echo is off.
    ///
    /// Written only by ``restoreOnSignal(descriptor:settings:)`` on the one thread that prompts, read by the signal
    /// handler, which only passes it to `tcsetattr` (async-signal-safe).
    private nonisolated(unsafe) static var pending: (descriptor: Int32, settings: termios)?

    /// Arms (a descriptor) or disarms (`nil`) the handlers that restore echo before the signal ends the process.
    private static func restoreOnSignal(descriptor: Int32?, settings: termios) {
        let signals = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
        guard let descriptor else {
            pending = nil
            for number in signals { signal(number, SIG_DFL) }
            return
        }
        pending = (descriptor, settings)
        for number in signals {
            signal(number) { number in
                if var state = Terminal.pending {
                    _ = tcsetattr(state.descriptor, TCSANOW, &state.settings)
                }
                signal(number, SIG_DFL)
                raise(number)
            }
        }
    }

    /// Reads one line with echo on (a confirmation answer).
    func readLine(prompt: String) -> String {
        write(prompt)
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while posixRead(descriptor, &byte, 1) == 1 && byte != UInt8(ascii: "\n") { line.append(byte) }
        return String(decoding: line, as: UTF8.self)
    }

    private func write(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { posixWrite(descriptor, $0.baseAddress!, $0.count) }
    }
}

/// `read(2)`, `write(2)` and `close(2)` under names that members called `read`, `write` and `close` cannot shadow.
private func posixRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

private func posixWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}

private func posixClose(_ descriptor: Int32) -> Int32 {
    close(descriptor)
}
