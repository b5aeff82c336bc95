// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDTestSupport
import Foundation
import Testing

/// `did create web`, then serving the written folder over real local HTTPS, then `did resolve` and
/// `did dereference` in fresh processes.
@Suite("did create web / did resolve did:web / did dereference (the built binary)", .serialized)
struct WebCommandTests {
    @Test("create web → serve over HTTPS → resolve gives the same document; without --allow-private-network: SSRF")
    func createServeResolve() async throws {
        let scratch = try CLIScratchDirectory()
        let environment: [String: String?] = ["DID_KEYSTORE": scratch.path("keys"), "DID_PASSPHRASE": "pass phrase"]
        try await CLI.run(["key", "generate", "--type", "ed25519", "--name", "main"], environment: environment)
            .expectSuccess()
        try await CLI.run(["key", "generate", "--type", "p256", "--name", "second"], environment: environment)
            .expectSuccess()
        let root = scratch.path("www")
        let server = try LocalHTTPSServer(routes: [:], root: root)
        defer { server.stop() }
        let created = try await CLI.run(
            [
                "create", "web", "--host", "localhost:\(server.port)", "--key", "main", "--key", "second",
                "--service", "files,LinkedDomains,https://files.example/base/", "--x25519", "--out", root,
            ],
            environment: environment
        )
        created.expectSuccess()
        let output = try #require(try created.json().objectValue, "\(created)")
        #expect(output.keys == ["did", "url", "file", "didDocument"])
        let did = "did:web:localhost%3A\(server.port)"
        #expect(output["did"] == .string(did))
        #expect(output["url"] == .string("https://localhost:\(server.port)/.well-known/did.json"))
        let file = try #require(output["file"]?.stringValue)
        #expect(file.hasSuffix("www/.well-known/did.json"))
        let written = try JSONValue(parsing: Data(contentsOf: URL(fileURLWithPath: file)))
        #expect(written == output["didDocument"])
        let document = try DIDDocument(json: written)
        #expect(document.verificationMethod.count == 3)
        #expect(document.keyAgreement == [.reference(did + "#key-0-x25519")])

        let network = ["--ca-file", server.ca.caFile, "--allow-private-network", "--cache-dir", scratch.path("cache")]
        let resolved = try await CLI.run(["resolve", did] + network)
        resolved.expectSuccess()
        #expect(try resolved.json() == written)

        let refused = try await CLI.run(["resolve", did, "--ca-file", server.ca.caFile, "--no-cache"])
        let line = refused.expectFailure(77)
        #expect(line.contains("SSRF") && line.contains("loopback"), "\(line)")

        let method = try await CLI.run(["dereference", did + "#key-1", "--relationship", "assertionMethod"] + network)
        method.expectSuccess()
        #expect(try method.json()["type"] == "Multikey")
        let endpoints = try await CLI.run(
            ["dereference", did + "?service=files&relativeRef=docs%2Fa.json", "--accept", "text/uri-list"] + network
        )
        endpoints.expectSuccess()
        #expect(endpoints.standardOutput == "https://files.example/base/docs/a.json\n")
        let wrongRelationship = try await CLI.run(
            ["dereference", did + "#key-0-x25519", "--relationship", "authentication"] + network
        )
        wrongRelationship.expectFailure(1)

        // --did-document: the same answer with the server gone.
        server.stop()
        let pinned = try await CLI.run(["resolve", did, "--did-document", file, "--cache-dir", scratch.path("other")])
        pinned.expectSuccess()
        #expect(try pinned.json() == written)
        // With the origin gone and no cache, the failure is the network's: exit 74 (I/O), not 1 (an answer).
        let offline = try await CLI.run(["resolve", did, "--no-cache"] + network)
        let offlineLine = offline.expectFailure(74)
        #expect(offlineLine.contains("connectionFailed"), "\(offlineLine)")
    }

