// swift-did: decentralized identity for Swift. Apache-2.0.

import ArgumentParser
import DIDCore
import DIDCredentials
import DIDCrypto
import DIDKeyStore
import Foundation

extension DIDCommand {
    /// `did vc`: issue and verify verifiable credentials.
    struct Credential: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "vc",
            abstract: "Issue and verify verifiable credentials (Data Integrity JCS suites, vc+jwt, VC-JWT 1.1).",
            subcommands: [Issue.self, Verify.self]
        )
    }
}

/// How issued credentials and presentations are secured.
enum CredentialFormat: String, ExpressibleByArgument, CaseIterable {
    case diEddsaJcs2022 = "di-eddsa-jcs-2022"
    case diEcdsaJcs2019 = "di-ecdsa-jcs-2019"
    case vcJWT = "vc-jwt"
    case jwt11 = "jwt-1.1"

    var cryptosuite: Cryptosuite? {
        switch self {
        case .diEddsaJcs2022: .eddsaJcs2022
        case .diEcdsaJcs2019: .ecdsaJcs2019
        case .vcJWT, .jwt11: nil
        }
    }
}

/// The signing key of `--key NAME`, with the did:key and verification method it implies.
struct CredentialSigner {
    let key: PrivateKey
    let did: DID
    let verificationMethod: String

    init(name: String, verificationMethod: String?, keystore: KeyStoreOptions, passphrase: PassphraseOptions) throws {
        let stored = try keystore.store().key(named: try parseKeyName(name))
        let secret = try passphrase.source.read(prompt: "Passphrase for \"\(stored.name)\": ", confirming: false)
        key = try stored.privateKey(passphrase: secret)
        did = stored.did
        self.verificationMethod = verificationMethod ?? "\(stored.did)#\(stored.did.methodSpecificID)"
    }
}

/// Reads a file, or standard input for `-`.
func readInput(_ path: String) throws -> [UInt8] {
    if path == "-" { return Array(FileHandle.standardInput.readDataToEndOfFile()) }
    return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
}

/// Parses a JSON object given on the command line.
func readJSONObject(_ path: String, what: String) throws -> JSONObject {
    let bytes = try readInput(path)
    guard case .object(let object) = try JSONValue(parsing: bytes) else {
        throw CommandFailure(
            .malformedInput,
            "the \(what) in \(path == "-" ? "standard input" : path) is not a JSON object"
        )
    }
    return object
}

/// Prints a verification result: one line, or the JSON with `--json`; exits 1 when not verified.
func report(_ result: VerificationResult, document: JSONObject?, json: Bool) throws {
    if json {
        var object = result.json.objectValue ?? [:]
        if let document { object["document"] = .object(document) }
        try StandardOutput.write(json: .object(object))
    } else {
        try StandardOutput.write(line: result.verified ? "verified" : "not verified")
        for problem in result.problems { try StandardOutput.write(line: "problem: \(problem)") }
        for warning in result.warnings { try StandardOutput.write(line: "warning: \(warning)") }
    }
    if !result.verified {
        let first = result.problems.first.map { "\($0)" } ?? "not verified"
        throw CommandFailure(.negative, first)
    }
}

