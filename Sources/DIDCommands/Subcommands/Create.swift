// swift-did: decentralized identity for Swift. Apache-2.0.

import ArgumentParser
import DIDCore
import DIDCrypto
import DIDMethodKey
import Foundation

extension DIDCommand {
    /// `did create`: create DIDs.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a DID.",
            subcommands: [Key.self]
        )
    }
}

extension DIDCommand.Create {
    /// `did create key`: generate a key pair and print its did:key and DID document.
    struct Key: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate a key pair and print its did:key and DID document as JSON.",
            discussion: """
                Prints {"did": …, "didDocument": …}. The private key is never printed: with --private-key-out it is \
                written as a private JWK to a new file with mode 0600; without it, it is discarded.
                """
        )

        @Option(name: .long, help: "The key type: \(KeyTypeArgument.allValueStrings.joined(separator: ", ")).")
        var type: KeyTypeArgument = .ed25519

        @OptionGroup var documentOptions: DIDKeyDocumentOptions

        @Option(
            name: .long,
            help: ArgumentHelp("Write the private key as a JWK to this new file (mode 0600).", valueName: "file")
        )
        var privateKeyOut: String?

        func run() async throws {
            try await reportingFailures {
                let key = PrivateKey.generate(type.keyType)
                let did = DIDKeyMethod.did(for: key.publicKey)
                let document = try DIDKeyMethod(options: documentOptions.options).document(for: did)
                if let privateKeyOut {
                    let jwk = key.jwkRepresentation(includingPrivate: true)
                    var bytes = try JSONValue.object(jwk).serialized(.pretty)
                    bytes.append(UInt8(ascii: "\n"))
                    try SecretFile.create(at: privateKeyOut, contents: bytes)
                }
                let output: JSONObject = ["did": .string(did.description), "didDocument": document.json]
                try StandardOutput.write(json: .object(output))
            }
        }
    }
}

/// The `--type` values.
enum KeyTypeArgument: String, ExpressibleByArgument, CaseIterable {
    case ed25519, x25519, secp256k1, p256, p384, p521

    /// The DIDCrypto key type.
    var keyType: KeyType {
        switch self {
        case .ed25519: .ed25519
        case .x25519: .x25519
        case .secp256k1: .secp256k1
        case .p256: .p256
        case .p384: .p384
        case .p521: .p521
        }
    }
}

/// The did:key document options shared by `did create key` and `did resolve`.
struct DIDKeyDocumentOptions: ParsableArguments {
    /// The `--format` values.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case multikey
        case jwk
        case ed25519_2020 = "ed25519-2020"

        var verificationMethodType: VerificationMethodType {
            switch self {
            case .multikey: .multikey
            case .jwk: .jsonWebKey2020
            case .ed25519_2020: .ed25519VerificationKey2020
            }
        }
    }

    @Option(
        name: .long,
        help: "Verification method format: multikey (default), jwk (JsonWebKey2020), ed25519-2020 (Ed25519 only)."
    )
    var format: Format = .multikey

    @Flag(name: .long, help: "Do not derive an X25519 key-agreement key from an Ed25519 key.")
    var noDeriveX25519 = false

    /// The did:key creation options these flags select.
    var options: DIDKeyMethod.Options {
        var options = DIDKeyMethod.Options()
        options.publicKeyFormat = format.verificationMethodType
        options.enableEncryptionKeyDerivation = !noDeriveX25519
        return options
    }
}
