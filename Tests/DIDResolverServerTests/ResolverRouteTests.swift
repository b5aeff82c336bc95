// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DIDResolverServer

/// One row of the status / media-type table.
struct ServerRouteCase: Sendable, CustomTestStringConvertible {
    var path: String
    var accept: String?
    var status: Int
    var contentType: String
    /// For problem bodies: the DID Resolution error name in `type` (`nil` for `about:blank`).
    var problem: String?

    var testDescription: String { "\(path.prefix(70)) [\(accept ?? "no Accept")] → \(status)" }
}

let serverRouteCases: [ServerRouteCase] = [
    // Resolution: content negotiation (`Specs/resolver.md` §4).
    .init(path: serverTestKeyDID, accept: nil, status: 200, contentType: "application/did-resolution"),
    .init(path: serverTestKeyDID, accept: "*/*", status: 200, contentType: "application/did-resolution"),
    .init(
        path: serverTestKeyDID,
        accept: "application/did-resolution",
        status: 200,
        contentType: "application/did-resolution"
    ),
    .init(
        path: serverTestKeyDID,
        accept: #"application/ld+json;profile="https://w3id.org/did-resolution""#,
        status: 200,
        contentType: #"application/ld+json;profile="https://w3id.org/did-resolution""#
    ),
    .init(path: serverTestKeyDID, accept: "application/did+json", status: 200, contentType: "application/did+json"),
    .init(
        path: serverTestKeyDID,
        accept: "application/did+ld+json",
        status: 200,
        contentType: "application/did+ld+json"
    ),
    .init(path: serverTestKeyDID, accept: "application/did", status: 200, contentType: "application/did"),
    .init(path: serverTestKeyDID, accept: "application/json", status: 200, contentType: "application/json"),
    .init(
        path: serverTestKeyDID,
        accept: "text/html, application/did+json;q=0.5",
        status: 200,
        contentType: "application/did+json"
    ),
    .init(
        path: serverTestKeyDID,
        accept: "text/html",
        status: 406,
        contentType: "application/problem+json",
        problem: "REPRESENTATION_NOT_SUPPORTED"
    ),
    .init(
        path: serverTestKeyDID,
        accept: "application/ld+json",
        status: 406,
        contentType: "application/problem+json",
        problem: "REPRESENTATION_NOT_SUPPORTED"
    ),
    .init(
        path: serverTestKeyDID,
        accept: "application/did+json;q=0",
        status: 406,
        contentType: "application/problem+json",
        problem: "REPRESENTATION_NOT_SUPPORTED"
    ),
    // URL-encoded form, options in the query.
    .init(
        path: serverTestEncodedKeyDID,
        accept: "application/did+json",
        status: 200,
        contentType: "application/did+json"
    ),
    .init(
        path: serverTestEncodedKeyDID + "?expandRelativeUrls=true",
        accept: "application/did+json",
        status: 200,
        contentType: "application/did+json"
    ),
    .init(
        path: serverTestEncodedKeyDID + "?expandRelativeUrls=maybe",
        accept: nil,
        status: 400,
        contentType: "application/problem+json",
        problem: "INVALID_OPTIONS"
    ),
    .init(
        path: serverTestEncodedKeyDID + "?%7B%22noCache%22%3Atrue%7D",
        accept: "application/did+json",
        status: 200,
        contentType: "application/did+json"
    ),
    // Errors → status (`Specs/resolver.md` §1).
    .init(
        path: "did:example:123",
        accept: nil,
        status: 501,
        contentType: "application/problem+json",
        problem: "METHOD_NOT_SUPPORTED"
    ),
    .init(
        path: "not-a-did",
        accept: nil,
        status: 400,
        contentType: "application/problem+json",
        problem: "INVALID_DID"
    ),
    .init(
        path: "did:srvtest:missing",
        accept: nil,
        status: 404,
        contentType: "application/problem+json",
        problem: "NOT_FOUND"
    ),
    .init(
        path: "did:srvtest:broken",
        accept: nil,
        status: 500,
        contentType: "application/problem+json",
        problem: "INTERNAL_ERROR"
    ),
    .init(
        path: "did:srvtest:badkey",
        accept: nil,
        status: 500,
        contentType: "application/problem+json",
        problem: "INVALID_DID_DOCUMENT"
    ),
    .init(
        path: "did:srvtest:feature",
        accept: nil,
        status: 501,
        contentType: "application/problem+json",
        problem: "FEATURE_NOT_SUPPORTED"
    ),
    .init(
        path: "did:srvtest:deactivated",
        accept: "application/did+json",
        status: 410,
        contentType: "application/did+json"
    ),
    // Dereferencing.
    .init(
        path: serverTestKeyDID + "%23" + serverTestKeyID,
        accept: "application/did+json",
        status: 200,
        contentType: "application/did+json"
    ),
    .init(
        path: serverTestEncodedKeyDID + "%23" + serverTestKeyID,
        accept: nil,
        status: 200,
        contentType: "application/did-url-dereferencing"
    ),
    // The resolution-result types do not describe a dereferencing result.
    .init(
        path: serverTestKeyDID + "%23" + serverTestKeyID,
        accept: "application/did-resolution",
        status: 406,
        contentType: "application/problem+json",
        problem: "REPRESENTATION_NOT_SUPPORTED"
    ),
    .init(
        path: serverTestKeyDID + "%23" + serverTestKeyID,
        accept: #"application/ld+json;profile="https://w3id.org/did-resolution""#,
        status: 406,
        contentType: "application/problem+json",
        problem: "REPRESENTATION_NOT_SUPPORTED"
    ),
    .init(
        path: serverTestKeyDID + "%23nothing",
        accept: "application/did+json",
        status: 404,
        contentType: "application/problem+json",
        problem: "NOT_FOUND"
    ),
    .init(
        path: "did:srvtest:ok?service=files&relativeRef=/docs/a.json",
        accept: "text/uri-list",
        status: 303,
        contentType: "text/uri-list"
    ),
    .init(
        path: "did:srvtest:ok?service=files&relativeRef=/../secret",
        accept: "text/uri-list",
        status: 400,
        contentType: "application/problem+json",
        problem: "INVALID_DID_URL"
    ),
    .init(
        path: "did:srvtest:ok?service=files&relativeRef=%2F%2E%2E%2Fsecret",
        accept: "text/uri-list",
        status: 400,
        contentType: "application/problem+json",
        problem: "INVALID_DID_URL"
    ),
    .init(
        path: "did:srvtest:ok?service=files",
        accept: "text/html",
        status: 406,
        contentType: "application/problem+json",
        problem: "REPRESENTATION_NOT_SUPPORTED"
    ),
    // Bad input: 4xx problems, never a crash.
    .init(
        path: "did%3Akey%3A%zz",
        accept: nil,
        status: 400,
        contentType: "application/problem+json",
        problem: "INVALID_DID_URL"
    ),
    .init(
        path: "did%3Akey%3Az6Mk%FF%FE",
        accept: nil,
        status: 400,
        contentType: "application/problem+json",
        problem: "INVALID_DID_URL"
    ),
    .init(
        path: "did%3Akey%3Az6Mk%00x",
        accept: nil,
        status: 400,
        contentType: "application/problem+json",
        problem: "INVALID_DID_URL"
    ),
    .init(
        path: "did:key:z6Mk%00x",
        accept: nil,
        status: 400,
        contentType: "application/problem+json",
        problem: "INVALID_DID_URL"
    ),
    .init(
        path: "did:key:" + String(repeating: "z", count: 10240),
        accept: nil,
        status: 414,
        contentType: "application/problem+json"
    ),
    .init(
        path: "did:web:127.0.0.1",
        accept: nil,
        status: 400,
        contentType: "application/problem+json",
        problem: "INVALID_DID"
    ),
    .init(path: "", accept: nil, status: 400, contentType: "application/problem+json", problem: "INVALID_DID"),
]

