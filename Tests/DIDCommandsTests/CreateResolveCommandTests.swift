// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDCrypto
import DIDMethodKey
import Foundation
import Testing

/// `did create key` and `did resolve` as separate processes: what one prints, the other must agree with.
@Suite("did create key / did resolve (the built binary)")
struct CreateResolveCommandTests {
    static let multikeyContext: JSONValue = ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"]

    @Test(
        "did:key v0.7 §Create, §Read: `create key --type T` JSON; a fresh `did resolve` gives the same key",
        arguments: CLIKeyType.all
    )
    func createThenResolve(type: CLIKeyType) async throws {
        let created = try await CLI.run(["create", "key", "--type", type.name])
        created.expectSuccess()
        let output = try #require(try created.json().objectValue, "\(created)")
        #expect(output.keys == ["did", "didDocument"])
        let didText = try #require(output["did"]?.stringValue)
        let did = try DID(didText)
        #expect(did.method == .key)
        let key = try DIDKeyMethod.publicKey(of: did)
        #expect(key.keyType == type.keyType)
        let document = try #require(output["didDocument"])
        try Self.expectMultikeyDocument(document, did: did, key: key)

        let resolved = try await CLI.run(["resolve", didText])
        resolved.expectSuccess()
        let resolvedDocument = try resolved.json()
        try Self.expectMultikeyDocument(resolvedDocument, did: did, key: key)
        #expect(resolvedDocument == document)

        let result = try await CLI.run(["resolve", "--result", didText])
        result.expectSuccess()
        let resolution = try #require(try result.json().objectValue)
        #expect(Set(resolution.keys) == ["didResolutionMetadata", "didDocument", "didDocumentMetadata"])
        #expect(resolution["didDocument"] == document)
        let metadata = try #require(resolution["didResolutionMetadata"]?.objectValue)
        #expect(metadata["error"] == nil)
        #expect(resolution["didDocumentMetadata"]?.objectValue != nil)
    }

