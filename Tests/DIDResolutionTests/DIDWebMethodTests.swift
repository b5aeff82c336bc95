// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDCrypto
import DIDMethodWeb
import Synchronization
import Testing

/// A fetcher that answers from a table, counting requests; for the method's own rules (the real HTTPS fetcher is
/// tested in `CurlFetcherTests`).
final class WebTableFetcher: DIDWebFetcher {
    private let table: [String: Result<DIDWebResponse, DIDWebFetchError>]
    private let requestURLs = Mutex<[String]>([])

    init(_ table: [String: Result<DIDWebResponse, DIDWebFetchError>]) { self.table = table }

    var requests: [String] { requestURLs.withLock { $0 } }

    func fetch(_ request: DIDWebRequest) async throws(DIDWebFetchError) -> DIDWebResponse {
        requestURLs.withLock { $0.append(request.location.url) }
        guard let answer = table[request.location.url] else { return DIDWebResponse(status: 404) }
        return try answer.get()
    }
}

@Suite("did:web method")
struct DIDWebMethodTests {
    static let mappings: [(String, String, String)] = [
        ("did:web:w3c-ccg.github.io", "https://w3c-ccg.github.io/.well-known/did.json", ".well-known/did.json"),
        (
            "did:web:w3c-ccg.github.io:user:alice", "https://w3c-ccg.github.io/user/alice/did.json",
            "user/alice/did.json"
        ),
        (
            "did:web:example.com%3A3000:user:alice", "https://example.com:3000/user/alice/did.json",
            "user/alice/did.json"
        ),
        ("did:web:example.com%3a3000", "https://example.com:3000/.well-known/did.json", ".well-known/did.json"),
        (
            "did:web:example.com:path:some%2Bsubpath", "https://example.com/path/some+subpath/did.json",
            "path/some+subpath/did.json"
        ),
        ("did:web:example.com:a%20b", "https://example.com/a%20b/did.json", "a b/did.json"),
        ("did:web:xn--bcher-kva.example", "https://xn--bcher-kva.example/.well-known/did.json", ".well-known/did.json"),
    ]

    @Test("did:web spec §3.2 steps 1–5: DID → URL and file path", arguments: mappings)
    func didToURL(did: String, url: String, file: String) throws {
        let location = try DIDWebURL(did: DID(did))
        #expect(location.url == url)
        #expect(location.filePath == file)
        // The way back: URL → the same location.
        #expect(try DIDWebURL(url: url) == location)
    }

    @Test("did:web spec §3.2: DID → URL → DID is the identity for canonical DIDs")
    func roundTrip() throws {
        for did in ["did:web:example.com", "did:web:example.com%3A8443:u:bob", "did:web:example.com:a%20b"] {
            #expect(try DIDWebURL(did: DID(did)).did.description == did)
        }
    }

    static let refused: [(String, String)] = [
        ("did:web:127.0.0.1", "IPv4 literal (did:web spec §3.1: MUST NOT include IP addresses)"),
        ("did:web:127.0.0.1%3A8443", "IPv4 literal with port"),
        ("did:web:2130706433", "integer IPv4 form"),
        ("did:web:0x7f.1", "hex IPv4 form"),
        ("did:web:%5B..1%5D", "bracketed IPv6 (only %3A may be escaped in the host)"),
        ("did:web:example.com%2Fevil", "%2F in the host"),
        ("did:web:example.com%3A", "empty port"),
        ("did:web:example.com%3Ahttp", "non-numeric port"),
        ("did:web:example.com%3A70000", "port out of range"),
        ("did:web:example.com%3A0", "port zero"),
        ("did:web:example.com::alice", "empty path segment"),
        ("did:web:example.com:..:etc", "dot-dot segment"),
        ("did:web:example.com:%2E%2E", "encoded dot-dot segment"),
        ("did:web:example.com:a%2Fb", "encoded slash in a segment"),
        ("did:web:example.com:%FF", "segment that is not UTF-8"),
        ("did:web:-bad.example", "label starting with a hyphen"),
        ("did:web:exa_mple.com", "underscore in the host"),
        ("did:web:example..com", "empty label"),
    ]

