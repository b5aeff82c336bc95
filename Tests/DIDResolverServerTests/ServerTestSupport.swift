// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDResolution
import DIDResolverServer
import DIDTestSupport
import Hummingbird
import NIOCore

/// A did:key from the did:key spec (Ed25519), served by every test.
let serverTestKeyDID = "did:key:" + serverTestKeyID

/// The method-specific id of ``serverTestKeyDID`` (also its verification method's fragment).
let serverTestKeyID = "z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"

/// A local HTTPS origin serving one did:web document at `/.well-known/did.json` (`did:web:localhost%3A<port>`),
/// cacheable for 300 s. A server that cannot start fails the test: these tests never skip.
func serverTestWellKnownOrigin() throws -> LocalHTTPSServer {
    try LocalHTTPSServer(routes: [
        "/.well-known/did.json": LocalHTTPSServer.Route(
            headers: ["Content-Type": "application/did+json", "Cache-Control": "max-age=300"],
            body: #"{"@context":"https://www.w3.org/ns/did/v1","id":"did:web:localhost%3A{PORT}"}"#
        )
    ])
}

/// ``serverTestKeyDID`` in the URL-encoded form of the Universal Resolver API.
let serverTestEncodedKeyDID = "did%3Akey%3A" + serverTestKeyID

/// A test method, `did:srvtest:<case>`, for the rows of the status table the built-in methods cannot reach
/// (deactivated, not found, internal error, services).
struct ServerTestMethod: DIDMethodResolver {
    /// Called when a `did:srvtest:slow` resolution starts: the signal that its request is in flight.
    var onSlowStart: @Sendable () -> Void = {}

    var method: DID.Method { DID.Method(rawValue: "srvtest")! }

    func resolve(_ did: DID, options: ResolutionOptions) async throws(ResolutionError) -> ResolutionResult {
        let id = did.description
        let documentJSON: JSONValue = [
            "@context": "https://www.w3.org/ns/did/v1",
            "id": .string(id),
            "service": [
                ["id": "#files", "type": "LinkedDomains", "serviceEndpoint": "https://files.example.com/base/"],
                ["id": "#home", "type": "LinkedDomains", "serviceEndpoint": "https://home.example.com/"],
            ],
        ]
        let document: DIDDocument
        do {
            document = try DIDDocument(json: documentJSON)
        } catch {
            throw ResolutionError(.internalError, error.reason)
        }
        switch did.methodSpecificID {
        case "missing": throw ResolutionError(.notFound, "no such DID")
        case "broken": throw ResolutionError(.internalError, "the test method broke")
        case "badkey": throw ResolutionError(.invalidDidDocument, "the document is invalid")
        case "feature": throw ResolutionError(.featureNotSupported, "no versions")
        case "slow":
            onSlowStart()
            try? await Task.sleep(for: .seconds(3))
            return ResolutionResult(didDocument: document)
        case "deactivated":
            var metadata = DIDDocumentMetadata()
            metadata.deactivated = true
            return ResolutionResult(didDocument: document, didDocumentMetadata: metadata)
        default:
            return ResolutionResult(didDocument: document)
        }
    }
}

/// The standard resolver plus the test method.
/// - Parameter onSlowStart: Called when a `did:srvtest:slow` resolution starts (its request is then in flight).
func serverTestResolver(onSlowStart: @escaping @Sendable () -> Void = {}) -> StandardResolver {
    StandardResolver(
        cacheConfiguration: ResolutionCache.Configuration(),
        additionalMethods: [ServerTestMethod(onSlowStart: onSlowStart)]
    )
}

/// An application on an ephemeral loopback port with the test method.
func serverTestApplication(
    _ configuration: ResolverServerConfiguration = ResolverServerConfiguration(port: 0)
) -> Application<ResolverResponder> {
    // The resolver is given, so nothing can fail to open.
    try! buildApplication(configuration: configuration, resolver: serverTestResolver())
}

extension ByteBuffer {
    /// The bytes as JSON (tests only).
    var serverTestJSON: JSONValue? { try? JSONValue(parsing: Array(readableBytesView)) }
}
