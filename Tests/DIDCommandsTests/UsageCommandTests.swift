// swift-did: decentralized identity for Swift. Apache-2.0.

import ArgumentParser
import DIDCore
import DIDCrypto
import DIDMethodKey
import Foundation
import Testing

@testable import DIDCommands

/// A command line `did` must reject as a usage error, and a word its message must contain.
struct CLIUsageCase: Sendable, CustomTestStringConvertible {
    /// What is wrong.
    let problem: String
    /// The arguments after `did`.
    let arguments: [String]
    /// Text the error message must contain.
    let mentions: String

    /// How Swift Testing names the argument.
    var testDescription: String { "\(problem): did \(arguments.joined(separator: " "))" }
}

/// `did --version`, `--help` and usage errors, through the binary and in process.
@Suite("did usage (the built binary and in process)")
struct UsageCommandTests {
    static let exampleDID = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"

    static let usageCases: [CLIUsageCase] = [
        CLIUsageCase(problem: "missing argument", arguments: ["resolve"], mentions: "<did>"),
        CLIUsageCase(problem: "unknown --type", arguments: ["create", "key", "--type", "rsa"], mentions: "rsa"),
        CLIUsageCase(problem: "unknown --format", arguments: ["create", "key", "--format", "pem"], mentions: "pem"),
        CLIUsageCase(problem: "unknown option", arguments: ["resolve", "--bogus", exampleDID], mentions: "--bogus"),
        CLIUsageCase(
            problem: "option without its value",
            arguments: ["create", "key", "--private-key-out"],
            mentions: "--private-key-out"
        ),
        CLIUsageCase(problem: "unexpected argument", arguments: ["create", "key", "extra"], mentions: "extra"),
        CLIUsageCase(problem: "unknown subcommand", arguments: ["frobnicate"], mentions: "frobnicate"),
    ]

    @Test(
        "usage errors exit 64 (EX_USAGE), print nothing on stdout and name the problem",
        arguments: usageCases
    )
    func usageErrors(usage: CLIUsageCase) async throws {
        let run = try await CLI.run(usage.arguments)
        #expect(run.status == 64, "\(run)")
        #expect(run.stdout.isEmpty, "\(run)")
        #expect(run.standardError.contains(usage.mentions), "\(run)")
    }

    @Test("`did --version` prints the version and exits 0")
    func version() async throws {
        let run = try await CLI.run(["--version"])
        run.expectSuccess()
        #expect(run.standardOutput == DIDCommand.version + "\n")
        #expect(run.standardOutput.first?.isNumber == true)
    }

    @Test("`did --help` lists the subcommands and exits 0")
    func help() async throws {
        let run = try await CLI.run(["--help"])
        run.expectSuccess()
        #expect(run.standardOutput.contains("create"))
        #expect(run.standardOutput.contains("resolve"))
    }

    // MARK: In process

    @Test("`create key` defaults: Ed25519, Multikey, X25519 derivation on, no key file")
    func createKeyDefaults() throws {
        let command = try DIDCommand.parseAsRoot(["create", "key"])
        let key = try #require(command as? DIDCommand.Create.Key)
        #expect(key.type.keyType == .ed25519)
        #expect(key.privateKeyOut == nil)
        #expect(key.documentOptions.options.publicKeyFormat == .multikey)
        #expect(key.documentOptions.options.enableEncryptionKeyDerivation)
    }

