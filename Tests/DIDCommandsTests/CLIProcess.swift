// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDCrypto
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What one run of the built `did` binary produced.
struct CLIRunResult: Sendable, CustomStringConvertible {
    /// The arguments after `did`.
    let arguments: [String]
    /// The exit status; 128 + the signal number when a signal ended the process.
    let status: Int32
    /// Everything written to stdout.
    let stdout: [UInt8]
    /// Everything written to stderr.
    let stderr: [UInt8]

    /// stdout as text.
    var standardOutput: String { String(decoding: stdout, as: UTF8.self) }

    /// stderr as text.
    var standardError: String { String(decoding: stderr, as: UTF8.self) }

    /// The lines of stderr, split at every LF byte (also inside a CR LF pair); a final LF ends the last line, it
    /// does not start another.
    var errorLines: [String] {
        var bytes = stderr[...]
        if bytes.last == 0x0A { bytes = bytes.dropLast() }
        if bytes.isEmpty { return [] }
        return bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self)
        }
    }

    /// stdout parsed with the strict DIDCore JSON parser.
    func json() throws -> JSONValue { try JSONValue(parsing: stdout) }

    /// The command, its status and both streams, for failure messages.
    var description: String {
        "`did \(arguments.joined(separator: " "))` exited \(status)\n--- stdout:\n\(standardOutput)\n--- stderr:\n"
            + standardError
    }

    /// Expects exit status 0, nothing on stderr and something on stdout.
    func expectSuccess(sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(status == 0, "\(self)", sourceLocation: sourceLocation)
        #expect(stderr.isEmpty, "\(self)", sourceLocation: sourceLocation)
        #expect(!stdout.isEmpty, "\(self)", sourceLocation: sourceLocation)
    }

    /// Expects the failure shape of every `did` command: `status`, and exactly one stderr line that starts with
    /// `error: ` + `prefix`.
    /// - Returns: The one line (or the first, when the expectation failed).
    @discardableResult
    func expectFailure(
        _ status: Int32,
        linePrefix prefix: String = "",
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> String {
        #expect(self.status == status, "\(self)", sourceLocation: sourceLocation)
        let lines = errorLines
        #expect(lines.count == 1, "exactly one stderr line expected: \(self)", sourceLocation: sourceLocation)
        #expect(stderr.last == 0x0A, "the line must end with a newline: \(self)", sourceLocation: sourceLocation)
        let line = lines.first ?? ""
        #expect(line.hasPrefix("error: " + prefix), "\(self)", sourceLocation: sourceLocation)
        return line
    }
}

/// Why a `did` run could not even be observed.
struct CLIRunError: Error, CustomStringConvertible {
    /// What went wrong.
    let description: String
}

/// Runs the `did` executable that `swift build --build-tests` puts next to the test bundle, as a real process.
enum CLI {
    /// How long one run may take before it is killed and the test fails (debug build, two shared cores).
    static let timeout: Duration = .seconds(120)

    /// The `did` binary, or where it was looked for.
    static let binary: Result<URL, CLIRunError> = locateBinary()