    @Test(
        "did:web spec §3.1 and Specs/resolver.md §2.2: malformed or IP-literal DIDs are INVALID_DID",
        arguments: refused
    )
    func refusedDIDs(did: String, why: String) throws {
        #expect(throws: ResolutionError(.invalidDid), "\(why)") { try DIDWebURL(did: DID(did)) }
    }

    static let document = """
        {"@context":["https://www.w3.org/ns/did/v1","https://w3id.org/security/multikey/v1"],
         "id":"did:web:example.com",
         "verificationMethod":[{"id":"did:web:example.com#key-0","type":"Multikey",
           "controller":"did:web:example.com","publicKeyMultibase":"z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"}],
         "authentication":["did:web:example.com#key-0"]}
        """

    @Test("did:web spec §3.2 step 7: a matching document resolves; content type follows @context")
    func resolvesDocument() async throws {
        let fetcher = WebTableFetcher([
            "https://example.com/.well-known/did.json": .success(
                DIDWebResponse(status: 200, body: Array(Self.document.utf8))
            )
        ])
        let result = try await DIDWebMethod(fetcher: fetcher).resolve(DID("did:web:example.com"))
        #expect(result.didDocument?.id.description == "did:web:example.com")
        #expect(result.didResolutionMetadata.contentType == DIDMediaType.didLDJSON)
        #expect(fetcher.requests == ["https://example.com/.well-known/did.json"])
    }

