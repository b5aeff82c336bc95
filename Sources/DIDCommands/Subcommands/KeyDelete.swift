// swift-did: decentralized identity for Swift. Apache-2.0.

import ArgumentParser
import DIDCore
import DIDCrypto
import DIDKeyStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension DIDCommand.Key {
    /// `did key delete`: remove a stored key.
    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "delete",
            abstract: "Delete a stored key (asks for confirmation on a terminal; --yes for scripts).",
            discussion: """
                Without --yes the command asks on the terminal, and refuses (exit 64) when standard input is not a \
                terminal. Prints {"deleted": NAME, "did": …}.
                """
        )

        @Argument(help: "The key's name.")
        var name: String

        @Flag(name: .long, help: "Do not ask for confirmation.")
        var yes = false

        @OptionGroup var keystoreOptions: KeyStoreOptions

        func run() async throws {
            try await reportingFailures {
                let name = try parseKeyName(name)
                let store = try keystoreOptions.store()
                let stored = try store.key(named: name)
                if !yes {
                    guard isatty(STDIN_FILENO) == 1, let terminal = Terminal() else {
                        throw CommandFailure(
                            .usage,
                            "refusing to delete \"\(name)\" without confirmation: standard input is not a terminal; "
                                + "pass --yes"
                        )
                    }
                    defer { terminal.close() }
                    let answer = terminal.readLine(
                        prompt: "Delete the key \"\(name)\" (\(stored.did))? This cannot be undone. [y/N] "
                    )
                    guard ["y", "yes"].contains(answer.lowercased()) else {
                        throw CommandFailure(.negative, "not deleted")
                    }
                }
                try store.delete(named: name)
                let output: JSONObject = ["deleted": .string(name.value), "did": .string(stored.did.description)]
                try StandardOutput.write(json: .object(output))
            }
        }
    }
}