    /// Looks for `did` in the products directory: `$DID_CLI_BINARY` when set, else next to the test executable
    /// (`CommandLine.arguments[0]`, Linux) or the `.xctest` bundle (macOS), else in the package's `.build/debug`.
    private static func locateBinary() -> Result<URL, CLIRunError> {
        var candidates: [URL] = []
        if let path = ProcessInfo.processInfo.environment["DID_CLI_BINARY"], !path.isEmpty {
            candidates.append(URL(fileURLWithPath: path))
        }
        if let first = CommandLine.arguments.first {
            let testExecutable = URL(fileURLWithPath: first).resolvingSymlinksInPath()
            candidates.append(testExecutable.deletingLastPathComponent().appendingPathComponent("did"))
        }
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("did"))
        }
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // DIDCommandsTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()
        candidates.append(packageRoot.appendingPathComponent(".build/debug/did"))
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return .success(candidate)
        }
        return .failure(
            CLIRunError(
                description:
                    "the did executable is missing (looked at \(candidates.map(\.path).joined(separator: ", "))); "
                    + "build it with `swift build --build-tests` before `swift test --skip-build`, "
                    + "or point DID_CLI_BINARY at it"
            )
        )
    }

    /// Runs `did arguments…` with stdin from /dev/null (or `stdinPath`), capturing stdout, stderr and the exit status.
    ///
    /// Every run also checks that no output contains a Swift source location (`.swift:`).
    /// - Parameters:
    ///   - arguments: The arguments after `did`.
    ///   - launcher: A command that runs `did` (its path is appended, then `arguments`), such as `setpriv …`.
    ///   - stdoutPath: A file to send stdout to instead of capturing it (such as `/dev/full`).
    ///   - stderrPath: A file to send stderr to instead of capturing it.
    ///   - timeout: How long to wait before killing the process and failing.
    ///   - environment: Variables to set (a value) or remove (`nil`) in the inherited environment.
    ///   - stdinPath: A file to read stdin from instead of /dev/null.
    /// - Returns: What the process wrote and how it exited.
    /// - Throws: ``CLIRunError`` when the binary is missing, cannot start, or does not finish in time (then it is
    ///   killed); Swift Testing records the thrown error as the test's failure.
    static func run(
        _ arguments: [String],
        launcher: [String] = [],
        stdoutPath: String? = nil,
        stderrPath: String? = nil,
        timeout: Duration = CLI.timeout,
        environment: [String: String?] = [:],
        stdinPath: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> CLIRunResult {
        let binary: URL
        switch Self.binary {
        case .success(let url):
            binary = url
        case .failure(let error):
            throw error
        }
        let capture = FileManager.default.temporaryDirectory
            .appendingPathComponent("did-cli-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: capture, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: capture) }
        let stdoutURL = stdoutPath.map(URL.init(fileURLWithPath:)) ?? capture.appendingPathComponent("stdout")
        let stderrURL = stderrPath.map(URL.init(fileURLWithPath:)) ?? capture.appendingPathComponent("stderr")
        // Files, not pipes: nothing can block on a full pipe buffer, and a killed process leaves what it wrote.
        if stdoutPath == nil { _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil) }
        if stderrPath == nil { _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil) }
        let stdoutHandle = try FileHandle(forWritingTo: stdoutURL)
        let stderrHandle = try FileHandle(forWritingTo: stderrURL)

        let process = Process()
        if let command = launcher.first {
            process.executableURL = URL(fileURLWithPath: command)
            process.arguments = Array(launcher.dropFirst()) + [binary.path] + arguments
        } else {
            process.executableURL = binary
            process.arguments = arguments
        }
        if !environment.isEmpty {
            var merged = ProcessInfo.processInfo.environment
            for (name, value) in environment { merged[name] = value }
            process.environment = merged
        }
        if let stdinPath {
            process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: stdinPath))
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        process.standardOutput = stdoutHandle
        process.standardError = stderrHandle
        do {
            try process.run()
        } catch {
            try? stdoutHandle.close()
            try? stderrHandle.close()
            throw CLIRunError(description: "cannot start \(binary.path): \(error)")
        }
        try? stdoutHandle.close()
        try? stderrHandle.close()

        if await !exits(process, within: timeout) {
            kill(process.processIdentifier, SIGKILL)
            // Bounded: Foundation only reports the exit once every process holding its status pipe has gone.
            _ = await exits(process, within: .seconds(10))
            throw CLIRunError(
                description: "`did \(arguments.joined(separator: " "))` did not finish within \(timeout); killed it"
            )
        }

        let status =
            process.terminationReason == .uncaughtSignal
            ? 128 + process.terminationStatus : process.terminationStatus
        let result = CLIRunResult(
            arguments: arguments,
            status: status,
            stdout: stdoutPath == nil ? Array(try Data(contentsOf: stdoutURL)) : [],
            stderr: stderrPath == nil ? Array(try Data(contentsOf: stderrURL)) : []
        )
        #expect(
            !result.standardOutput.contains(".swift:"),
            "source location on stdout: \(result)",
            sourceLocation: sourceLocation
        )
        #expect(
            !result.standardError.contains(".swift:"),
            "source location on stderr: \(result)",
            sourceLocation: sourceLocation
        )
        return result
    }

    /// Polls until `process` has exited or `limit` has passed.
    /// - Returns: Whether it exited.
    private static func exits(_ process: Process, within limit: Duration) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while process.isRunning {
            if ContinuousClock.now >= deadline { return false }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return true
    }
}

/// A fresh directory under the system temporary directory, removed again (after restoring write permission).
struct CLIScratchDirectory: ~Copyable {
    /// The directory.
    let url: URL

    /// Creates the directory.
    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("did-cli-files-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
    }

    /// A path inside the directory.
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit {
        if let enumerator = FileManager.default.enumerator(atPath: url.path) {
            for case let name as String in enumerator { chmod(path(name), 0o700) }
        }
        chmod(url.path, 0o700)
        try? FileManager.default.removeItem(at: url)
    }
}

/// The six key types of `did create key --type`, by their command-line names.
struct CLIKeyType: Sendable, CustomTestStringConvertible {
    /// The `--type` value.
    let name: String
    /// The key type it selects.
    let keyType: KeyType

    /// All of them.
    static let all = [
        CLIKeyType(name: "ed25519", keyType: .ed25519), CLIKeyType(name: "x25519", keyType: .x25519),
        CLIKeyType(name: "secp256k1", keyType: .secp256k1), CLIKeyType(name: "p256", keyType: .p256),
        CLIKeyType(name: "p384", keyType: .p384), CLIKeyType(name: "p521", keyType: .p521),
    ]

    /// How Swift Testing names the argument.
    var testDescription: String { name }
}