    static let badDocuments: [(String, String)] = [
        (#"{"id":"did:web:other.com"}"#, "id mismatch (did:web spec §3.2 step 7)"),
        (#"["did:web:example.com"]"#, "not an object"),
        (#"{"id":"did:web:example.com","id":"did:web:example.com"}"#, "duplicate key (RFC 7493 §2.3)"),
        ("<html>oops</html>", "not JSON"),
        (
            ##"{"id":"did:web:example.com","verificationMethod":[{"id":"#k","type":"Multikey","##
                + ##""controller":"did:web:example.com","publicKeyMultibase":"z6Mk"}]}"##,
            "relative verification method id (did:web spec §3.3)"
        ),
        (##"{"id":"did:web:example.com","authentication":["#k"]}"##, "relative relationship reference"),
        (
            ##"{"id":"did:web:example.com","service":[{"id":"#s","type":"X","serviceEndpoint":"https://a.example"}]}"##,
            "relative service id"
        ),
        (
            #"{"id":"did:web:example.com","x":{"jwk":{"kty":"OKP","crv":"Ed25519","x":"AA","d":"AA"}}}"#,
            "private JWK member d anywhere in the document"
        ),
    ]

    @Test("Specs/resolver.md §2.6 did:web document checks: INVALID_DID_DOCUMENT", arguments: badDocuments)
    func refusesDocuments(body: String, why: String) async throws {
        let fetcher = WebTableFetcher([
            "https://example.com/.well-known/did.json": .success(DIDWebResponse(status: 200, body: Array(body.utf8)))
        ])
        await #expect(throws: ResolutionError(.invalidDidDocument), "\(why)") {
            try await DIDWebMethod(fetcher: fetcher).resolve(DID("did:web:example.com"))
        }
    }

    @Test("HTTP status mapping: 404 and 410 → NOT_FOUND, 500 → INTERNAL_ERROR, fetch failures → INTERNAL_ERROR")
    func statuses() async throws {
        let base = "https://example.com/"
        let fetcher = WebTableFetcher([
            base + "gone/did.json": .success(DIDWebResponse(status: 410)),
            base + "broken/did.json": .success(DIDWebResponse(status: 500)),
            base + "ssrf/did.json": .failure(DIDWebFetchError(.refusedAddress, "127.0.0.1 is loopback")),
        ])
        let method = DIDWebMethod(fetcher: fetcher)
        await #expect(throws: ResolutionError(.notFound)) {
            try await method.resolve(DID("did:web:example.com:nothing"))
        }
        await #expect(throws: ResolutionError(.notFound)) { try await method.resolve(DID("did:web:example.com:gone")) }
        await #expect(throws: ResolutionError(.internalError)) {
            try await method.resolve(DID("did:web:example.com:broken"))
        }
        do {
            _ = try await method.resolve(DID("did:web:example.com:ssrf"))
            Issue.record("expected a refusal")
        } catch let error as ResolutionError {
            #expect(error.code == .internalError)
            #expect(error.detail?.contains("refusedAddress") == true)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("did:web spec §Create: host:port, path, keys and services → DID, document and location")
    func create() throws {
        let ed = PrivateKey.generate(.ed25519).publicKey
        let p256 = PrivateKey.generate(.p256).publicKey
        let x = try PublicKey(keyType: .x25519, rawRepresentation: [UInt8](repeating: 9, count: 32))
        let service = DIDDocument.Service(id: "#files", type: "LinkedDomains", serviceEndpoint: "https://example.com/")
        let created = try DIDWebMethod.create(
            host: "localhost:8443",
            path: "/user/alice/",
            keys: [ed, p256, x],
            services: [service],
            deriveKeyAgreement: true
        )
        let did = "did:web:localhost%3A8443:user:alice"
        #expect(created.did.description == did)
        #expect(created.location.url == "https://localhost:8443/user/alice/did.json")
        #expect(created.location.filePath == "user/alice/did.json")
        let document = created.document
        #expect(
            document.verificationMethod.map(\.id) == [
                "\(did)#key-0", "\(did)#key-0-x25519", "\(did)#key-1", "\(did)#key-2",
            ]
        )
        #expect(document.verificationMethod.allSatisfy { $0.type == .multikey && $0.controller == created.did })
        #expect(document.verificationMethod[0].publicKeyMultibase == ed.multibaseRepresentation)
        #expect(
            document.verificationMethod[1].publicKeyMultibase == (try ed.x25519FromEd25519()).multibaseRepresentation
        )
        #expect(document.authentication == [.reference("\(did)#key-0"), .reference("\(did)#key-1")])
        #expect(document.assertionMethod == document.authentication)
        #expect(document.keyAgreement == [.reference("\(did)#key-0-x25519"), .reference("\(did)#key-2")])
        #expect(document.service.map(\.id) == ["\(did)#files"])
        // What creation writes, resolution accepts.
        let bytes = try document.json.serialized(.pretty)
        #expect(try DIDWebMethod.document(from: bytes, for: created.did) == document)
    }

    @Test("did:web spec §Create: no path → .well-known; bad hosts and no keys are refused")
    func createRules() throws {
        let ed = PrivateKey.generate(.ed25519).publicKey
        let plain = try DIDWebMethod.create(host: "example.com", keys: [ed])
        #expect(plain.did.description == "did:web:example.com")
        #expect(plain.location.url == "https://example.com/.well-known/did.json")
        #expect(plain.document.keyAgreement.isEmpty)
        #expect(throws: ResolutionError(.invalidDid)) { try DIDWebMethod.create(host: "10.0.0.1", keys: [ed]) }
        #expect(throws: ResolutionError(.invalidDid)) { try DIDWebMethod.create(host: "example.com:x", keys: [ed]) }
        #expect(throws: ResolutionError(.invalidDid)) {
            try DIDWebMethod.create(host: "example.com", path: "a//b", keys: [ed])
        }
        #expect(throws: ResolutionError(.invalidOptions)) { try DIDWebMethod.create(host: "example.com", keys: []) }
    }
}
