// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDCrypto
import DIDMethodJWK
import DIDMethodKey
import DIDResolution
import Testing

/// A did:example method serving one document, for dereferencing rules.
struct ResolverFixtureMethod: DIDMethodResolver {
    let document: DIDDocument
    var method: DID.Method { .example }

    func resolve(_ did: DID, options: ResolutionOptions) async throws(ResolutionError) -> ResolutionResult {
        guard did == document.id else { throw ResolutionError(.notFound, "no \(did)") }
        return ResolutionResult(didDocument: document, didResolutionMetadata: .init(contentType: DIDMediaType.didJSON))
    }
}

@Suite("Multi-method resolver and DID URL dereferencing")
struct StandardResolverTests {
    static let fixture = """
        {"id":"did:example:123",
         "verificationMethod":[{"id":"#key-1","type":"Multikey","controller":"did:example:123",
            "publicKeyMultibase":"z6MkmM42vxfqZQsv4ehtTjFFxQ4sQKS2w6WR7emozFAn5cxu"},
           {"id":"did:example:123#key-2","type":"Multikey","controller":"did:example:123",
            "publicKeyMultibase":"z6MkmM42vxfqZQsv4ehtTjFFxQ4sQKS2w6WR7emozFAn5cxu"}],
         "authentication":["#key-1"],
         "service":[{"id":"#files","type":"FileStore","serviceEndpoint":["https://files.example/base/","https://b.example/"]},
            {"id":"did:example:123#hub","type":"Hub","serviceEndpoint":"https://hub.example/x?y=1#top"}],
         "extra":{"id":"#thing","value":1}}
        """

    static func resolver() throws -> StandardResolver {
        StandardResolver(additionalMethods: [
            ResolverFixtureMethod(document: try DIDDocument(json: JSONValue(parsing: fixture)))
        ])
    }

    @Test("DID Core 1.0 §7.1: did:key, did:jwk and did:web are built in; others are METHOD_NOT_SUPPORTED")
    func methods() async throws {
        let resolver = try Self.resolver()
        #expect(resolver.methodNames == ["example", "jwk", "key", "web"])
        let key = PrivateKey.generate(.ed25519).publicKey
        let keyResult = try await resolver.resolve(DIDKeyMethod.did(for: key))
        #expect(keyResult.didDocument?.verificationMethod.first?.publicKeyMultibase == key.multibaseRepresentation)
        let jwkResult = try await resolver.resolve(DIDJWKMethod.did(for: key))
        #expect(jwkResult.didDocument?.verificationMethod.first?.type == .jsonWebKey2020)
        let unknown = await resolver.resolveResult("did:unknown:123")
        #expect(unknown.error?.code == .methodNotSupported)
        #expect(unknown.httpStatus == 501)
        let representation = try await resolver.resolveRepresentation(DIDJWKMethod.did(for: key))
        // Without accept, the method's own type: did:jwk documents have @context.
        #expect(representation.contentType == DIDMediaType.didLDJSON)
        #expect(try DIDDocument(json: JSONValue(parsing: representation.didDocumentStream)) == jwkResult.didDocument)
    }

    @Test("DID Resolution §Resolving: expandRelativeUrls makes every DID URL absolute")
    func expand() async throws {
        let result = try await Self.resolver().resolve(
            DID("did:example:123"),
            options: ResolutionOptions(expandRelativeURLs: true)
        )
        #expect(result.didDocument?.verificationMethod.first?.id == "did:example:123#key-1")
        #expect(result.didDocument?.authentication == [.reference("did:example:123#key-1")])
    }

    @Test("DID Resolution §Dereferencing the Fragment: methods, other nodes, verificationRelationship errors")
    func fragments() async throws {
        let resolver = try Self.resolver()
        let key1 = await resolver.dereference("did:example:123#key-1")
        guard case .verificationMethod(let method)? = key1.content else {
            Issue.record("expected a verification method, got \(String(describing: key1.content))")
            return
        }
        #expect(method.id == "did:example:123#key-1")
        let thing = await resolver.dereference("did:example:123#thing")
        #expect(thing.content?.json["value"] == 1)
        let authenticated = await resolver.dereference(
            "did:example:123#key-1",
            options: DereferencingOptions(verificationRelationship: .authentication)
        )
        #expect(authenticated.error == nil)
        let notAuthorized = await resolver.dereference(
            "did:example:123#key-2",
            options: DereferencingOptions(verificationRelationship: .authentication)
        )
        #expect(notAuthorized.error?.code == .invalidRelationshipForVerificationMethod)
        let notAMethod = await resolver.dereference(
            "did:example:123#files",
            options: DereferencingOptions(verificationRelationship: .assertionMethod)
        )
        #expect(notAMethod.error?.code == .invalidVerificationMethod)
        #expect(await resolver.dereference("did:example:123#nothing").error?.code == .notFound)
        #expect(await resolver.dereference("did:example:999#key-1").error?.code == .notFound)
        #expect(await resolver.dereference("did:example:123#a#b").error?.code == .invalidDidUrl)
        #expect(await resolver.dereference("did:example:123/some/path").error?.code == .notFound)
    }

    @Test("DID Resolution §Dereferencing the Resource: service + relativeRef by RFC 3986 §5, uri-list and documents")
    func services() async throws {
        let resolver = try Self.resolver()
        let uriList = DereferencingOptions(accept: DIDMediaType.uriList)
        let files = await resolver.dereference(
            "did:example:123?service=files&relativeRef=a%2Fb.txt#part",
            options: uriList
        )
        #expect(
            files.content == .uriList(["https://files.example/base/a/b.txt#part", "https://b.example/a/b.txt#part"])
        )
        #expect(files.httpStatus == 303)
        let rooted = await resolver.dereference("did:example:123?service=files&relativeRef=%2Froot", options: uriList)
        #expect(rooted.content == .uriList(["https://files.example/root", "https://b.example/root"]))
        let byType = await resolver.dereference("did:example:123?serviceType=Hub", options: uriList)
        #expect(byType.content == .uriList(["https://hub.example/x?y=1#top"]))
        let fragmentTwice = await resolver.dereference("did:example:123?service=hub#more", options: uriList)
        #expect(fragmentTwice.error?.code == .invalidDidUrl)
        let document = await resolver.dereference("did:example:123?service=hub")
        guard case .didDocument(let reduced)? = document.content else {
            Issue.record("expected the document, got \(String(describing: document.content))")
            return
        }
        #expect(reduced.service.map(\.id) == ["did:example:123#hub"])
        let unsupported = await resolver.dereference(
            "did:example:123?service=hub",
            options: DereferencingOptions(accept: "image/png")
        )
        #expect(unsupported.error?.code == .representationNotSupported)
        #expect(await resolver.dereference("did:example:123?service=none", options: uriList).error?.code == .notFound)
        for traversal in ["..%2Fsecret", "%2E%2E%2Fsecret", "%252E%252E%252Fsecret", "https%3A%2F%2Fevil.example%2F"] {
            let result = await resolver.dereference(
                "did:example:123?service=files&relativeRef=\(traversal)",
                options: uriList
            )
            #expect(result.error?.code == .invalidDidUrl, "\(traversal)")
        }
        let repeated = await resolver.dereference("did:example:123?service=a&service=b", options: uriList)
        #expect(repeated.error?.code == .invalidDidUrl)
    }
}
