// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDCrypto
import DIDMethodKey
import DIDResolution
import Testing

/// The README's and the "Resolving DIDs" article's library example, compiled and run (`.ci/check-examples` checks
/// that the documents show exactly the code between the markers).
@Suite("Documentation examples: create and resolve a DID")
struct ReadmeResolutionExampleTests {
    @Test("create a did:key, print its document, resolve it and dereference its key through StandardResolver")
    func createAndResolve() async throws {
        // BEGIN EXAMPLE create-and-resolve
        // Create: a did:key from a new Ed25519 key, and its DID document as JSON.
        let key = PrivateKey.generate(.ed25519)
        let did = DIDKeyMethod.did(for: key.publicKey)
        let document = try DIDKeyMethod().document(for: did)
        print(try document.json.serializedString(.pretty))

        // Resolve: did:key, did:jwk and did:web (HTTPS, SSRF guard, cached as the origin allows).
        let resolver = StandardResolver(cacheConfiguration: ResolutionCache.Configuration())
        let result = try await resolver.resolve(did)
        // Dereference a DID URL: here the verification method named by the fragment.
        let method = await resolver.dereference("\(did)#\(did.methodSpecificID)")
        // END EXAMPLE
        #expect(result.didDocument == document)
        guard case .verificationMethod(let verificationMethod)? = method.content else {
            Issue.record("the fragment did not select a verification method: \(method)")
            return
        }
        #expect(verificationMethod.id == "\(did)#\(did.methodSpecificID)")
    }
}
