// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import Foundation
import Testing

/// One command that reads input, given input of one kind.
struct CLIInputCase: Sendable, CustomTestStringConvertible {
    /// What the input is, for the test name.
    let what: String
    /// The arguments after `did`; `{input}` is replaced by the path of a file holding ``contents``.
    let arguments: [String]
    /// The input file's contents, when the command reads a file.
    let contents: String?

    /// How Swift Testing names the argument.
    var testDescription: String { "did \(arguments.prefix(2).joined(separator: " ")): \(what)" }
}

/// The rule of ``DIDCommands/ExitStatus`` for every command that reads input, checked in fresh processes: input
/// that is not parseable as the thing asked for exits 65; a well-formed object that fails a rule exits 1.
@Suite("Exit code rule: malformed input 65, a well-formed failing object 1 (the built binary)")
struct ExitCodeRuleCommandTests {
    static let malformed: [CLIInputCase] = [
        CLIInputCase(what: "not a DID", arguments: ["resolve", "did:key:@"], contents: nil),
        CLIInputCase(what: "not a DID URL", arguments: ["dereference", "did:key:@#key-1"], contents: nil),
        CLIInputCase(
            what: "a key file that is not JSON",
            arguments: ["key", "import", "{input}", "--name", "k"],
            contents: "{"
        ),
        CLIInputCase(what: "a presentation that is not JSON", arguments: ["vp", "verify", "{input}"], contents: "{"),
        CLIInputCase(what: "a bundle that is not JSON", arguments: ["migrate", "inspect", "{input}"], contents: "{"),
        CLIInputCase(what: "a bundle that is not JSON", arguments: ["migrate", "verify", "{input}"], contents: "{"),
    ]

    static let failing: [CLIInputCase] = [
        CLIInputCase(
            what: "a DID whose method has no driver",
            arguments: ["resolve", "did:example:123"],
            contents: nil
        ),
        CLIInputCase(
            what: "a DID URL whose fragment names nothing",
            arguments: ["dereference", "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK#nothing"],
            contents: nil
        ),
    ]

    /// Runs `inputCase` in a fresh process, with a scratch keystore and its input file.
    private static func run(_ inputCase: CLIInputCase) async throws -> CLIRunResult {
        let scratch = try CLIScratchDirectory()
        var arguments = inputCase.arguments
        if let contents = inputCase.contents {
            // Named like a bundle's manifest, so that the migrate commands read it as one.
            let path = scratch.path("bundle.json")
            try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
            arguments = arguments.map { $0 == "{input}" ? path : $0 }
        }
        return try await CLI.run(
            arguments,
            environment: ["DID_KEYSTORE": scratch.path("keys"), "DID_PASSPHRASE": "p", "DID_NEW_PASSPHRASE": "p"]
        )
    }

    @Test("input not parseable as the thing asked for exits 65", arguments: malformed)
    func malformedInputExits65(inputCase: CLIInputCase) async throws {
        let result = try await Self.run(inputCase)
        result.expectFailure(65)
    }

    @Test("a well-formed object that fails a rule exits 1", arguments: failing)
    func failingObjectExits1(inputCase: CLIInputCase) async throws {
        let result = try await Self.run(inputCase)
        result.expectFailure(1)
    }

    @Test("did vc verify: a credential that is not JSON exits 65")
    func malformedCredentialExits65() async throws {
        let result = try await Self.run(
            CLIInputCase(what: "not JSON", arguments: ["vc", "verify", "{input}"], contents: "{")
        )
        result.expectFailure(65)
    }
}
