// swift-did: decentralized identity for Swift. Apache-2.0.

import ArgumentParser
import DIDCore
import DIDCrypto
import DIDKeyStore
import Foundation

extension DIDCommand.Key {
    /// `did key import`: store an existing private key encrypted.
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Store a private key (a private JWK or a Multikey) encrypted under a new name.",
            discussion: """
                FILE (or - for standard input) holds a private JWK (with "d"; RFC 7517/8037), a Multikey object \
                with "secretKeyMultibase", or a bare secretKeyMultibase value (z…). Public-only keys are refused, \
                and so is a key whose public part does not match its private part.
                """
        )

        @Argument(help: ArgumentHelp("The key file, or - for standard input.", valueName: "file"))
        var file: String

        @Option(name: .long, help: "The new key's name (letters, digits, '.', '_', '-'; at most 64).")
        var name: String

        @OptionGroup var keystoreOptions: KeyStoreOptions
        @OptionGroup var passphraseOptions: PassphraseOptions

        func run() async throws {
            try await reportingFailures {
                let name = try parseKeyName(name)
                let store = try keystoreOptions.store()
                try requireNew(name, in: store)
                var input = try readInput()
                defer { PassphraseSource.wipe(&input) }
                let key = try Self.privateKey(from: input)
                let passphrase = try passphraseOptions.source.read(
                    prompt: "Passphrase for the imported key \"\(name)\": ",
                    confirming: true
                )
                let stored = try store.add(key, named: name, passphrase: passphrase)
                try StandardOutput.write(json: stored.summary(storage: try keystoreOptions.storage()))
            }
        }

        private func readInput() throws -> [UInt8] {
            if file == "-" {
                return Array(FileHandle.standardInput.readDataToEndOfFile())
            }
            do {
                return Array(try Data(contentsOf: URL(fileURLWithPath: file)))
            } catch {
                throw CommandFailure(error)
            }
        }

        /// Reads a private key from a JWK, a Multikey object or a bare `secretKeyMultibase`.
        static func privateKey(from input: [UInt8]) throws -> PrivateKey {
            let text = String(decoding: input, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if text.hasPrefix("z") {
                return try PrivateKey(multibase: text)
            }
            guard text.hasPrefix("{") else {
                throw CommandFailure(
                    .malformedInput,
                    "the input is neither a JSON object (JWK or Multikey) nor a secretKeyMultibase value"
                )
            }
            guard let object = try JSONValue(parsing: text).objectValue else {
                throw CommandFailure(.malformedInput, "the input is not a JSON object")
            }
            if object["kty"] != nil {
                guard object["d"] != nil else {
                    throw CommandFailure(
                        .malformedInput,
                        "the JWK has no private member \"d\": it is a public key, and only private keys can be imported"
                    )
                }
                return try PrivateKey(jwk: object)
            }
            if let secret = object["secretKeyMultibase"] {
                guard let secretText = secret.stringValue else {
                    throw CommandFailure(.malformedInput, "\"secretKeyMultibase\" must be a string")
                }
                let key = try PrivateKey(multibase: secretText)
                if let publicText = object["publicKeyMultibase"] {
                    guard publicText.stringValue == key.publicKey.multibaseRepresentation else {
                        throw CommandFailure(
                            .malformedInput,
                            "the Multikey's \"publicKeyMultibase\" is not the public key of its \"secretKeyMultibase\""
                        )
                    }
                }
                return key
            }
            if object["publicKeyMultibase"] != nil {
                throw CommandFailure(
                    .malformedInput,
                    "the Multikey has no \"secretKeyMultibase\": it is a public key, and only private keys can be "
                        + "imported"
                )
            }
            throw CommandFailure(
                .malformedInput,
                "the JSON object is neither a JWK (\"kty\") nor a Multikey (\"secretKeyMultibase\")"
            )
        }
    }
}
