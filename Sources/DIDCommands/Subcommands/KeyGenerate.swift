// swift-did: decentralized identity for Swift. Apache-2.0.

import ArgumentParser
import DIDCrypto
import DIDKeyStore

extension DIDCommand.Key {
    /// `did key generate`: create a key and store it encrypted.
    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "generate",
            abstract: "Generate a key and store it encrypted under a new name; prints its public forms as JSON."
        )

        @Option(name: .long, help: "The key type: \(KeyTypeArgument.allValueStrings.joined(separator: ", ")).")
        var type: KeyTypeArgument = .ed25519

        @Option(name: .long, help: "The new key's name (letters, digits, '.', '_', '-'; at most 64).")
        var name: String

        @OptionGroup var keystoreOptions: KeyStoreOptions
        @OptionGroup var passphraseOptions: PassphraseOptions

        func run() async throws {
            try await reportingFailures {
                let name = try parseKeyName(name)
                let store = try keystoreOptions.store()
                try requireNew(name, in: store)
                let passphrase = try passphraseOptions.source.read(
                    prompt: "Passphrase for the new key \"\(name)\": ",
                    confirming: true
                )
                let stored = try store.generate(type.keyType, named: name, passphrase: passphrase)
                try StandardOutput.write(json: stored.summary(storage: try keystoreOptions.storage()))
            }
        }
    }
}

/// Fails early, before asking for a passphrase, when `name` is taken.
func requireNew(_ name: KeyName, in store: KeyStore) throws {
    let result = Result { () throws(KeyStoreError) -> [UInt8] in try store.storage.read(name) }
    switch result {
    case .success:
        throw KeyStoreError(.keyExists, "a key named \"\(name)\" already exists; it is never overwritten")
    case .failure(let error):
        guard error.code == .keyNotFound else { throw error }
    }
}
