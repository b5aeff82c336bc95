// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDCredentials
import DIDCrypto
import Foundation
import Testing

@Suite("CredentialIssuer: issuance defaults, format rules and the issuer's authorization")
struct CredentialIssuerTests {
    static let issuerDID = "did:example:issuer"

    /// A resolver where `did:example:issuer` lists `key` as `#key-1` under assertionMethod and authentication.
    static func resolver(authorizing key: PrivateKey) throws -> CredentialsTestResolver {
        let id = issuerDID + "#key-1"
        let document = try DIDDocument(
            json: [
                "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
                "id": .string(issuerDID),
                "verificationMethod": [
                    [
                        "id": .string(id),
                        "type": "Multikey",
                        "controller": .string(issuerDID),
                        "publicKeyMultibase": .string(key.publicKey.multibaseRepresentation),
                    ]
                ],
                "assertionMethod": [.string(id)],
                "authentication": [.string(id)],
            ]
        )
        return CredentialsTestResolver(documents: [try DID(issuerDID): document])
    }

    /// Verifies a secured credential; returns the result and the document (decoded from the claims for VC-JWT 1.1).
    static func verify(
        _ secured: SecuredDocument,
        resolver: some DIDResolver
    ) async -> (result: VerificationResult, document: JSONObject?) {
        switch secured {
        case .json(let object):
            let result = await VerifiableCredential(json: object).verify(resolver: resolver, now: credentialsTestNow)
            return (result, object)
        case .jwt(let compact):
            let verification = await JOSE.verify(compact, resolver: resolver, now: credentialsTestNow)
            return (verification.result, verification.document)
        }
    }

    static let formats: [SecuringFormat] = [.dataIntegrity(.eddsaJcs2022), .joseCose, .vcJWT11]

    /// The test credential in the data model version the format carries.
    static func credential(for format: SecuringFormat, issuer: String?) -> JSONObject {
        var credential = credentialsTestCredential(issuer: issuer ?? "")
        if issuer == nil { credential["issuer"] = nil }
        if format == .vcJWT11 {
            credential["@context"] = ["https://www.w3.org/2018/credentials/v1"]
            credential["issuanceDate"] = credential["validFrom"]
            credential["validFrom"] = nil
        }
        return credential
    }

    @Test("issuing defaults: no issuer becomes the signer's DID, no validFrom the clock's now; the result verifies")
    func defaults() async throws {
        let signer = CredentialsTestKey(.ed25519)
        let issuer = CredentialIssuer(resolver: CredentialsTestResolver(), clock: { credentialsTestNow })
        var credential = credentialsTestCredential()
        credential["issuer"] = nil
        credential["validFrom"] = nil
        let secured = try await issuer.issue(
            credential: credential,
            format: .dataIntegrity(.eddsaJcs2022),
            signer: try IssuanceSigner(key: signer.key, verificationMethod: signer.verificationMethod)
        )
        guard case .json(let object) = secured else {
            Issue.record("a Data Integrity credential is JSON: \(secured)")
            return
        }
        #expect(object["issuer"] == .string(signer.did.description))
        #expect(object["validFrom"] == .string(DateTime(credentialsTestNow).text))
        #expect(object["proof"]?["created"] == .string(DateTime(credentialsTestNow).text))
        let result = await VerifiableCredential(json: object).verify(
            resolver: CredentialsTestResolver(),
            now: credentialsTestNow
        )
        #expect(result.verified, "\(result)")
    }

    @Test(
        "VC Data Integrity 1.0 §4, Controlled Identifiers 1.0 §3.3: a credential is issued only with a key the issuer's document lists under assertionMethod; what is issued verifies and keeps its issuer",
        arguments: formats
    )
    func issuerAuthorizesTheKey(format: SecuringFormat) async throws {
        let key = PrivateKey.generate(.ed25519)
        let own = try IssuanceSigner(key: key, verificationMethod: Self.issuerDID + "#key-1")
        let resolver = try Self.resolver(authorizing: key)
        let issuer = CredentialIssuer(resolver: resolver, clock: { credentialsTestNow })
        let credential = Self.credential(for: format, issuer: Self.issuerDID)

        let secured = try await issuer.issue(credential: credential, format: format, signer: own)
        let verification = await Self.verify(secured, resolver: resolver)
        #expect(verification.result.verified, "\(verification.result)")
        #expect(verification.document?["issuer"] == .string(Self.issuerDID))
        if case .jwt(let compact) = secured {
            let claims = try JSONValue(parsing: try JWS(compactSerialization: compact).payload)
            // VC-JWT 1.1 moves the issuer to iss; a vc+jwt payload is the credential itself.
            #expect(claims[format == .vcJWT11 ? "iss" : "issuer"] == .string(Self.issuerDID))
        }

        // The key's own did:key is not the issuer: refused, naming the method and the issuer.
        let didKey = CredentialsTestKey(.ed25519)
        let foreign = try IssuanceSigner(key: didKey.key, verificationMethod: didKey.verificationMethod)
        let refused = await #expect(throws: CredentialError.self) {
            try await issuer.issue(credential: credential, format: format, signer: foreign)
        }
        #expect(refused?.code == .keyNotAuthorized)
        #expect(refused?.reason.contains(didKey.verificationMethod) == true)
        #expect(refused?.reason.contains(Self.issuerDID) == true)

