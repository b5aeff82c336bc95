// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDCredentials
import DIDCrypto
import DIDMethodKey
import Foundation
import Testing

/// The README's and the "Issuing and verifying credentials" article's example, compiled and run
/// (`.ci/check-examples` checks that the documents show exactly the code between the markers).
@Suite("Documentation examples: issue and verify a credential")
struct ReadmeCredentialExampleTests {
    @Test("issue a credential with eddsa-jcs-2022 and as vc+jwt, verify both; a changed claim fails verification")
    func issueAndVerify() async throws {
        // BEGIN EXAMPLE issue-and-verify
        // The issuer: a did:key and its verification method.
        let key = PrivateKey.generate(.ed25519)
        let issuer = DIDKeyMethod.did(for: key.publicKey)
        let verificationMethod = "\(issuer)#\(issuer.methodSpecificID)"
        let credential: JSONObject = [
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "type": ["VerifiableCredential"],
            "issuer": .string(issuer.description),
            "validFrom": "2026-01-01T00:00:00Z",
            "credentialSubject": ["id": "did:example:alice", "name": "Alice"],
        ]

        // Data Integrity (eddsa-jcs-2022): the proof is added to the JSON.
        let secured = try DataIntegrity.addProof(
            to: credential,
            options: ProofOptions(cryptosuite: .eddsaJcs2022, verificationMethod: verificationMethod),
            key: key
        )
        // Verification resolves the key (any DIDResolver) and lists every problem; it never throws.
        let result = await VerifiableCredential(json: secured).verify(resolver: DIDKeyMethod(), now: Date())
        if !result.verified { print(result.problems) }

        // VC-JOSE-COSE: the same credential as an application/vc+jwt compact JWS.
        let jwt = try JOSE.secure(credential: credential, key: key, keyID: verificationMethod)
        let envelope = await JOSE.verify(jwt, resolver: DIDKeyMethod(), now: Date())
        // END EXAMPLE
        #expect(result.verified, "\(result.problems)")
        #expect(envelope.verified, "\(envelope.result.problems)")
        var tampered = secured
        tampered["credentialSubject"] = ["id": "did:example:alice", "name": "Mallory"]
        let tamperedResult = await VerifiableCredential(json: tampered).verify(resolver: DIDKeyMethod(), now: Date())
        #expect(!tamperedResult.verified)
    }
}
