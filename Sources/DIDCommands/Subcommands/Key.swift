// swift-did: decentralized identity for Swift. Apache-2.0.

import ArgumentParser
import DIDCore
import DIDCrypto
import DIDKeyStore

extension DIDCommand {
    /// `did key`: manage the encrypted keystore.
    struct Key: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "key",
            abstract: "Manage keys in the encrypted keystore.",
            discussion: """
                Keys live in $DID_KEYSTORE, else $XDG_DATA_HOME/swift-did/keys, else ~/.local/share/swift-did/keys \
                (or --keystore DIR), one encrypted file per key (Specs/keystore.md). Passphrases come from \
                --passphrase-file FILE, the environment variable DID_PASSPHRASE, or a prompt on the terminal. \
                A wrong passphrase or a permission problem exits with 77.
                """,
            subcommands: [
                Generate.self, List.self, Show.self, Export.self, Import.self, Delete.self,
                ChangePassphrase.self,
            ]
        )
    }
}

/// `--keystore DIR`, shared by every command that uses the keystore.
struct KeyStoreOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The keystore folder (default: $DID_KEYSTORE, else $XDG_DATA_HOME/swift-did/keys, else "
                + "~/.local/share/swift-did/keys).",
            valueName: "dir"
        )
    )
    var keystore: String?

    /// The file storage these options select.
    func storage() throws -> FileKeyStorage {
        if let keystore { return FileKeyStorage(directory: keystore) }
        return try FileKeyStorage()
    }

    /// The key store these options select, with the default Argon2id cost.
    func store() throws -> KeyStore {
        KeyStore(storage: try storage())
    }
}

/// `--passphrase-file FILE`, shared by the commands that need a passphrase.
struct PassphraseOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Read the passphrase from the first line of this file (else $DID_PASSPHRASE, else a terminal prompt).",
            valueName: "file"
        )
    )
    var passphraseFile: String?

    /// Where the passphrase comes from.
    var source: PassphraseSource {
        PassphraseSource(file: passphraseFile, environmentVariable: "DID_PASSPHRASE", option: "--passphrase-file")
    }
}

/// A key name argument, validated (Specs/keystore.md §2).
struct KeyNameArgument: ExpressibleByArgument {
    let name: KeyName

    init?(argument: String) {
        guard let name = try? KeyName(argument) else { return nil }
        self.name = name
    }

    static var defaultCompletionKind: CompletionKind { .default }
}

extension StoredKey {
    /// The public description of a stored key that `did key show`, `list --json`, `generate` and `import` print.
    func summary(storage: FileKeyStorage?) -> JSONValue {
        var object: JSONObject = [
            "name": .string(name.value),
            "keyType": .string(keyType.rawValue),
            "did": .string(did.description),
            "created": .string(json["created"]?.stringValue ?? ""),
            "publicKeyMultibase": .string(publicKey.multibaseRepresentation),
            "publicKeyJwk": .object(publicKey.jwkRepresentation),
        ]
        if let storage { object["file"] = .string(storage.path(for: name)) }
        return .object(object)
    }
}

/// Parses a key name, turning a bad one into a usage error that says which rule it breaks.
func parseKeyName(_ text: String) throws -> KeyName {
    do {
        return try KeyName(text)
    } catch {
        throw CommandFailure(.usage, "invalid key name \"\(text)\": \(error.reason)")
    }
}
