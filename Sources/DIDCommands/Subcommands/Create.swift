// swift-did: decentralized identity for Swift. Apache-2.0.

import ArgumentParser
import DIDCore
import DIDCrypto
import DIDKeyStore
import DIDMethodKey
import Foundation

extension DIDCommand {
    /// `did create`: create DIDs.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Create a DID.",
            subcommands: [Key.self, Web.self]
        )
    }
}

extension DIDCommand.Create {
    /// `did create key`: generate a key pair and print its did:key and DID document.
    struct Key: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "key",
            abstract: "Generate a key pair and print its did:key and DID document as JSON.",
            discussion: """
                Prints {"did": …, "didDocument": …}. The private key is never printed: with --private-key-out it is \
                written as a private JWK to a new file with mode 0600; without it, it is discarded. With --key NAME \
                no key is generated: the DID is built from the public key of a key in the keystore (`did key`), \
                which needs no passphrase.
                """
        )

        @Option(
            name: .customLong("type"),
            help: "The key type: \(KeyTypeArgument.allValueStrings.joined(separator: ", ")) (default: ed25519)."
        )
        var typeOption: KeyTypeArgument?

        /// The key type to generate: `--type`, else Ed25519.
        var type: KeyTypeArgument { typeOption ?? .ed25519 }

        @Option(
            name: .long,
            help: ArgumentHelp("Use the public key of this stored key instead of generating one.", valueName: "name")
        )
        var key: String?

        @OptionGroup var keystoreOptions: KeyStoreOptions

        @OptionGroup var documentOptions: DIDKeyDocumentOptions

        @Option(
            name: .long,
            help: ArgumentHelp("Write the private key as a JWK to this new file (mode 0600).", valueName: "file")
        )
        var privateKeyOut: String?

        func validate() throws {
            if key != nil && (typeOption != nil || privateKeyOut != nil) {
                throw ValidationError("--key cannot be combined with --type or --private-key-out")
            }
        }

        func run() async throws {
            try await reportingFailures {
                if let key {
                    let stored = try keystoreOptions.store().key(named: try parseKeyName(key))
                    let did = DIDKeyMethod.did(for: stored.publicKey)
                    let document = try DIDKeyMethod(options: documentOptions.options).document(for: did)
                    let output: JSONObject = ["did": .string(did.description), "didDocument": document.json]
                    try StandardOutput.write(json: .object(output))
                    return
                }
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
