// swift-did: decentralized identity for Swift. Apache-2.0.

import ArgumentParser
import DIDCore
import DIDCrypto
import DIDKeyStore

extension DIDCommand.Key {
    /// `did key show`: the public forms of a stored key.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Print a stored key's public forms as JSON: Multikey, JWK and did:key (no passphrase needed)."
        )

        @Argument(help: "The key's name.")
        var name: String

        @OptionGroup var keystoreOptions: KeyStoreOptions

        func run() async throws {
            try await reportingFailures {
                let storage = try keystoreOptions.storage()
                let stored = try KeyStore(storage: storage).key(named: try parseKeyName(name))
                try StandardOutput.write(json: stored.summary(storage: storage))
            }
        }
    }
}
