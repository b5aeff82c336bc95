// swift-did: decentralized identity for Swift. Apache-2.0.

import Foundation
import Testing

@testable import DIDCommands

/// Output that cannot be written and messages that would break the one-line rule.
@Suite("did output failures (the built binary and in process)")
struct OutputFailureCommandTests {
    static let exampleDID = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"

    static let hasDevFull = FileManager.default.fileExists(atPath: "/dev/full")

    @Test(
        "stdout that cannot be written (/dev/full) exits 74 with one line, not a crash",
        .enabled(if: OutputFailureCommandTests.hasDevFull, "no /dev/full on this system"),
        arguments: [
            ["resolve", exampleDID], ["resolve", "--result", exampleDID], ["create", "key", "--type", "p256"],
        ]
    )
    func stdoutFull(arguments: [String]) async throws {
        let run = try await CLI.run(arguments, stdoutPath: "/dev/full")
        let line = run.expectFailure(74, linePrefix: "cannot write to standard output: ")
        #expect(line.contains("space"), "\(run)")
    }

    @Test(
        "stderr that cannot be written still leaves the exit status (1 for a resolution error)",
        .enabled(if: OutputFailureCommandTests.hasDevFull, "no /dev/full on this system")
    )
    func stderrFull() async throws {
        let run = try await CLI.run(["resolve", "did:example:123"], stderrPath: "/dev/full")
        #expect(run.status == 1, "\(run)")
        #expect(run.stdout.isEmpty)
    }

    @Test("an error line stays one line when a file name holds a newline")
    func newlineInFileName() async throws {
        let directory = try CLIScratchDirectory()
        let keyFile = directory.path("missing/first\nsecond.jwk")
        let run = try await CLI.run(["create", "key", "--private-key-out", keyFile])
        let line = run.expectFailure(74)
        #expect(line.contains("first\\u{A}second.jwk"), "\(run)")
    }

    @Test("CommandFailure escapes control characters and line separators")
    func escapedDescription() {
        let failure = CommandFailure(.ioError, "a\nb\r\u{1B}[31mc\u{2028}d\u{85}é")
        #expect(failure.description == "error: a\\u{A}b\\u{D}\\u{1B}[31mc\\u{2028}d\\u{85}é")
        #expect(failure.message == "a\nb\r\u{1B}[31mc\u{2028}d\u{85}é")
    }
}
