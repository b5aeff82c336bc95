// swift-did: decentralized identity for Swift. Apache-2.0.

import ArgumentParser
import DIDCore
import DIDCredentials
import DIDCrypto
import DIDKeyStore
import Foundation

extension DIDCommand {
    /// `did vp`: issue and verify verifiable presentations.
    struct Presentation: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "vp",
            abstract: "Present credentials (Data Integrity or vp+jwt) and verify presentations.",
            subcommands: [Issue.self, Verify.self]
        )
    }
}

extension DIDCommand.Presentation {
    /// `did vp issue`: wrap credentials in a presentation signed by the holder.
    struct Issue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "issue",
            abstract: "Present credentials: a presentation holding them, signed with a stored key for authentication.",
            discussion: """
                JSON credentials are embedded as they are; JWT credentials (vc+jwt) as EnvelopedVerifiableCredential. \
                The holder is the key's did:key. The default format is Data Integrity with the key's JCS suite \
                (eddsa-jcs-2022 for Ed25519, ecdsa-jcs-2019 for P-256/P-384); vc-jwt makes a vp+jwt.
                """
        )

        @Argument(help: "The credentials (files; - reads standard input once).")
        var credentials: [String] = []

        @Option(name: .long, help: "The stored key's name.")
        var key: String

        @Option(
            name: .long,
            help: "di-eddsa-jcs-2022, di-ecdsa-jcs-2019 or vc-jwt (default: Data Integrity for the key)."
        )
        var format: CredentialFormat?

        @Option(name: .long, help: "The verifier's challenge.")
        var challenge: String?

        @Option(name: .long, help: "The verifier's domain.")
        var domain: String?

        @Option(name: .long, help: ArgumentHelp("The verification method (DID URL) of the key.", valueName: "didurl"))
        var vm: String?

        @OptionGroup var keystoreOptions: KeyStoreOptions
        @OptionGroup var passphraseOptions: PassphraseOptions

        func run() async throws {
            try await reportingFailures {
                try await translatingCredentialErrors {
                    var embedded: [JSONValue] = []
                    for path in credentials {
                        let bytes = try readInput(path)
                        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(
                            in: .whitespacesAndNewlines
                        )
                        if text.hasPrefix("ey") {
                            embedded.append([
                                "@context": "https://www.w3.org/ns/credentials/v2",
                                "id": .string("data:application/vc+jwt," + text),
                                "type": "EnvelopedVerifiableCredential",
                            ])
                        } else {
                            embedded.append(.object(try readJSONObject(path, what: "credential")))
                        }
                    }
                    let signer = try CredentialSigner(
                        name: key,
                        verificationMethod: vm,
                        keystore: keystoreOptions,
                        passphrase: passphraseOptions
                    )
                    var presentation: JSONObject = [
                        "@context": ["https://www.w3.org/ns/credentials/v2"],
                        "type": ["VerifiablePresentation"],
                        "holder": .string(signer.did.description),
                    ]
                    if !embedded.isEmpty { presentation["verifiableCredential"] = .array(embedded) }
                    let chosen: CredentialFormat
                    switch (format, signer.key.keyType) {
                    case (let format?, _): chosen = format
                    case (nil, .ed25519): chosen = .diEddsaJcs2022
                    case (nil, .p256), (nil, .p384): chosen = .diEcdsaJcs2019
                    default: chosen = .vcJWT
                    }
                    if let suite = chosen.cryptosuite {
                        guard suite.keyTypes.contains(signer.key.keyType) else {
                            throw CommandFailure(
                                .usage,
                                "\(chosen.rawValue) cannot sign with a \(signer.key.keyType) key"
                            )
                        }
                        let options = ProofOptions(
                            cryptosuite: suite,
                            verificationMethod: signer.verificationMethod,
                            proofPurpose: .authentication,
                            created: Date(),
                            domain: domain.map { [$0] },
                            challenge: challenge
                        )
                        let secured = try DataIntegrity.addProof(to: presentation, options: options, key: signer.key)
                        try StandardOutput.write(json: .object(secured))
                    } else if chosen == .vcJWT {
                        let jwt = try JOSE.secure(
                            presentation: presentation,
                            key: signer.key,
                            keyID: signer.verificationMethod,
                            audience: domain,
                            nonce: challenge
                        )
                        try StandardOutput.write(line: jwt)
                    } else {
                        throw CommandFailure(
                            .usage,
                            "presentations are issued as di-eddsa-jcs-2022, di-ecdsa-jcs-2019 or vc-jwt"
                        )
                    }
                }
            }
        }
    }

    /// `did vp verify`: verify a presentation and the credentials in it.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Verify a presentation and its credentials; exit 0 when verified, 1 when not."
        )

        @Argument(help: "The presentation; - or nothing reads standard input.")
        var file: String = "-"

        @Option(name: .long, help: "The challenge the presentation must carry.")
        var challenge: String?

        @Option(name: .long, help: "The domain the presentation must carry.")
        var domain: String?

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
                        var result = verification.result
                        if let challenge, verification.document?["nonce"] != .string(challenge) {
                            result.problems.append(VerificationProblem(.invalidChallenge, "nonce is not the challenge"))
                        }
                        if let domain, verification.document?["aud"] != .string(domain) {
                            result.problems.append(VerificationProblem(.invalidDomain, "aud is not the domain"))
                        }
                        try report(result, document: verification.document, json: json)
                    } else {
                        let presentation = try VerifiablePresentation(bytes: bytes)
                        let result = await presentation.verify(
                            resolver: resolver,
                            challenge: challenge,
                            domain: domain.map { [$0] },
                            now: now
                        )
                        try report(result, document: presentation.json, json: json)
                    }
                }
            }
        }
    }
}