        // The issuer's method, but not under assertionMethod.
        var withoutAssertion = try #require(resolver.documents[try DID(Self.issuerDID)])
        withoutAssertion.assertionMethod = []
        let narrowed = CredentialIssuer(
            resolver: CredentialsTestResolver(documents: [try DID(Self.issuerDID): withoutAssertion]),
            clock: { credentialsTestNow }
        )
        let unlisted = await #expect(throws: CredentialError.self) {
            try await narrowed.issue(credential: credential, format: format, signer: own)
        }
        #expect(unlisted?.code == .keyNotAuthorized)
        #expect(unlisted?.reason.contains("assertionMethod") == true)

        // The issuer's method with another key.
        let impostor = try IssuanceSigner(
            key: PrivateKey.generate(.ed25519),
            verificationMethod: Self.issuerDID + "#key-1"
        )
        let mismatched = await #expect(throws: CredentialError.self) {
            try await issuer.issue(credential: credential, format: format, signer: impostor)
        }
        #expect(mismatched?.code == .keyNotAuthorized)
    }

    @Test("VC Data Model 1.1 §6.3.1: VC-JWT 1.1 refuses a VC Data Model 2.0 credential and names vc-jwt")
    func vcJWT11RefusesVersion2() async throws {
        let signer = CredentialsTestKey(.p256)
        let issuer = CredentialIssuer(resolver: CredentialsTestResolver(), clock: { credentialsTestNow })
        let refused = await #expect(throws: CredentialError.self) {
            try await issuer.issue(
                credential: credentialsTestCredential(issuer: signer.did.description),
                format: .vcJWT11,
                signer: try IssuanceSigner(key: signer.key, verificationMethod: signer.verificationMethod)
            )
        }
        #expect(refused?.code == .malformedDocument)
        #expect(refused?.reason.contains("vc-jwt") == true)
    }

    @Test("a Data Integrity suite that cannot use the key type is refused before anything is resolved")
    func suiteKeyType() async throws {
        let signer = CredentialsTestKey(.secp256k1)
        let issuer = CredentialIssuer(resolver: CredentialsTestResolver(), clock: { credentialsTestNow })
        let refused = await #expect(throws: CredentialError.self) {
            try await issuer.issue(
                credential: credentialsTestCredential(issuer: signer.did.description),
                format: .dataIntegrity(.eddsaJcs2022),
                signer: try IssuanceSigner(key: signer.key, verificationMethod: signer.verificationMethod)
            )
        }
        #expect(refused?.code == .invalidKey)
    }

    @Test(
        "VC Data Model 2.0 §4.13: a presentation holds JSON and enveloped JWT credentials, is bound to challenge and domain, and verifies",
        arguments: [SecuringFormat.dataIntegrity(.eddsaJcs2022), .joseCose]
    )
    func presentation(format: SecuringFormat) async throws {
        let holderKey = CredentialsTestKey(.ed25519)
        let issuerKey = CredentialsTestKey(.p256)
        let resolver = CredentialsTestResolver()
        let issuer = CredentialIssuer(resolver: resolver, clock: { credentialsTestNow })
        let issuing = try IssuanceSigner(key: issuerKey.key, verificationMethod: issuerKey.verificationMethod)
        let credential = credentialsTestCredential(issuer: issuerKey.did.description)
        let credentials = [
            try await issuer.issue(credential: credential, format: .dataIntegrity(.ecdsaJcs2019), signer: issuing),
            try await issuer.issue(credential: credential, format: .joseCose, signer: issuing),
        ]
        let holder = try IssuanceSigner(key: holderKey.key, verificationMethod: holderKey.verificationMethod)
        let secured = try await issuer.present(
            credentials,
            format: format,
            signer: holder,
            challenge: "c-1",
            domain: "https://v.example"
        )
        let result: VerificationResult
        switch secured {
        case .json(let object):
            #expect(format != .joseCose)
            result = await VerifiablePresentation(json: object).verify(
                resolver: resolver,
                challenge: "c-1",
                domain: ["https://v.example"],
                now: credentialsTestNow
            )
        case .jwt(let compact):
            #expect(format == .joseCose)
            result = await JOSE.verify(
                compact,
                resolver: resolver,
                now: credentialsTestNow,
                challenge: "c-1",
                domain: "https://v.example"
            ).result
        }
        #expect(result.verified, "\(result)")

        let refused = await #expect(throws: CredentialError.self) {
            try await issuer.present(credentials, format: .vcJWT11, signer: holder)
        }
        #expect(refused?.code == .malformedDocument)
    }
}