@Suite("did-resolver routes (no socket)")
struct ResolverRouteTests {
    @Test("Specs/resolver.md §4: status and media type table", arguments: serverRouteCases)
    func statusTable(_ row: ServerRouteCase) async throws {
        let app = serverTestApplication()
        try await app.test(.router) { client in
            var headers: HTTPFields = [:]
            if let accept = row.accept { headers[.accept] = accept }
            let response = try await client.execute(uri: "/1.0/identifiers/" + row.path, method: .get, headers: headers)
            #expect(response.status.code == row.status)
            #expect(response.headers[.contentType] == row.contentType)
            if row.contentType == "application/problem+json" {
                let problem = try #require(response.body.serverTestJSON)
                #expect(problem["status"]?.numberValue == Double(row.status))
                #expect(problem["title"]?.stringValue?.isEmpty == false)
                if let name = row.problem {
                    #expect(problem["type"]?.stringValue == "https://www.w3.org/ns/did#" + name)
                } else {
                    #expect(problem["type"]?.stringValue == "about:blank")
                }
            }
        }
    }

    @Test("Universal Resolver: the full result holds the document and both metadata maps")
    func fullResult() async throws {
        try await serverTestApplication().test(.router) { client in
            let response = try await client.execute(uri: "/1.0/identifiers/" + serverTestKeyDID, method: .get)
            let json = try #require(response.body.serverTestJSON)
            #expect(json["didDocument"]?["id"]?.stringValue == serverTestKeyDID)
            #expect(json["didResolutionMetadata"]?.objectValue != nil)
            #expect(json["didDocumentMetadata"]?.objectValue != nil)
            let document = try await client.execute(
                uri: "/1.0/identifiers/" + serverTestKeyDID,
                method: .get,
                headers: [.accept: "application/did+json"]
            )
            #expect(document.body.serverTestJSON?["id"]?.stringValue == serverTestKeyDID)
            #expect(document.body.serverTestJSON?["didDocument"] == nil)
        }
    }

