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
                The holder is the DID of the verification method (the key's did:key by default), which must be \
                listed under authentication in the holder's DID document. The default format is Data Integrity with \
                the key's JCS suite (eddsa-jcs-2022 for Ed25519, ecdsa-jcs-2019 for P-256/P-384); vc-jwt makes a \
                vp+jwt.
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
        @OptionGroup var resolverOptions: ResolverOptions

        func run() async throws {
            try await reportingFailures {
                var embedded: [SecuredDocument] = []
                for path in credentials {
                    embedded.append(try SecuredDocument(bytes: try readInput(path)))
                }
                let signer = try IssuanceSigner(
                    name: key,
                    verificationMethod: vm,
                    keystore: keystoreOptions,
                    passphrase: passphraseOptions
                )
                try format?.checkKeyType(of: signer)
                let issuing = CredentialIssuer(resolver: try resolverOptions.resolver())
                try write(
                    try await issuing.present(
                        embedded,
                        format: format?.securingFormat,
                        signer: signer,
                        challenge: challenge,
                        domain: domain
                    )
                )
            }
        }
    }

    /// `did vp verify`: verify a presentation and the credentials in it.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Verify a presentation and its credentials; exit 0 when verified, 1 when not.",
            discussion: "Input that is not a JWS or a JSON presentation exits 65."
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
                try await verifySecured(
                    file,
                    as: .presentation,
                    resolverOptions: resolverOptions,
                    challenge: challenge,
                    domain: domain,
                    json: json
                )
            }
        }
    }
}