    @Test("`create key` options map onto the did:key creation options")
    func createKeyOptions() throws {
        let command = try DIDCommand.parseAsRoot([
            "create", "key", "--type", "p384", "--format", "jwk", "--no-derive-x25519", "--private-key-out", "k.jwk",
        ])
        let key = try #require(command as? DIDCommand.Create.Key)
        #expect(key.type.keyType == .p384)
        #expect(key.privateKeyOut == "k.jwk")
        #expect(key.documentOptions.options.publicKeyFormat == .jsonWebKey2020)
        #expect(!key.documentOptions.options.enableEncryptionKeyDerivation)

        let ed2020 = try #require(
            try DIDCommand.parseAsRoot(["create", "key", "--format", "ed25519-2020"]) as? DIDCommand.Create.Key
        )
        #expect(ed2020.documentOptions.options.publicKeyFormat == .ed25519VerificationKey2020)
    }

    @Test("every --type value names a DIDCrypto key type, and every key type has a --type value")
    func keyTypeValues() {
        #expect(KeyTypeArgument.allValueStrings == CLIKeyType.all.map(\.name))
        #expect(Set(KeyTypeArgument.allCases.map(\.keyType)) == Set(KeyType.allCases))
        for type in CLIKeyType.all {
            #expect(KeyTypeArgument(argument: type.name)?.keyType == type.keyType)
        }
    }

    @Test("`resolve` takes the DID, --result, --error-keywords and the document options")
    func resolveOptions() throws {
        let command = try DIDCommand.parseAsRoot([
            "resolve", Self.exampleDID, "--result", "--error-keywords", "--format", "jwk",
        ])
        let resolve = try #require(command as? DIDCommand.Resolve)
        #expect(resolve.did == Self.exampleDID)
        #expect(resolve.result)
        #expect(resolve.errorKeywords)
        #expect(resolve.documentOptions.options.publicKeyFormat == .jsonWebKey2020)

        let plain = try #require(try DIDCommand.parseAsRoot(["resolve", Self.exampleDID]) as? DIDCommand.Resolve)
        #expect(!plain.result)
        #expect(!plain.errorKeywords)
    }

    @Test("parse errors map to exit code 64 in process too", arguments: usageCases)
    func parseErrorsExit64(usage: CLIUsageCase) {
        do {
            let command = try DIDCommand.parseAsRoot(usage.arguments)
            Issue.record("parsed \(usage.arguments) as \(command)")
        } catch {
            #expect(DIDCommand.exitCode(for: error).rawValue == 64, "\(error)")
            #expect(DIDCommand.message(for: error).contains(usage.mentions))
        }
    }

    @Test("the exit codes are the documented ones")
    func exitStatusValues() {
        let expected: [DIDCommands.ExitStatus: Int32] = [
            .success: 0, .negative: 1, .incomplete: 2, .usage: 64, .malformedInput: 65, .internalError: 70,
            .cannotCreate: 73, .ioError: 74, .temporaryFailure: 75, .permissionDenied: 77,
        ]
        for status in DIDCommands.ExitStatus.allCases {
            #expect(status.rawValue == expected[status], "\(status)")
            #expect(status.exitCode.rawValue == status.rawValue)
        }
        #expect(DIDCommands.ExitStatus.usage.exitCode == ExitCode.validationFailure)
    }

    @Test("library errors become one-line failures with the right exit status")
    func failureClassification() {
        let resolution = CommandFailure(ResolutionError(.invalidDid, "bad DID at offset 4"))
        #expect(resolution.status == .malformedInput)
        #expect(resolution.description == "error: invalidDid: bad DID at offset 4")

        #expect(CommandFailure(DIDError(.invalidJSON, "unexpected end", offset: 3)).status == .malformedInput)
        #expect(CommandFailure(DIDCryptoError(.invalidJWK, "no d")).status == .malformedInput)
        #expect(CommandFailure(DIDCryptoError(.internalFailure, "rng")).status == .internalError)
        let denied = CommandFailure(CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: "/k.jwk"]))
        #expect(denied.status == .permissionDenied)
        #expect(denied.message.contains("/k.jwk"))
        #expect(CommandFailure(CocoaError(.fileReadNoSuchFile)).status == .ioError)
        #expect(CommandFailure(CommandFailure(.ioError, "disk full")).message == "disk full")

        struct SomethingUnexpected: Error {}
        let unexpected = CommandFailure(SomethingUnexpected())
        #expect(unexpected.status == .internalError)
        for failure in [resolution, denied, unexpected] {
            #expect(!failure.description.contains("\n"))
            #expect(!failure.description.contains(".swift:"))
        }
    }
}
