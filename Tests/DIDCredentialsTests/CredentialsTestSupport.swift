// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDCrypto
import DIDMethodKey
import Foundation

/// A resolver for tests: fixed documents first, then did:key.
struct CredentialsTestResolver: DIDResolver {
    var documents: [DID: DIDDocument] = [:]

    func resolve(_ did: DID, options: ResolutionOptions) async throws(ResolutionError) -> ResolutionResult {
        if let document = documents[did] {
            return ResolutionResult(didDocument: document)
        }
        return try await DIDKeyMethod().resolve(did, options: options)
    }
}

/// A signing key with its did:key verification method URL.
struct CredentialsTestKey {
    let key: PrivateKey
    let did: DID
    var verificationMethod: String { DIDKeyMethod.verificationMethodID(for: key.publicKey) }

    init(_ type: KeyType) {
        key = PrivateKey.generate(type)
        did = DIDKeyMethod.did(for: key.publicKey)
    }

    init(multibase: String) throws {
        key = try PrivateKey(multibase: multibase)
        did = DIDKeyMethod.did(for: key.publicKey)
    }

    /// The did:key document with `relationship` emptied.
    func document(removing relationship: VerificationRelationship) throws -> DIDDocument {
        var document = try DIDKeyMethod().document(for: did)
        document[relationship] = []
        return document
    }
}

/// A small VC Data Model 2.0 credential.
func credentialsTestCredential(issuer: String = "did:example:issuer") -> JSONObject {
    [
        "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
        "id": "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
        "type": ["VerifiableCredential", "AlumniCredential"],
        "name": "Alumni Credential",
        "issuer": .string(issuer),
        "validFrom": "2023-01-01T00:00:00Z",
        "credentialSubject": ["id": "did:example:abcdefgh", "alumniOf": "The School of Examples"],
    ]
}

/// 2024-06-01T00:00:00Z.
let credentialsTestNow = Date(timeIntervalSince1970: 1_717_200_000)
