// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDCredentials
import DIDCrypto
import Foundation
import Testing

@Suite("VC Data Model: credentials and presentations")
struct CredentialModelTests {
    let resolver = CredentialsTestResolver()

    @Test("VC Data Model 2.0 §4: unknown properties and the received bytes are kept")
    func keepsEverything() throws {
        let text =
            #"{"@context":["https://www.w3.org/ns/credentials/v2"],"zeta":1.50,"type":"VerifiableCredential","#
            + #""issuer":{"id":"did:example:i","logo":"x"},"credentialSubject":{"id":"did:example:s","a":[1,2]},"#
            + #""validFrom":"2024-01-01T00:00:00+01:00"}"#
        let credential = try VerifiableCredential(bytes: Array(text.utf8))
        #expect(credential.receivedBytes == Array(text.utf8))
        #expect(credential.json.keys == ["@context", "zeta", "type", "issuer", "credentialSubject", "validFrom"])
        #expect(credential.json["zeta"] == 1.5)
        #expect(credential.issuer == "did:example:i")
        #expect(credential.types == ["VerifiableCredential"])
        #expect(credential.credentialSubjects.first?["a"] == [1, 2])
        #expect(try credential.validFrom == DateTime("2023-12-31T23:00:00Z", rules: .dateTimeStamp).date)
        #expect(credential.version == .v2)
        #expect(credential.validate().isEmpty)
        #expect(throws: CredentialError(.invalidJSON, "")) { try VerifiableCredential(bytes: Array("[]".utf8)) }
        #expect(throws: CredentialError(.invalidJSON, "")) { try VerifiableCredential(bytes: Array("{".utf8)) }
    }

