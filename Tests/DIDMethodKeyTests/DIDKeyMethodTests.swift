// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDCrypto
import DIDMethodKey
import DIDTestSupport
import Testing

/// One case of `TestVectors/did-key/errors.json`.
struct DIDKeyErrorCase: CustomTestStringConvertible, Sendable {
    let name: String
    let did: String
    let options: JSONObject
    let code: String?
    let rule: String
    var testDescription: String { "\(name) (\(rule))" }

    static let all: [DIDKeyErrorCase] = {
        do {
            let file = try JSONValue(parsing: TestVectors.localData("did-key/errors.json"))
            return (file["cases"]?.arrayValue ?? []).map { entry in
                var did = entry["did"]?.stringValue ?? ""
                if let hex = entry["hex"]?.stringValue, let bytes = Hex.bytes(hex) {
                    did = "did:key:" + Multibase.encode(bytes, as: .base58btc)
                }
                return DIDKeyErrorCase(
                    name: entry["name"]?.stringValue ?? "?",
                    did: did,
                    options: entry["options"]?.objectValue ?? [:],
                    code: entry["code"]?.stringValue,
                    rule: entry["rule"]?.stringValue ?? "?"
                )
            }
        } catch {
            Issue.record("TestVectors/did-key/errors.json is unreadable: \(error)")
            return []
        }
    }()
}