    @Test(
        "did:key v0.7 §Signature Method Creation step 8: --format jwk gives JsonWebKey2020, publicKeyJwk, no d",
        arguments: CLIKeyType.all
    )
    func jsonWebKeyFormat(type: CLIKeyType) async throws {
        let created = try await CLI.run(["create", "key", "--type", type.name, "--format", "jwk"])
        created.expectSuccess()
        let output = try created.json()
        let did = try DID(try #require(output["did"]?.stringValue))
        let key = try DIDKeyMethod.publicKey(of: did)
        let document = try #require(output["didDocument"])
        let methods = try #require(document["verificationMethod"]?.arrayValue)
        #expect(methods.count == (type.keyType == .ed25519 ? 2 : 1))
        for method in methods {
            #expect(method["type"] == "JsonWebKey2020")
            #expect(method["publicKeyMultibase"] == nil)
            let jwk = try #require(method["publicKeyJwk"]?.objectValue, "\(method)")
            for member in ["d", "p", "q", "dp", "dq", "qi", "k"] {
                #expect(jwk[member] == nil, "private JWK member \(member) in \(method)")
            }
        }
        let first = try #require(methods.first?["publicKeyJwk"]?.objectValue)
        #expect(try PublicKey(jwk: first) == key)
        if type.keyType == .ed25519 {
            let second = try #require(methods.last?["publicKeyJwk"]?.objectValue)
            #expect(try PublicKey(jwk: second) == key.x25519FromEd25519())
        }
        let contexts = try #require(document["@context"]?.arrayValue)
        #expect(contexts.contains("https://w3id.org/security/suites/jws-2020/v1"))

        let resolved = try await CLI.run(["resolve", "--format", "jwk", did.description])
        resolved.expectSuccess()
        #expect(try resolved.json() == document)
    }

    @Test(
        "did:key v0.7 §Signature/§Encryption Method Creation: --format ed25519-2020 for an Ed25519 key"
    )
    func ed25519VerificationKey2020Format() async throws {
        let created = try await CLI.run(["create", "key", "--type", "ed25519", "--format", "ed25519-2020"])
        created.expectSuccess()
        let output = try created.json()
        let did = try DID(try #require(output["did"]?.stringValue))
        let key = try DIDKeyMethod.publicKey(of: did)
        let document = try #require(output["didDocument"])
        let methods = try #require(document["verificationMethod"]?.arrayValue)
        try #require(methods.count == 2)
        #expect(methods[0]["type"] == "Ed25519VerificationKey2020")
        #expect(methods[0]["publicKeyMultibase"] == .string(did.methodSpecificID))
        #expect(methods[1]["type"] == "X25519KeyAgreementKey2020")
        let x25519 = try PublicKey(multibase: try #require(methods[1]["publicKeyMultibase"]?.stringValue))
        #expect(x25519 == (try key.x25519FromEd25519()))
        #expect(
            document["@context"]
                == [
                    "https://www.w3.org/ns/did/v1", "https://w3id.org/security/suites/ed25519-2020/v1",
                    "https://w3id.org/security/suites/x25519-2020/v1",
                ]
        )

        let resolved = try await CLI.run(["resolve", "--format", "ed25519-2020", did.description])
        resolved.expectSuccess()
        #expect(try resolved.json() == document)
    }

    @Test(
        "did:key v0.7 §Signature Method Creation: --format ed25519-2020 of a P-256 key exits 65, no key file"
    )
    func ed25519VerificationKey2020RefusesP256() async throws {
        let directory = try CLIScratchDirectory()
        let keyFile = directory.path("p256.jwk")
        let created = try await CLI.run([
            "create", "key", "--type", "p256", "--format", "ed25519-2020", "--private-key-out", keyFile,
        ])
        created.expectFailure(65, linePrefix: "invalidPublicKeyType: ")
        #expect(created.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: keyFile), "a key file was left behind for a failed create")

        let p256 = DIDKeyMethod.did(for: PrivateKey.generate(.p256).publicKey)
        let resolved = try await CLI.run(["resolve", "--format", "ed25519-2020", p256.description])
        resolved.expectFailure(65, linePrefix: "invalidPublicKeyType: ")
        #expect(resolved.stdout.isEmpty)
    }

    @Test(
        "did:key v0.7 §Document Creation step 8: --no-derive-x25519 leaves out the X25519 method, keyAgreement"
    )
    func noX25519Derivation() async throws {
        let created = try await CLI.run(["create", "key", "--type", "ed25519", "--no-derive-x25519"])
        created.expectSuccess()
        let output = try created.json()
        let didText = try #require(output["did"]?.stringValue)
        let document = try #require(output["didDocument"]?.objectValue)
        #expect(document["keyAgreement"] == nil)
        #expect(document["verificationMethod"]?.arrayValue?.count == 1)

        let resolved = try await CLI.run(["resolve", "--no-derive-x25519", didText])
        resolved.expectSuccess()
        #expect(try resolved.json() == .object(document))

        let derived = try await CLI.run(["resolve", didText])
        derived.expectSuccess()
        #expect(try derived.json()["keyAgreement"]?.arrayValue?.count == 1, "the flag must be what removes it")
    }

    /// Checks a default-options did:key document: id, Multikey methods with the DID's key, relationships, context.
    static func expectMultikeyDocument(
        _ document: JSONValue,
        did: DID,
        key: PublicKey,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(document["id"] == .string(did.description), sourceLocation: sourceLocation)
        #expect(document["@context"] == multikeyContext, sourceLocation: sourceLocation)
        let methods = try #require(document["verificationMethod"]?.arrayValue, sourceLocation: sourceLocation)
        let first = try #require(methods.first, sourceLocation: sourceLocation)
        let multibase = try #require(first["publicKeyMultibase"]?.stringValue, sourceLocation: sourceLocation)
        #expect(multibase == did.methodSpecificID, sourceLocation: sourceLocation)
        #expect(try PublicKey(multibase: multibase) == key, sourceLocation: sourceLocation)
        let id = JSONValue.string(did.description + "#" + did.methodSpecificID)
        #expect(first["id"] == id, sourceLocation: sourceLocation)
        #expect(first["type"] == "Multikey", sourceLocation: sourceLocation)
        #expect(first["controller"] == .string(did.description), sourceLocation: sourceLocation)
        let signing = ["authentication", "assertionMethod", "capabilityInvocation", "capabilityDelegation"]
        switch key.keyType {
        case .x25519:
            #expect(methods.count == 1, sourceLocation: sourceLocation)
            #expect(document["keyAgreement"] == [id], sourceLocation: sourceLocation)
            for relationship in signing {
                #expect(document[relationship] == nil, "X25519 cannot sign", sourceLocation: sourceLocation)
            }
        case .ed25519:
            for relationship in signing { #expect(document[relationship] == [id], sourceLocation: sourceLocation) }
            try #require(methods.count == 2, sourceLocation: sourceLocation)
            let x25519 = try key.x25519FromEd25519()
            let agreementID = JSONValue.string(did.description + "#" + x25519.multibaseRepresentation)
            #expect(methods[1]["id"] == agreementID, sourceLocation: sourceLocation)
            #expect(
                methods[1]["publicKeyMultibase"] == .string(x25519.multibaseRepresentation),
                sourceLocation: sourceLocation
            )
            #expect(document["keyAgreement"] == [agreementID], sourceLocation: sourceLocation)
        default:
            #expect(methods.count == 1, sourceLocation: sourceLocation)
            for relationship in signing { #expect(document[relationship] == [id], sourceLocation: sourceLocation) }
            #expect(document["keyAgreement"] == nil, sourceLocation: sourceLocation)
        }
    }
}