    @Test("Specs/resolver.md §4.2: a service dereference with text/uri-list is 303 with Location")
    func serviceRedirect() async throws {
        try await serverTestApplication().test(.router) { client in
            let response = try await client.execute(
                uri: "/1.0/identifiers/did:srvtest:ok?service=files&relativeRef=/docs/a.json",
                method: .get,
                headers: [.accept: "text/uri-list"]
            )
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "https://files.example.com/docs/a.json")
        }
    }

    @Test("Specs/resolver.md §4.3: ETag, Cache-Control, and If-None-Match answered with 304")
    func conditional() async throws {
        try await serverTestApplication().test(.router) { client in
            let uri = "/1.0/identifiers/" + serverTestKeyDID
            let first = try await client.execute(uri: uri, method: .get, headers: [.accept: "application/did+json"])
            let etag = try #require(first.headers[.eTag])
            #expect(etag.hasPrefix("\"") && etag.hasSuffix("\""))
            #expect(first.headers[.cacheControl]?.contains("max-age=") == true)
            let second = try await client.execute(
                uri: uri,
                method: .get,
                headers: [.accept: "application/did+json", .ifNoneMatch: etag]
            )
            #expect(second.status == .notModified)
            #expect(second.body.readableBytes == 0)
            #expect(second.headers[.eTag] == etag)
            let other = try await client.execute(
                uri: uri,
                method: .get,
                headers: [.accept: "application/did+json", .ifNoneMatch: "\"0000\""]
            )
            #expect(other.status == .ok)
            // Another representation has another tag.
            let result = try await client.execute(uri: uri, method: .get)
            #expect(result.headers[.eTag] != etag)
        }
    }

    @Test("Universal Resolver: POST with a JSON options body")
    func post() async throws {
        try await serverTestApplication().test(.router) { client in
            let uri = "/1.0/identifiers/" + serverTestKeyDID
            let ok = try await client.execute(
                uri: uri,
                method: .post,
                headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"accept":"application/did+json","expandRelativeUrls":true}"#)
            )
            #expect(ok.status == .ok)
            #expect(ok.headers[.contentType] == "application/did+json")
            let bad = try await client.execute(uri: uri, method: .post, body: ByteBuffer(string: "{nope"))
            #expect(bad.status == .badRequest)
            #expect(bad.body.serverTestJSON?["type"]?.stringValue == "https://www.w3.org/ns/did#INVALID_OPTIONS")
            let notObject = try await client.execute(uri: uri, method: .post, body: ByteBuffer(string: "[1]"))
            #expect(notObject.status == .badRequest)
            let huge = try await client.execute(
                uri: uri,
                method: .post,
                body: ByteBuffer(string: "{\"x\":\"" + String(repeating: "a", count: 70000) + "\"}")
            )
            #expect(huge.status == .contentTooLarge)
            #expect(huge.headers[.contentType] == "application/problem+json")
        }
    }

    @Test("Universal Resolver: /1.0/methods, /traits, /testIdentifiers, /properties; /health, /ready")
    func catalog() async throws {
        try await serverTestApplication().test(.router) { client in
            let methods = try await client.execute(uri: "/1.0/methods", method: .get)
            #expect(methods.status == .ok)
            #expect(methods.body.serverTestJSON == ["jwk", "key", "srvtest", "web"])
            let traits = try await client.execute(uri: "/1.0/traits", method: .get)
            #expect(traits.body.serverTestJSON?["web"]?["updatable"] == true)
            #expect(traits.body.serverTestJSON?["key"]?["updatable"] == false)
            let properties = try await client.execute(uri: "/1.0/properties", method: .get)
            #expect(properties.body.serverTestJSON?["limits"]?["maximumBodyBytes"]?.numberValue == 65536)
            let examples = try await client.execute(uri: "/1.0/testIdentifiers", method: .get)
            let table = try #require(examples.body.serverTestJSON?.objectValue)
            var resolved = 0
            for member in table {
                for identifier in member.value.arrayValue ?? [] {
                    let response = try await client.execute(
                        uri: "/1.0/identifiers/" + (identifier.stringValue ?? ""),
                        method: .get,
                        headers: [.accept: "application/did+json"]
                    )
                    #expect(response.status == .ok, "\(identifier)")
                    resolved += 1
                }
            }
            #expect(resolved >= 3)
            for path in ["/health", "/ready"] {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .ok)
            }
            let unknown = try await client.execute(uri: "/nothing", method: .get)
            #expect(unknown.status == .notFound)
            #expect(unknown.headers[.contentType] == "application/problem+json")
            let wrongMethod = try await client.execute(uri: "/1.0/identifiers/" + serverTestKeyDID, method: .delete)
            #expect(wrongMethod.status == .methodNotAllowed)
        }
    }

    @Test("Limits: header size 431, request timeout 504")
    func limits() async throws {
        var configuration = ResolverServerConfiguration(port: 0)
        configuration.requestTimeout = .milliseconds(200)
        try await serverTestApplication(configuration).test(.router) { client in
            let big = try await client.execute(
                uri: "/1.0/identifiers/" + serverTestKeyDID,
                method: .get,
                headers: [HTTPField.Name("X-Filler")!: String(repeating: "a", count: 20000)]
            )
            #expect(big.status.code == 431)
            let slow = try await client.execute(uri: "/1.0/identifiers/did:srvtest:slow", method: .get)
            #expect(slow.status == .gatewayTimeout)
            #expect(slow.headers[.contentType] == "application/problem+json")
        }
    }
}

@Suite("did-resolver resolution slots", .timeLimit(.minutes(1)))
struct ResolverConcurrencyLimiterTests {
    @Test("A request that times out while waiting for a resolution slot leaves the queue and never runs")
    func cancelledWaiterLeaves() async throws {
        let limiter = ResolverConcurrencyLimiter(limit: 1)
        let (release, releaseSink) = AsyncStream<Void>.makeStream()
        let (acquired, acquiredSink) = AsyncStream<Void>.makeStream()
        let holder = Task {
            await limiter.run {
                acquiredSink.yield()
                for await _ in release { break }
            }
        }
        for await _ in acquired { break }
        let waiter = Task { await limiter.run { "ran" } }
        for _ in 0..<200 where limiter.waiting == 0 { try await Task.sleep(for: .milliseconds(10)) }
        #expect(limiter.waiting == 1)
        waiter.cancel()
        #expect(await waiter.value == nil)
        #expect(limiter.waiting == 0)
        releaseSink.yield()
        _ = await holder.value
        #expect(await limiter.run { "free" } == "free")
    }
}