    @Test("VC Data Model 2.0 §4: one problem per broken rule")
    func onePerRule() {
        let credential = VerifiableCredential(json: [
            "@context": ["https://www.w3.org/ns/credentials/v2", 7],
            "id": ["a:b"],
            "type": ["Thing"],
            "issuer": "not a url",
            "credentialSubject": [:],
            "validFrom": "2024-01-02T00:00:00Z",
            "validUntil": "2024-01-01T00:00:00Z",
            "credentialStatus": ["id": "x:y"],
        ])
        let members = credential.validate().map { String($0.reason.prefix { $0 != ":" }) }
        #expect(
            members == [
                "@context[1]", "id", "type", "type", "issuer", "credentialSubject", "validUntil",
                "credentialStatus.type",
            ]
        )
        #expect(credential.validate().allSatisfy { $0.kind == .malformed })
    }

    @Test("VC Data Model 1.1 §4.6/§4.7: issuanceDate required, expirationDate read")
    func version11() throws {
        var json: JSONObject = [
            "@context": ["https://www.w3.org/2018/credentials/v1"],
            "type": ["VerifiableCredential"],
            "issuer": "did:example:issuer",
            "credentialSubject": ["id": "did:example:s"],
        ]
        #expect(VerifiableCredential(json: json).version == .v1_1)
        #expect(VerifiableCredential(json: json).validate().map(\.reason).first?.hasPrefix("issuanceDate") == true)
        json["issuanceDate"] = "2020-01-01T00:00:00Z"
        json["expirationDate"] = "2021-01-01T00:00:00Z"
        let credential = VerifiableCredential(json: json)
        #expect(credential.validate().isEmpty)
        #expect(try credential.validUntil == DateTime("2021-01-01T00:00:00Z", rules: .dateTimeStamp).date)
    }

    func issued(_ signer: CredentialsTestKey, edit: (inout JSONObject) -> Void = { _ in }) throws -> JSONObject {
        var json = credentialsTestCredential(issuer: signer.did.description)
        edit(&json)
        return try DataIntegrity.addProof(
            to: json,
            options: ProofOptions(cryptosuite: .eddsaJcs2022, verificationMethod: signer.verificationMethod),
            key: signer.key
        )
    }

    @Test("VC Data Model 2.0 §7.1: a secured credential verifies; time, issuer and tampering are typed problems")
    func verifyCredential() async throws {
        let signer = CredentialsTestKey(.ed25519)
        let secured = try issued(signer)
        let bytes = try JSONValue.object(secured).serialized(.pretty)
        let credential = try VerifiableCredential(bytes: bytes)
        #expect(await credential.verify(resolver: resolver, now: credentialsTestNow).verified)

        let early = Date(timeIntervalSince1970: 1_600_000_000)
        #expect(await credential.verify(resolver: resolver, now: early).problems.map(\.kind) == [.notYetValid])

        let expiring = try issued(signer) { $0["validUntil"] = "2024-01-01T00:00:00Z" }
        let expired = await VerifiableCredential(json: expiring).verify(resolver: resolver, now: credentialsTestNow)
        #expect(expired.problems.map(\.kind) == [.expired])

        let other = CredentialsTestKey(.ed25519)
        let foreign = try DataIntegrity.addProof(
            to: credentialsTestCredential(issuer: signer.did.description),
            options: ProofOptions(cryptosuite: .eddsaJcs2022, verificationMethod: other.verificationMethod),
            key: other.key
        )
        let wrongIssuer = await VerifiableCredential(json: foreign).verify(resolver: resolver, now: credentialsTestNow)
        #expect(wrongIssuer.problems.map(\.kind) == [.keyNotAuthorized])

        var tampered = secured
        tampered["credentialSubject"] = ["id": "did:example:abcdefgh", "alumniOf": "Another School"]
        let changed = await VerifiableCredential(json: tampered).verify(resolver: resolver, now: credentialsTestNow)
        #expect(changed.problems.map(\.kind) == [.signature])

        let unsigned = VerifiableCredential(json: credentialsTestCredential(issuer: signer.did.description))
        #expect(await unsigned.verify(resolver: resolver, now: credentialsTestNow).problems.map(\.kind) == [.malformed])

        let limited = CredentialsTestResolver(documents: [signer.did: try signer.document(removing: .assertionMethod)])
        let unauthorised = await credential.verify(resolver: limited, now: credentialsTestNow)
        #expect(unauthorised.problems.map(\.kind) == [.keyNotAuthorized])
        #expect(unauthorised.json["verified"] == false)
    }

    @Test("VC Data Model 2.0 §4.13: a presentation verifies with its challenge, domain and embedded credentials")
    func verifyPresentation() async throws {
        let issuer = CredentialsTestKey(.ed25519)
        let holder = CredentialsTestKey(.p256)
        let credential = try issued(issuer)
        let presentation: JSONObject = [
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "type": ["VerifiablePresentation"],
            "holder": .string(holder.did.description),
            "verifiableCredential": [.object(credential)],
        ]
        let secured = try DataIntegrity.addProof(
            to: presentation,
            options: ProofOptions(
                cryptosuite: .ecdsaJcs2019,
                verificationMethod: holder.verificationMethod,
                proofPurpose: .authentication,
                domain: ["https://verifier.example"],
                challenge: "c-123"
            ),
            key: holder.key
        )
        let vp = VerifiablePresentation(json: secured)
        #expect(vp.validate().isEmpty)
        #expect(vp.holder == holder.did.description)
        let ok = await vp.verify(
            resolver: resolver,
            challenge: "c-123",
            domain: ["https://verifier.example"],
            now: credentialsTestNow
        )
        #expect(ok.verified, "\(ok)")
        let replay = await vp.verify(resolver: resolver, challenge: "c-456", now: credentialsTestNow)
        #expect(replay.problems.map(\.kind) == [.invalidChallenge])

        // A credential changed inside the signed presentation breaks both signatures.
        var inner = credential
        inner["name"] = "Changed"
        var changed = secured
        changed["verifiableCredential"] = [.object(inner)]
        let result = await VerifiablePresentation(json: changed).verify(resolver: resolver, now: credentialsTestNow)
        #expect(result.problems.map(\.kind) == [.signature, .signature])
        #expect(result.problems.last?.reason.hasPrefix("verifiableCredential[0]") == true)
    }
}