@Suite("did:key method")
struct DIDKeyMethodTests {
    @Test("did:key v0.7 §Example: the Ed25519VerificationKey2020 profile of the spec's canonical example")
    func specExample() throws {
        let vector = try JSONValue(parsing: TestVectors.localData("did-key/spec-example.json"))
        let did = try DID(#require(vector["did"]?.stringValue))
        let options = DIDKeyMethod.Options(publicKeyFormat: .ed25519VerificationKey2020)
        let document = try DIDKeyMethod(options: options).document(for: did)

        #expect(document.id == did)
        #expect(document.context == vector["context"])
        let signature = try #require(vector["signatureMethod"])
        let agreement = try #require(vector["keyAgreementMethod"])
        for (expected, relationships) in [
            (
                signature,
                [
                    VerificationRelationship.authentication, .assertionMethod, .capabilityInvocation,
                    .capabilityDelegation,
                ]
            ),
            (agreement, [.keyAgreement]),
        ] {
            let id = try #require(expected["id"]?.stringValue)
            let method = try #require(document.verificationMethod(withID: id), "no method \(id)")
            #expect(method.type.rawValue == expected["type"]?.stringValue)
            #expect(method.publicKeyMultibase == expected["publicKeyMultibase"]?.stringValue)
            #expect(method.controller == did)
            for relationship in relationships {
                #expect(document[relationship].map(\.id) == [id], "\(relationship)")
            }
        }
    }

    @Test("did:key §Create then §Read: every key type round-trips through its DID", arguments: KeyType.allCases)
    func roundTrip(keyType: KeyType) throws {
        let key = PrivateKey.generate(keyType).publicKey
        let did = DIDKeyMethod.did(for: key)
        #expect(did.method == .key)
        #expect(try DIDKeyMethod.publicKey(of: did) == key)

        let document = try DIDKeyMethod().document(for: did)
        let method = try #require(document.verificationMethod.first)
        #expect(method.id == "\(did)#\(did.methodSpecificID)")
        #expect(try PublicKey(multibase: #require(method.publicKeyMultibase)) == key)
        // The document is valid DID Core and survives a JSON round trip unchanged.
        try document.validate()
        #expect(try DIDDocument(json: JSONValue(parsing: document.json.serialized())) == document)
    }

    @Test(
        "did:key §Signature Method Creation step 4: verificationMethodID is the id of the document's first method",
        arguments: KeyType.allCases
    )
    func verificationMethodID(keyType: KeyType) throws {
        let key = PrivateKey.generate(keyType).publicKey
        let did = DIDKeyMethod.did(for: key)
        let method = try #require(try DIDKeyMethod().document(for: did).verificationMethod.first)
        #expect(DIDKeyMethod.verificationMethodID(for: key) == method.id)
        #expect(try DIDKeyMethod.verificationMethodID(of: did) == method.id)
        // A versioned did:key keeps its version in the DID and only the multibase value in the fragment.
        let versioned = try DID("did:key:1:" + key.multibaseRepresentation)
        let versionedMethod = try #require(try DIDKeyMethod().document(for: versioned).verificationMethod.first)
        #expect(try DIDKeyMethod.verificationMethodID(of: versioned) == versionedMethod.id)
        #expect(throws: ResolutionError.self) { try DIDKeyMethod.verificationMethodID(of: DID("did:web:example.com")) }
    }

    @Test(
        "did:key v0.7 §Context Creation, Multikey profile: relationships per key type (X25519 keys only agree, Ed25519 derives X25519)"
    )
    func relationships() throws {
        let ed25519 = DIDKeyMethod.did(for: PrivateKey.generate(.ed25519).publicKey)
        let document = try DIDKeyMethod().document(for: ed25519)
        #expect(document.verificationMethod.count == 2)
        #expect(document.keyAgreement.count == 1)
        #expect(document.keyAgreement.first?.id.contains("#z6LS") == true)

        let underived = try DIDKeyMethod(options: .init(enableEncryptionKeyDerivation: false)).document(for: ed25519)
        #expect(underived.verificationMethod.count == 1)
        #expect(underived.keyAgreement.isEmpty)

        let x25519 = DIDKeyMethod.did(for: PrivateKey.generate(.x25519).publicKey)
        let agreementOnly = try DIDKeyMethod().document(for: x25519)
        #expect(agreementOnly.keyAgreement.count == 1)
        #expect(agreementOnly.authentication.isEmpty && agreementOnly.assertionMethod.isEmpty)

        let p256 = DIDKeyMethod.did(for: PrivateKey.generate(.p256).publicKey)
        let nist = try DIDKeyMethod().document(for: p256)
        #expect(nist.keyAgreement.isEmpty)
        #expect(nist.authentication.count == 1 && nist.capabilityDelegation.count == 1)
    }

    @Test("did:key §Signature Method Creation step 8: JsonWebKey2020 carries the JWK and its context")
    func jsonWebKeyFormat() throws {
        let key = PrivateKey.generate(.secp256k1).publicKey
        let did = DIDKeyMethod.did(for: key)
        let document = try DIDKeyMethod(options: .init(publicKeyFormat: .jsonWebKey2020)).document(for: did)
        let method = try #require(document.verificationMethod.first)
        #expect(method.type == .jsonWebKey2020)
        #expect(method.publicKeyMultibase == nil)
        #expect(method.publicKeyJwk == key.jwkRepresentation)
        #expect(method.publicKeyJwk?["d"] == nil)
        #expect(document.context?.arrayValue?.contains("https://w3id.org/security/suites/jws-2020/v1") == true)
    }

    @Test("did:key v0.7 §3.1 error conditions", arguments: DIDKeyErrorCase.all)
    func errors(_ vector: DIDKeyErrorCase) async {
        let resolver = MultiMethodResolver([DIDKeyMethod()])
        var options = ResolutionOptions()
        options.additionalProperties = vector.options
        let actual: String?
        do {
            _ = try await resolver.resolve(vector.did, options: options)
            actual = nil
        } catch {
            actual = error.code.legacyKeyword
            #expect(!error.description.isEmpty)
        }
        #expect(actual == vector.code, "\(vector.did)")
    }

    @Test("did:key resolution options arrive as strings from HTTP queries and as JSON values")
    func optionsFromResolution() async throws {
        let did = try DID("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK")
        var options = ResolutionOptions()
        options.additionalProperties = ["enableEncryptionKeyDerivation": "false", "publicKeyFormat": "JsonWebKey2020"]
        let result = try await DIDKeyMethod().resolve(did, options: options)
        let document = try #require(result.didDocument)
        #expect(document.keyAgreement.isEmpty)
        #expect(document.verificationMethod.first?.type == .jsonWebKey2020)
        #expect(result.didResolutionMetadata.contentType == nil)  // DID Core 1.0 §7.1.2: not for resolve()
    }
}
