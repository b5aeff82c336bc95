// swift-did: decentralized identity for Swift. Apache-2.0.

import ArgumentParser
import DIDCore
import DIDCrypto
import DIDKeyStore
import DIDMethodWeb
import Foundation

extension DIDCommand.Create {
    /// `did create web`: build a did:web DID and document from stored keys, and write the file to publish.
    struct Web: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "web",
            abstract: "Create a did:web DID and DID document from keys in the keystore.",
            discussion: """
                Prints {"did", "url", "file", "didDocument"}: the document must be served at "url". With --out DIR \
                the document is written to DIR/<path>/did.json (DIR/.well-known/did.json without --path), the \
                folder to publish as the web root, and "file" is that path. Each --key becomes a Multikey \
                verification method #key-N (authentication and assertionMethod; X25519 keys keyAgreement). Stored \
                public keys need no passphrase.
                """
        )

        @Option(
            name: .long,
            help: ArgumentHelp(
                "The host, optionally with a port (example.com, localhost:8443).",
                valueName: "host[:port]"
            )
        )
        var host: String

        @Option(name: .long, help: ArgumentHelp("A path below the host, such as users/alice.", valueName: "a/b"))
        var path: String?

        @Option(name: .long, help: ArgumentHelp("A key in the keystore (repeatable, at least one).", valueName: "name"))
        var key: [String] = []

        @Option(
            name: .long,
            help: ArgumentHelp(
                "A service as ID,TYPE,ENDPOINT, such as files,LinkedDomains,https://example.com/ (repeatable).",
                valueName: "service"
            )
        )
        var service: [String] = []

        @Flag(name: .long, help: "Add an X25519 key-agreement method derived from each Ed25519 key.")
        var x25519 = false

        @Option(name: .long, help: ArgumentHelp("Write did.json under this web root folder.", valueName: "dir"))
        var out: String?

        @OptionGroup var keystoreOptions: KeyStoreOptions

        func validate() throws {
            if key.isEmpty { throw ValidationError("give at least one --key") }
            for entry in service where entry.split(separator: ",", maxSplits: 2).count != 3 {
                throw ValidationError("--service must be ID,TYPE,ENDPOINT, not '\(entry)'")
            }
        }

        func run() async throws {
            try await reportingFailures {
                let store = try keystoreOptions.store()
                var keys: [PublicKey] = []
                for name in key { keys.append(try store.key(named: try parseKeyName(name)).publicKey) }
                let services = service.map { entry in
                    let parts = entry.split(separator: ",", maxSplits: 2).map(String.init)
                    let id = parts[0].hasPrefix("#") || parts[0].contains(":") ? parts[0] : "#" + parts[0]
                    return DIDDocument.Service(id: id, type: parts[1], serviceEndpoint: .string(parts[2]))
                }
                let created = try DIDWebMethod.create(
                    host: host,
                    path: path,
                    keys: keys,
                    services: services,
                    deriveKeyAgreement: x25519
                )
                var output: JSONObject = [
                    "did": .string(created.did.description),
                    "url": .string(created.location.url),
                ]
                if let out {
                    let file = URL(fileURLWithPath: out).appendingPathComponent(created.location.filePath)
                    try FileManager.default.createDirectory(
                        at: file.deletingLastPathComponent(),
                        withIntermediateDirectories: true
                    )
                    var bytes = try created.document.json.serialized(.pretty)
                    bytes.append(UInt8(ascii: "\n"))
                    try Data(bytes).write(to: file, options: .atomic)
                    output["file"] = .string(file.path)
                } else {
                    output["file"] = .null
                }
                output["didDocument"] = created.document.json
                try StandardOutput.write(json: .object(output))
            }
        }
    }
}