    @Test("create web refuses IP hosts and missing keys")
    func createRefusals() async throws {
        let scratch = try CLIScratchDirectory()
        let environment: [String: String?] = ["DID_KEYSTORE": scratch.path("keys"), "DID_PASSPHRASE": "pass phrase"]
        try await CLI.run(["key", "generate", "--name", "main"], environment: environment).expectSuccess()
        let ip = try await CLI.run(["create", "web", "--host", "127.0.0.1", "--key", "main"], environment: environment)
        #expect(ip.status != 0)
        #expect(ip.standardError.contains("IP address"), "\(ip)")
        let noKey = try await CLI.run(["create", "web", "--host", "example.com"], environment: environment)
        #expect(noKey.status == 64, "\(noKey)")
    }

    @Test(
        "Specs/resolver.md §3.8 cache across processes: miss, then a hit from the SQLite tier; stale served when the origin is down"
    )
    func cacheAcrossProcesses() async throws {
        let scratch = try CLIScratchDirectory()
        func document(_ suffix: String) -> String {
            let did = "did:web:localhost%3A{PORT}" + suffix
            return #"{"id":"\#(did)","verificationMethod":[{"id":"\#(did)#k","type":"Multikey","controller":"\#(did)","#
                + #""publicKeyMultibase":"z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"}]}"#
        }
        let server = try LocalHTTPSServer(routes: [
            "/.well-known/did.json": .init(body: document("")),
            "/nc/did.json": .init(headers: ["Cache-Control": "no-cache", "ETag": "\"1\""], body: document(":nc")),
        ])
        defer { server.stop() }
        let options = [
            "--ca-file", server.ca.caFile, "--allow-private-network", "--cache-dir", scratch.path("cache"), "--trace",
        ]
        let did = server.did()
        let first = try await CLI.run(["resolve", did] + options)
        #expect(first.status == 0, "\(first)")
        #expect(first.standardError.contains("cache=miss"), "\(first)")
        #expect(first.standardError.contains("http=200"), "\(first)")
        let second = try await CLI.run(["resolve", did] + options)
        #expect(second.status == 0, "\(second)")
        #expect(second.standardError.contains("cache=hit"), "\(second)")
        #expect(second.standardError.contains("tier=disk"), "\(second)")
        #expect(!second.standardError.contains("http="), "a hit asks the origin nothing: \(second)")
        #expect(try second.json() == first.json())

        let noCacheDID = server.did(["nc"])
        let fetched = try await CLI.run(["resolve", noCacheDID] + options)
        #expect(fetched.status == 0, "\(fetched)")
        let revalidated = try await CLI.run(["resolve", noCacheDID] + options)
        #expect(revalidated.standardError.contains("cache=revalidated"), "\(revalidated)")
        #expect(revalidated.standardError.contains("http=304"), "\(revalidated)")
        server.stop()
        let stale = try await CLI.run(["resolve", noCacheDID, "--result"] + options)
        #expect(stale.status == 0, "\(stale)")
        #expect(stale.standardError.contains("cache=stale"), "\(stale)")
        #expect(try stale.json()["didResolutionMetadata"]?["cache"]?["stale"] == true)
        #expect(try stale.json()["didDocument"] == fetched.json())
        // --no-cache with the origin down: a network failure, exit 74 (EX_IOERR), not a negative answer.
        let bypass = try await CLI.run(["resolve", noCacheDID, "--no-cache"] + options)
        #expect(bypass.status == 74, "\(bypass)")
    }

    @Test("--resolver-url: a method that is not built in is resolved by a remote Universal Resolver")
    func remoteResolverURL() async throws {
        let server = try LocalHTTPSServer(routes: [
            "/1.0/identifiers/did%3Aexample%3A123": .init(
                body: #"{"didDocument":{"id":"did:example:123"},"didResolutionMetadata":{},"didDocumentMetadata":{}}"#
            )
        ])
        defer { server.stop() }
        let network = ["--ca-file", server.ca.caFile, "--allow-private-network"]
        let resolved = try await CLI.run(
            ["resolve", "did:example:123", "--resolver-url", "https://localhost:\(server.port)"] + network
        )
        resolved.expectSuccess()
        #expect(try resolved.json() == ["id": "did:example:123"])
        let without = try await CLI.run(["resolve", "did:example:123"] + network)
        without.expectFailure(1, linePrefix: "methodNotSupported")
    }
}