extension DIDCommand.Credential {
    /// `did vc issue`: secure a credential with a stored key.
    struct Issue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "issue",
            abstract: "Secure a credential with a stored key and print it (JSON, or the compact JWT on one line).",
            discussion: """
                The issuer defaults to the key's did:key and validFrom (issuanceDate for a 1.1 credential) to now, \
                when the credential does not set them. The verification method defaults to the did:key's key.
                """
        )

        @Argument(help: "The unsecured credential (JSON); - or nothing reads standard input.")
        var file: String = "-"

        @Option(name: .long, help: "The stored key's name.")
        var key: String

        @Option(name: .long, help: "di-eddsa-jcs-2022, di-ecdsa-jcs-2019, vc-jwt or jwt-1.1.")
        var format: CredentialFormat

        @Option(name: .long, help: ArgumentHelp("The verification method (DID URL) of the key.", valueName: "didurl"))
        var vm: String?

        @Option(name: .long, help: ArgumentHelp("The issuer, when not the key's did:key.", valueName: "did"))
        var issuer: String?

        @OptionGroup var keystoreOptions: KeyStoreOptions
        @OptionGroup var passphraseOptions: PassphraseOptions

        func run() async throws {
            try await reportingFailures {
                try await translatingCredentialErrors {
                    var credential = try readJSONObject(file, what: "credential")
                    let signer = try CredentialSigner(
                        name: key,
                        verificationMethod: vm,
                        keystore: keystoreOptions,
                        passphrase: passphraseOptions
                    )
                    let now = Date()
                    if let issuer {
                        credential["issuer"] = .string(issuer)
                    } else if credential["issuer"] == nil {
                        credential["issuer"] = .string(signer.did.description)
                    }
                    let dateMember =
                        VerifiableCredential(json: credential).version == .v1_1 ? "issuanceDate" : "validFrom"
                    if credential[dateMember] == nil {
                        credential[dateMember] = .string(DateTimeStamp.string(from: now))
                    }
                    if let suite = format.cryptosuite {
                        guard suite.keyTypes.contains(signer.key.keyType) else {
                            throw CommandFailure(
                                .usage,
                                "\(format.rawValue) cannot sign with a \(signer.key.keyType) key"
                            )
                        }
                        let options = ProofOptions(
                            cryptosuite: suite,
                            verificationMethod: signer.verificationMethod,
                            created: now
                        )
                        let secured = try DataIntegrity.addProof(to: credential, options: options, key: signer.key)
                        try StandardOutput.write(json: .object(secured))
                    } else {
                        let jwt = try JOSE.secure(
                            credential: credential,
                            encoding: format == .vcJWT ? .joseCose : .vcJWT11,
                            key: signer.key,
                            keyID: signer.verificationMethod
                        )
                        try StandardOutput.write(line: jwt)
                    }
                }
            }
        }
    }

    /// `did vc verify`: verify a credential in any of the issued forms.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract:
                "Verify a credential (Data Integrity JSON, vc+jwt or VC-JWT 1.1); exit 0 when verified, 1 when not.",
            discussion: """
                Prints "verified" or "not verified" and one line per problem, or with --json the result \
                {verified, problems, warnings, document}.
                """
        )

        @Argument(help: "The secured credential; - or nothing reads standard input.")
        var file: String = "-"

        @Flag(name: .long, help: "Print the result as JSON.")
        var json = false

        @OptionGroup var resolverOptions: ResolverOptions

        func run() async throws {
            try await reportingFailures {
                try await translatingCredentialErrors {
                    let bytes = try readInput(file)
                    let resolver = try resolverOptions.resolver()
                    let now = Date()
                    let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                    if text.hasPrefix("ey") {
                        let verification = await JOSE.verify(text, resolver: resolver, now: now)
                        try report(verification.result, document: verification.document, json: json)
                    } else {
                        let result: VerificationResult
                        let document: JSONObject?
                        do {
                            let credential = try VerifiableCredential(bytes: bytes)
                            (result, document) = (
                                await credential.verify(resolver: resolver, now: now), credential.json
                            )
                        } catch {
                            (result, document) = (
                                VerificationResult(problems: [VerificationProblem(.malformed, "\(error)")]), nil
                            )
                        }
                        try report(result, document: document, json: json)
                    }
                }
            }
        }
    }
}

/// Runs `body`, turning a ``CredentialError`` into the command failure with the matching exit status.
func translatingCredentialErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as CredentialError {
        switch error.code {
        case .invalidJSON, .malformedDocument, .proofGeneration:
            throw CommandFailure(.malformedInput, error.description)
        case .unsupportedCryptosuite, .invalidKey:
            throw CommandFailure(.usage, error.description)
        }
    }
}
