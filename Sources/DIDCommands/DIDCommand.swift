// swift-did: decentralized identity for Swift. Apache-2.0.

public import ArgumentParser

/// The root of the `did` command line tool.
///
/// Every subcommand lives in its own file under `Subcommands/` as an extension of this type.
/// Exit codes follow ``ExitStatus`` for every command.
public struct DIDCommand: AsyncParsableCommand {
    /// The tool's version, printed by `did --version`.
    public static let version = "0.1.0"

    /// The command's name, abstract, version and subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "did",
        abstract: "Keys, decentralized identifiers, credentials and account migrations.",
        version: version,
        subcommands: [
            Create.self, Resolve.self, Dereference.self, Key.self, Credential.self, Presentation.self, Migrate.self,
        ]
    )

    /// Creates the command; ArgumentParser fills in its options.
    public init() {}
}
