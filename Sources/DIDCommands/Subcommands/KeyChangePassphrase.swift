// swift-did: decentralized identity for Swift. Apache-2.0.

import ArgumentParser
import DIDCore
import DIDCrypto
import DIDKeyStore

extension DIDCommand.Key {
    /// `did key change-passphrase`: re-encrypt a stored key.
    struct ChangePassphrase: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "change-passphrase",
            abstract: "Re-encrypt a stored key under a new passphrase (the file is replaced atomically).",
            discussion: """
                The current passphrase comes from --passphrase-file, DID_PASSPHRASE or the terminal; the new one \
                from --new-passphrase-file, DID_NEW_PASSPHRASE or the terminal (asked twice).
                """
        )

        @Argument(help: "The key's name.")
        var name: String

        @OptionGroup var keystoreOptions: KeyStoreOptions
        @OptionGroup var passphraseOptions: PassphraseOptions

        @Option(
            name: .long,
            help: ArgumentHelp(
                "Read the new passphrase from the first line of this file (else $DID_NEW_PASSPHRASE, else a prompt).",
                valueName: "file"
            )
        )
        var newPassphraseFile: String?

        func run() async throws {
            try await reportingFailures {
                let name = try parseKeyName(name)
                let store = try keystoreOptions.store()
                let stored = try store.key(named: name)
                let old = try passphraseOptions.source.read(
                    prompt: "Current passphrase for \"\(name)\": ",
                    confirming: false
                )
                // Check the current passphrase before asking for a new one.
                _ = try stored.privateKey(passphrase: old)
                let new = try PassphraseSource(
                    file: newPassphraseFile,
                    environmentVariable: "DID_NEW_PASSPHRASE",
                    option: "--new-passphrase-file"
                ).read(prompt: "New passphrase for \"\(name)\": ", confirming: true)
                let changed = try store.changePassphrase(named: name, from: old, to: new)
                try StandardOutput.write(json: changed.summary(storage: try keystoreOptions.storage()))
            }
        }
    }
}
