// swift-did: decentralized identity for Swift. Apache-2.0.

import ArgumentParser
import DIDCore
import DIDCrypto
import DIDKeyStore

extension DIDCommand.Key {
    /// `did key export`: a stored key as a JWK or a Multikey.
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Print a stored key as a JWK or a Multikey (JSON); --private includes the secret.",
            discussion: """
                Without --private only the public key is printed and no passphrase is needed. With --private the \
                passphrase is needed, the secret is printed unencrypted (JWK "d", Multikey "secretKeyMultibase") \
                and a one-line warning goes to stderr.
                """
        )

        /// The `--format` values.
        enum Format: String, ExpressibleByArgument, CaseIterable {
            case jwk, multikey
        }

        @Argument(help: "The key's name.")
        var name: String

        @Option(name: .long, help: "jwk or multikey.")
        var format: Format = .jwk

        @Flag(name: .long, help: "Include the private key (asks for the passphrase).")
        var `private` = false

        @OptionGroup var keystoreOptions: KeyStoreOptions
        @OptionGroup var passphraseOptions: PassphraseOptions

        private func decrypt(_ stored: StoredKey) throws -> PrivateKey {
            let passphrase = try passphraseOptions.source.read(
                prompt: "Passphrase for \"\(stored.name)\": ",
                confirming: false
            )
            return try stored.privateKey(passphrase: passphrase)
        }

        func run() async throws {
            try await reportingFailures {
                let name = try parseKeyName(name)
                let store = try keystoreOptions.store()
                let stored = try store.key(named: name)
                let key = try `private` ? decrypt(stored) : nil
                let output: JSONObject
                switch format {
                case .jwk:
                    output = key?.jwkRepresentation(includingPrivate: true) ?? stored.publicKey.jwkRepresentation
                case .multikey:
                    let publicMultibase = stored.publicKey.multibaseRepresentation
                    var multikey: JSONObject = [
                        "@context": "https://w3id.org/security/multikey/v1",
                        "id": .string(stored.did.description + "#" + publicMultibase),
                        "type": "Multikey",
                        "controller": .string(stored.did.description),
                        "publicKeyMultibase": .string(publicMultibase),
                    ]
                    if let key { multikey["secretKeyMultibase"] = .string(key.multibaseRepresentation) }
                    output = multikey
                }
                if key != nil {
                    StandardError.write(
                        "warning: the output contains the private key of \"\(name)\" unencrypted; keep it secret"
                    )
                }
                try StandardOutput.write(json: .object(output))
            }
        }
    }
}
