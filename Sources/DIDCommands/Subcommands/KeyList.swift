// swift-did: decentralized identity for Swift. Apache-2.0.

import ArgumentParser
import DIDCore
import DIDCrypto
import DIDKeyStore

extension DIDCommand.Key {
    /// `did key list`: the stored keys, without a passphrase.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the stored keys (no passphrase needed).",
            discussion: "Prints one line per key (name, type, DID), or with --json an array of objects."
        )

        @Flag(name: .long, help: "Print a JSON array instead of lines.")
        var json = false

        @OptionGroup var keystoreOptions: KeyStoreOptions

        func run() async throws {
            try await reportingFailures {
                let storage = try keystoreOptions.storage()
                let keys = try KeyStore(storage: storage).list()
                if json {
                    try StandardOutput.write(json: .array(keys.map { $0.summary(storage: storage) }))
                } else {
                    for key in keys {
                        try StandardOutput.write(line: "\(key.name)\t\(key.keyType.rawValue)\t\(key.did)")
                    }
                }
            }
        }
    }
}
