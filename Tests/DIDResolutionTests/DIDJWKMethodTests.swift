// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDCrypto
import DIDMethodJWK
import Testing

@Suite("did:jwk method")
struct DIDJWKMethodTests {
    /// did:jwk spec §"Examples": the P-256 key (members in JCS order, so ``DIDJWKMethod/did(for:)`` gives it back).
    static let p256DID =
        "did:jwk:eyJjcnYiOiJQLTI1NiIsImt0eSI6IkVDIiwieCI6ImFjYklRaXVNczNpOF91c3pFakoydHBUdFJNNEVVM3l6OTFQSDZDZEgy"
        + "VjAiLCJ5IjoiX0tjeUxqOXZXTXB0bm1LdG00NkdxRHo4d2Y3NEk1TEtncmwyR3pIM25TRSJ9"
    /// did:jwk spec §"Examples": the X25519 key with `"use": "enc"` (members not in JCS order).
    static let x25519DID =
        "did:jwk:eyJrdHkiOiJPS1AiLCJjcnYiOiJYMjU1MTkiLCJ1c2UiOiJlbmMiLCJ4IjoiM3A3YmZYdDl3YlRUVzJIQzdPUTFOei1EUThoYmVH"
        + "ZE5yZngtRkctSUswOCJ9"

    @Test("did:jwk spec §Read: P-256 example → one JsonWebKey2020 #0 in every relationship")
    func p256Example() async throws {
        let did = try DID(Self.p256DID)
        let result = try await DIDJWKMethod().resolve(did)
        let document = try #require(result.didDocument)
        #expect(document.context == DIDJWKMethod.context)
        #expect(document.verificationMethod.count == 1)
        let method = document.verificationMethod[0]
        #expect(method.id == Self.p256DID + "#0")
        #expect(method.type == .jsonWebKey2020)
        #expect(method.controller == did)
        #expect(method.publicKeyJwk?["x"]?.stringValue == "acbIQiuMs3i8_uszEjJ2tpTtRM4EU3yz91PH6CdH2V0")
        for relationship in VerificationRelationship.allCases {
            #expect(document[relationship] == [.reference(Self.p256DID + "#0")], "\(relationship)")
        }
        // The key is a real P-256 point, and creation gives the same DID back (JCS serialization).
        let key = try PublicKey(jwk: try #require(method.publicKeyJwk))
        #expect(key.keyType == .p256)
        #expect(DIDJWKMethod.did(for: key).description == Self.p256DID)
    }

    @Test("did:jwk spec §Read: use \"enc\" (X25519 example) → keyAgreement only")
    func x25519Example() throws {
        let document = try DIDJWKMethod.document(for: DID(Self.x25519DID))
        #expect(document.keyAgreement == [.reference(Self.x25519DID + "#0")])
        #expect(document.authentication.isEmpty && document.assertionMethod.isEmpty)
        #expect(document.capabilityInvocation.isEmpty && document.capabilityDelegation.isEmpty)
    }

    @Test("did:jwk spec §Read: use \"sig\" → no keyAgreement")
    func sigOnly() throws {
        var jwk = PrivateKey.generate(.ed25519).publicKey.jwkRepresentation
        jwk["use"] = "sig"
        let did = try DIDJWKMethod.did(for: jwk)
        let document = try DIDJWKMethod.document(for: did)
        #expect(document.keyAgreement.isEmpty)
        #expect(document.authentication.count == 1)
        #expect(try DIDJWKMethod.jwk(of: did) == jwk)
    }

    static func encoded(_ json: String) -> String { "did:jwk:" + Base64URL.encode(Array(json.utf8)) }

    static let refused: [(String, ResolutionError.Code, String)] = [
        ("did:jwk:not*base64", .invalidDid, "not base64url (DID syntax refuses '*' already)"),
        (encoded("[1]"), .invalidDid, "not a JSON object"),
        (encoded("{\"kty\":"), .invalidDid, "not JSON"),
        (encoded(#"{"crv":"Ed25519","x":"AA"}"#), .invalidPublicKey, "no kty"),
        (encoded(#"{"kty":"OKP","crv":"Ed25519","x":"AA","d":"AA"}"#), .invalidPublicKey, "private key d"),
        (encoded(#"{"kty":"oct","k":"AA"}"#), .invalidPublicKeyType, "symmetric key"),
        (encoded(#"{"kty":"OKP","crv":"Ed25519","x":"AA","use":"other"}"#), .invalidPublicKey, "unknown use"),
        ("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK", .methodNotSupported, "another method"),
    ]

    @Test("did:jwk spec §Read and §Security Considerations: refused DIDs", arguments: refused)
    func refusedDIDs(did: String, code: ResolutionError.Code, why: String) throws {
        guard let parsed = try? DID(did) else {
            #expect(code == .invalidDid, "\(why)")
            return
        }
        #expect(throws: ResolutionError(code), "\(why)") { try DIDJWKMethod.document(for: parsed) }
    }
}
