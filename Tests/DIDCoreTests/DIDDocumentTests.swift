// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDTestSupport
import Testing

/// The vectors of `TestVectors/did-core/documents.json`, read with the library's own JSON parser.
struct DocumentVectors {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var document: JSONValue
        var expected: JSONValue?
        var path: String?
        var testDescription: String { name }
    }

    var roundTrip: [Case]
    var reordered: [Case]
    var invalid: [Case]

    static let shared: DocumentVectors = {
        do {
            let root = try JSONValue(parsing: TestVectors.localData("did-core/documents.json"))
            func cases(_ key: String) -> [Case] {
                (root[key]?.arrayValue ?? []).map {
                    Case(
                        name: $0["name"]?.stringValue ?? "?",
                        document: $0["document"] ?? .null,
                        expected: $0["expected"],
                        path: $0["path"]?.stringValue
                    )
                }
            }
            return DocumentVectors(
                roundTrip: cases("roundTrip"),
                reordered: cases("reordered"),
                invalid: cases("invalid")
            )
        } catch {
            fatalError("TestVectors/did-core/documents.json is unreadable: \(error)")
        }
    }()
}

@Suite("DID document (DID Core 1.0 §5)")
struct DIDDocumentTests {
    @Test(
        "DID Core §5, §6.2: documents round-trip byte for byte, unknown members included",
        arguments: DocumentVectors.shared.roundTrip
    )
    func roundTrip(_ vector: DocumentVectors.Case) throws {
        let document = try DIDDocument(json: vector.document)
        #expect(try document.json.serializedString() == vector.document.serializedString())
        #expect(try DIDDocument(json: document.json) == document)
        #expect(throws: Never.self) { try document.validate() }
    }

    @Test(
        "DID Core §6.2: known members are written first, unknown ones keep their order",
        arguments: DocumentVectors.shared.reordered
    )
    func reordered(_ vector: DocumentVectors.Case) throws {
        let document = try DIDDocument(json: vector.document)
        let expected = try #require(vector.expected)
        #expect(try document.json.serializedString() == expected.serializedString())
    }

    @Test(
        "DID Core §5: invalid documents are rejected with the JSON path and the rule",
        arguments: DocumentVectors.shared.invalid
    )
    func invalid(_ vector: DocumentVectors.Case) throws {
        let error = #expect(throws: DIDError.self) { try DIDDocument(json: vector.document) }
        #expect(error?.code == .invalidDocument)
        let path = try #require(vector.path)
        #expect(error?.reason.hasPrefix(path) == true, "reason was: \(error?.reason ?? "-")")
    }

