// swift-did: decentralized identity for Swift. Apache-2.0.

import ArgumentParser
import DIDCore
import DIDCredentials
import DIDCrypto
import DIDKeyStore
import DIDMethodKey
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

    /// The library's format.
    /// Refuses, as a usage error, a `--format` whose cryptosuite cannot sign with the key's type (an Ed25519 key
    /// with `di-ecdsa-jcs-2019`, say): the flags do not fit, the input is not at fault.
    /// - Throws: ``CommandFailure`` with ``ExitStatus/usage``.
    func checkKeyType(of signer: IssuanceSigner) throws(CommandFailure) {
        guard case .dataIntegrity(let suite) = securingFormat, !suite.keyTypes.contains(signer.key.keyType) else {
            return
        }
        throw CommandFailure(.usage, "\(rawValue) cannot sign with a \(signer.key.keyType) key")
    }

    var securingFormat: SecuringFormat {
        switch self {
        case .diEddsaJcs2022: .dataIntegrity(.eddsaJcs2022)
        case .diEcdsaJcs2019: .dataIntegrity(.ecdsaJcs2019)
        case .vcJWT: .joseCose
        case .jwt11: .vcJWT11
        }
    }
}

extension IssuanceSigner {
    /// The stored key `--key NAME`, decrypted, with `--vm` or else its did:key verification method.
    init(name: String, verificationMethod: String?, keystore: KeyStoreOptions, passphrase: PassphraseOptions) throws {
        let stored = try keystore.store().key(named: try parseKeyName(name))
        let secret = try passphrase.source.read(prompt: "Passphrase for \"\(stored.name)\": ", confirming: false)
        try self.init(
            key: try stored.privateKey(passphrase: secret),
            verificationMethod: try verificationMethod ?? DIDKeyMethod.verificationMethodID(of: stored.did)
        )
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

/// Prints a secured credential or presentation: the JSON document, or the compact JWT on one line.
func write(_ secured: SecuredDocument) throws {
    switch secured {
    case .json(let object): try StandardOutput.write(json: .object(object))
    case .jwt(let compact): try StandardOutput.write(line: compact)
    }
}

/// The path `did vc verify` and `did vp verify` share: reads the input, verifies it as `kind`, prints the result.
/// Input that is not a JWS or JSON object, or not the kind asked for, exits 65; a failed verification exits 1.
func verifySecured(
    _ path: String,
    as kind: SecuredDocument.Kind,
    resolverOptions: ResolverOptions,
    challenge: String? = nil,
    domain: String? = nil,
    json: Bool
) async throws {
    let secured = try SecuredDocument(bytes: try readInput(path))
    let verification = try await secured.verify(
        as: kind,
        resolver: try resolverOptions.resolver(),
        now: Date(),
        challenge: challenge,
        domain: domain
    )
    try report(verification.result, document: verification.document, json: json)
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
                when the credential does not set them. The verification method defaults to the did:key's key; it \
                must be listed under assertionMethod in the issuer's DID document, which is resolved first. \
                jwt-1.1 takes VC Data Model 1.1 credentials only; vc-jwt is the JWT format for 2.0.
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
        @OptionGroup var resolverOptions: ResolverOptions

        func run() async throws {
            try await reportingFailures {
                var credential = try readJSONObject(file, what: "credential")
                if let issuer { credential["issuer"] = .string(issuer) }
                let signer = try IssuanceSigner(
                    name: key,
                    verificationMethod: vm,
                    keystore: keystoreOptions,
                    passphrase: passphraseOptions
                )
                try format.checkKeyType(of: signer)
                let issuing = CredentialIssuer(resolver: try resolverOptions.resolver())
                try write(
                    try await issuing.issue(credential: credential, format: format.securingFormat, signer: signer)
                )
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
                {verified, problems, warnings, document}. Input that is not a JWS or a JSON credential exits 65.
                """
        )

        @Argument(help: "The secured credential; - or nothing reads standard input.")
        var file: String = "-"

        @Flag(name: .long, help: "Print the result as JSON.")
        var json = false

        @OptionGroup var resolverOptions: ResolverOptions

        func run() async throws {
            try await reportingFailures {
                try await verifySecured(file, as: .credential, resolverOptions: resolverOptions, json: json)
            }
        }
    }
}