    @Test("DID Core §5: typed accessors read the example document")
    func typedAccessors() throws {
        let document = try DIDDocument(json: #require(DocumentVectors.shared.roundTrip.first).document)
        #expect(document.id.description == "did:example:123456789abcdefghi")
        #expect(document.controller.map(\.description) == ["did:example:bcehfew7h32f32h7af3"])
        #expect(document.alsoKnownAs == ["https://example.com/alice", "did:web:alice.example"])
        #expect(document.context?.arrayValue?.count == 3)
        #expect(document.verificationMethod.map(\.type) == [.multikey, .jsonWebKey2020, .ed25519VerificationKey2018])
        #expect(
            document.verificationMethod[0].publicKeyMultibase == "z6MkmM42vxfqZQsv4ehtTjFFxQ4sQKS2w6WR7emozFAn5cxu"
        )
        #expect(document.verificationMethod[1].publicKeyJwk?["crv"] == "Ed25519")
        #expect(document.verificationMethod[2].additionalProperties["publicKeyBase58"] != nil)
        #expect(
            document.authentication.map(\.id) == [
                "did:example:123456789abcdefghi#keys-1",
                "did:example:123456789abcdefghi#auth-only",
            ]
        )
        #expect(document.additionalProperties.keys == ["unknownTop", "anotherUnknown", "zeta"])
        #expect(document.service.map(\.types) == [["LinkedDomains"], ["DIDCommMessaging"], ["A", "B"]])
        #expect(document.service[0].endpoints == [.uri("https://bar.example.com")])
        #expect(document.service[1].endpointURIs == ["https://fallback.example.com/path?x=1"])
        #expect(document.service[1].endpoints.count == 2)
        #expect(document.service[1].additionalProperties["priority"] == 1)
        #expect(document.service[2].endpointURIs.isEmpty)
    }

    @Test("DID Core §3.2.2: relative and absolute ids find the same verification method or service")
    func lookup() throws {
        let document = try DIDDocument(json: #require(DocumentVectors.shared.roundTrip.first).document)
        #expect(document.verificationMethod(withID: "#keys-1")?.id == "did:example:123456789abcdefghi#keys-1")
        #expect(document.verificationMethod(withID: "did:example:123456789abcdefghi#keys-2")?.id == "#keys-2")
        #expect(document.verificationMethod(withID: "#auth-only")?.type == .multikey)
        #expect(document.verificationMethod(withID: "#missing") == nil)
        #expect(document.verificationMethod(withID: "did:example:other#keys-1") == nil)
        #expect(document.verificationMethods(for: .assertionMethod).map(\.id) == ["#keys-2"])
        #expect(document.verificationMethods(for: .authentication).count == 2)
        #expect(document.verificationMethods(for: .keyAgreement).isEmpty)
        #expect(document.isAuthorized("did:example:123456789abcdefghi#keys-2", for: .assertionMethod))
        #expect(!document.isAuthorized("#keys-2", for: .authentication))
        #expect(document.service(withID: "did:example:123456789abcdefghi#hub")?.types == ["DIDCommMessaging"])
        #expect(document.service(withID: "#linked-domain") != nil)
        #expect(document.service(withID: "#nope") == nil)
    }

    @Test("DID Resolution §expandRelativeUrls: relative ids become absolute")
    func expandRelativeURLs() throws {
        let document = try DIDDocument(json: #require(DocumentVectors.shared.roundTrip.first).document)
        let expanded = document.expandingRelativeURLs
        #expect(expanded.verificationMethod[1].id == "did:example:123456789abcdefghi#keys-2")
        #expect(expanded.assertionMethod == [.reference("did:example:123456789abcdefghi#keys-2")])
        #expect(expanded.service[1].id == "did:example:123456789abcdefghi#hub")
        #expect(expanded.verificationMethod[0] == document.verificationMethod[0])
    }

    @Test("DID Core §5: a document built from typed values writes the did:key shape")
    func buildDIDKeyDocument() throws {
        let did = try DID("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK")
        let keyID = did.description + "#" + did.methodSpecificID
        let document = DIDDocument(
            id: did,
            context: ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
            verificationMethod: [
                VerificationMethod(
                    id: keyID,
                    type: .multikey,
                    controller: did,
                    publicKeyMultibase: did.methodSpecificID
                )
            ],
            authentication: [.reference(keyID)],
            assertionMethod: [.reference(keyID)],
            capabilityInvocation: [.reference(keyID)],
            capabilityDelegation: [.reference(keyID)]
        )
        let expected = try #require(DocumentVectors.shared.roundTrip.first { $0.name.hasPrefix("did:key") })
        #expect(try document.json.serializedString() == expected.document.serializedString())
        #expect(try DIDDocument(json: expected.document) == document)
        #expect(throws: Never.self) { try document.validate() }
    }

    @Test("DID Core §5.2.1: validate() rejects private key material in a built document")
    func validateBuilt() throws {
        let did = try DID("did:example:123")
        var document = DIDDocument(id: did)
        document.verificationMethod = [
            VerificationMethod(
                id: "#k",
                type: .jsonWebKey,
                controller: did,
                publicKeyJwk: ["kty": "OKP", "crv": "Ed25519", "x": "abc", "d": "secret"]
            )
        ]
        let error = #expect(throws: DIDError.self) { try document.validate() }
        #expect(error?.reason.contains("private key member 'd'") == true)

        document.verificationMethod = []
        document.service = [
            .init(id: "#s", type: "T", serviceEndpoint: "https://a.example"),
            .init(id: "did:example:123#s", type: "T", serviceEndpoint: "https://b.example"),
        ]
        #expect(throws: DIDError.self) { try document.validate() }
    }

    @Test("DID Core §5.1.2: a single controller is a string unless it was read as an array")
    func controllerShape() throws {
        let did = try DID("did:example:123")
        let controller = try DID("did:example:456")
        let built = DIDDocument(id: did, controller: [controller])
        #expect(built.json["controller"] == "did:example:456")
        let read = try DIDDocument(json: ["id": "did:example:123", "controller": ["did:example:456"]])
        #expect(read.json["controller"] == ["did:example:456"])
        let two = DIDDocument(id: did, controller: [controller, did])
        #expect(two.json["controller"] == ["did:example:456", "did:example:123"])
    }

    @Test("DID Core §5: known member names in additionalProperties never duplicate a written member")
    func additionalPropertiesCannotShadow() throws {
        let did = try DID("did:example:123")
        let document = DIDDocument(id: did, additionalProperties: ["id": "did:example:evil", "x": 1])
        #expect(document.json == ["id": "did:example:123", "x": 1])
    }
}
