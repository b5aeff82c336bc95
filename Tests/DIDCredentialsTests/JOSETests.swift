// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDCredentials
import DIDCrypto
import Foundation
import Testing

@Suite("VC-JOSE-COSE and VC-JWT 1.1")
struct CredentialJOSETests {
    let resolver = CredentialsTestResolver()

    static let keyTypes: [KeyType] = [.ed25519, .p256, .p384, .secp256k1]

    @Test(
        "VC-JOSE-COSE §3.1.1: a vc+jwt issued with each algorithm verifies and carries the credential",
        arguments: keyTypes
    )
    func joseRoundTrip(keyType: KeyType) async throws {
        let signer = CredentialsTestKey(keyType)
        let credential = credentialsTestCredential(issuer: signer.did.description)
        let jwt = try JOSE.secure(credential: credential, key: signer.key, keyID: signer.verificationMethod)
        let jws = try JWS(compactSerialization: jwt)
        #expect(jws.header["typ"] == "vc+jwt")
        #expect(jws.header["cty"] == "vc")
        #expect(jws.keyID == signer.verificationMethod)
        let verification = await JOSE.verify(jwt, resolver: resolver, now: credentialsTestNow)
        #expect(verification.verified, "\(verification.result)")
        #expect(verification.document == credential)
        #expect(verification.mediaType == "application/vc")
    }

    @Test(
        "VC-JOSE-COSE §3.1.2, VC Data Model 1.1 §6.3.1, RFC 7519 §4.1.3: verify checks nonce against the challenge and the domain against aud, a string or an array"
    )
    func presentationBinding() async throws {
        let holder = CredentialsTestKey(.ed25519)
        let presentation: JSONObject = [
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "type": ["VerifiablePresentation"],
            "holder": .string(holder.did.description),
        ]
        let single = try JOSE.secure(
            presentation: presentation,
            key: holder.key,
            keyID: holder.verificationMethod,
            audience: "https://v.example",
            nonce: "c-1"
        )
        var addressed = presentation
        addressed["aud"] = ["https://other.example", "https://v.example"]
        addressed["nonce"] = "c-1"
        let several = try JOSE.secure(presentation: addressed, key: holder.key, keyID: holder.verificationMethod)
        var legacyPresentation = presentation
        legacyPresentation["@context"] = ["https://www.w3.org/2018/credentials/v1"]
        let legacy = try JOSE.secure(
            presentation: legacyPresentation,
            encoding: .vcJWT11,
            key: holder.key,
            keyID: holder.verificationMethod,
            audience: "https://v.example",
            nonce: "c-1"
        )
        for jwt in [single, several, legacy] {
            func problems(challenge: String?, domain: String?) async -> [VerificationProblem.Kind] {
                let verification = await JOSE.verify(
                    jwt,
                    resolver: resolver,
                    now: credentialsTestNow,
                    challenge: challenge,
                    domain: domain
                )
                return verification.result.problems.map(\.kind)
            }
            #expect(await problems(challenge: "c-1", domain: "https://v.example") == [])
            #expect(await problems(challenge: nil, domain: nil) == [])
            #expect(await problems(challenge: "c-2", domain: "https://v.example") == [.invalidChallenge])
            #expect(await problems(challenge: "c-1", domain: "https://w.example") == [.invalidDomain])
        }
        // A presentation bound to no verifier fails both checks when they are asked for.
        let unbound = try JOSE.secure(presentation: presentation, key: holder.key, keyID: holder.verificationMethod)
        let verification = await JOSE.verify(
            unbound,
            resolver: resolver,
            now: credentialsTestNow,
            challenge: "c-1",
            domain: "https://v.example"
        )
        #expect(verification.result.problems.map(\.kind) == [.invalidChallenge, .invalidDomain])
    }

    @Test("VC Data Model 1.1 §6.3.1: a VC-JWT issued with each algorithm verifies and decodes", arguments: keyTypes)
    func legacyRoundTrip(keyType: KeyType) async throws {
        let signer = CredentialsTestKey(keyType)
        let credential: JSONObject = [
            "@context": ["https://www.w3.org/2018/credentials/v1"],
            "id": "urn:uuid:1",
            "type": ["VerifiableCredential"],
            "issuer": .string(signer.did.description),
            "issuanceDate": "2020-01-01T00:00:00Z",
            "expirationDate": "2030-01-01T00:00:00Z",
            "credentialSubject": ["id": "did:example:s", "name": "S"],
        ]
        let jwt = try JOSE.secure(
            credential: credential,
            encoding: .vcJWT11,
            key: signer.key,
            keyID: signer.verificationMethod
        )
        let jws = try JWS(compactSerialization: jwt)
        #expect(jws.header["typ"] == "JWT")
        let claims = try #require(try JSONValue(parsing: jws.payload).objectValue)
        #expect(claims.keys == ["iss", "sub", "jti", "nbf", "exp", "vc"])
        #expect(claims["nbf"] == 1_577_836_800)
        #expect(claims["vc"]?["issuer"] == nil)
        let verification = await JOSE.verify(jwt, resolver: resolver, now: credentialsTestNow)
        #expect(verification.verified, "\(verification.result)")
        #expect(verification.document == credential)
        let late = Date(timeIntervalSince1970: 1_900_000_000)
        #expect(await JOSE.verify(jwt, resolver: resolver, now: late).result.problems.map(\.kind) == [.expired])
        let early = Date(timeIntervalSince1970: 1_500_000_000)
        #expect(await JOSE.verify(jwt, resolver: resolver, now: early).result.problems.map(\.kind) == [.notYetValid])

        // VC Data Model 1.1 §6.3.1: without kid, the issuer's assertionMethod keys are tried.
        let claimsBytes = try JSONValue.object(try VCJWT11.claims(credential: credential)).serialized()
        let noKid = try JWS.sign(payload: claimsBytes, header: ["typ": "JWT"], using: signer.key).compactSerialization
        let noKidResult = await JOSE.verify(noKid, resolver: resolver, now: credentialsTestNow)
        #expect(noKidResult.verified, "\(noKidResult.result)")
        let other = CredentialsTestKey(keyType)
        let foreign = try JWS.sign(payload: claimsBytes, header: ["typ": "JWT"], using: other.key).compactSerialization
        #expect(
            await JOSE.verify(foreign, resolver: resolver, now: credentialsTestNow).result.problems.map(\.kind)
                == [.signature]
        )
        let limited = CredentialsTestResolver(documents: [signer.did: try signer.document(removing: .assertionMethod)])
        #expect(
            await JOSE.verify(noKid, resolver: limited, now: credentialsTestNow).result.problems.map(\.kind)
                == [.invalidVerificationMethod]
        )

        // A 2.0 credential in the 1.1 encoding keeps its validFrom/validUntil names.
        var v2 = credentialsTestCredential(issuer: signer.did.description)
        v2["validUntil"] = "2030-01-01T00:00:00Z"
        let v2JWT = try JOSE.secure(
            credential: v2,
            encoding: .vcJWT11,
            key: signer.key,
            keyID: signer.verificationMethod
        )
        let v2Verification = await JOSE.verify(v2JWT, resolver: resolver, now: credentialsTestNow)
        #expect(v2Verification.verified, "\(v2Verification.result)")
        #expect(v2Verification.document == v2)
    }

    @Test("RFC 7515 §5.2: changing any byte of the compact JWS makes verification fail", arguments: keyTypes)
    func everyByteIsSigned(keyType: KeyType) async throws {
        let signer = CredentialsTestKey(keyType)
        let jwt = try JOSE.secure(
            credential: credentialsTestCredential(issuer: signer.did.description),
            key: signer.key,
            keyID: signer.verificationMethod
        )
        var bytes = Array(jwt.utf8)
        var survivors: [Int] = []
        // Every byte of header and payload, and every signature byte but the last (whose low bits base64url may
        // not carry).
        for index in bytes.indices.dropLast() {
            let original = bytes[index]
            bytes[index] = original == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
            let tampered = String(decoding: bytes, as: UTF8.self)
            if await JOSE.verify(tampered, resolver: resolver, now: credentialsTestNow).verified {
                survivors.append(index)
            }
            bytes[index] = original
        }
        #expect(survivors.isEmpty, "positions whose change went unnoticed: \(survivors)")
    }

    @Test("VC-JOSE-COSE: a changed payload is a signature problem")
    func signatureProblem() async throws {
        let signer = CredentialsTestKey(.ed25519)
        let jwt = try JOSE.secure(
            credential: credentialsTestCredential(issuer: signer.did.description),
            key: signer.key,
            keyID: signer.verificationMethod
        )
        let parts = jwt.split(separator: ".").map(String.init)
        var payload = try #require(try JSONValue(parsing: Base64URL.decode(parts[1])).objectValue)
        payload["name"] = "Changed"
        let changed = parts[0] + "." + Base64URL.encode(try JSONValue.object(payload).serialized()) + "." + parts[2]
        let result = await JOSE.verify(changed, resolver: resolver, now: credentialsTestNow)
        #expect(result.result.problems.map(\.kind) == [.signature])
    }

    @Test("CID 1.0 §3.3: a kid not under assertionMethod is rejected with that reason")
    func keyNotAuthorized() async throws {
        let signer = CredentialsTestKey(.p256)
        let jwt = try JOSE.secure(
            credential: credentialsTestCredential(issuer: signer.did.description),
            key: signer.key,
            keyID: signer.verificationMethod
        )
        let limited = CredentialsTestResolver(documents: [signer.did: try signer.document(removing: .assertionMethod)])
        let result = await JOSE.verify(jwt, resolver: limited, now: credentialsTestNow)
        #expect(result.result.problems.map(\.kind) == [.keyNotAuthorized])
    }

    @Test("VC-JOSE-COSE §3.1: iss, issuer, typ, cty, kid and vc-claim rules")
    func headerAndClaimRules() async throws {
        let signer = CredentialsTestKey(.ed25519)
        let other = CredentialsTestKey(.ed25519)
        func kinds(_ jwt: String) async -> [VerificationProblem.Kind] {
            await JOSE.verify(jwt, resolver: resolver, now: credentialsTestNow).result.problems.map(\.kind)
        }
        func sign(_ payload: JSONObject, _ header: JSONObject, key: CredentialsTestKey) throws -> String {
            try JWS.sign(payload: try JSONValue.object(payload).serialized(), header: header, using: key.key)
                .compactSerialization
        }
        let credential = credentialsTestCredential(issuer: signer.did.description)
        let kid = JSONValue.string(signer.verificationMethod)
        // Signed by someone else's key: not the issuer's.
        let foreign = try JOSE.secure(credential: credential, key: other.key, keyID: other.verificationMethod)
        #expect(await kinds(foreign) == [.keyNotAuthorized])
        var withISS = credential
        withISS["iss"] = .string(other.did.description)
        #expect(await kinds(try sign(withISS, ["kid": kid, "typ": "vc+jwt"], key: signer)) == [.malformed])
        #expect(await kinds(try sign(credential, ["kid": kid, "typ": "text/plain"], key: signer)) == [.malformed])
        #expect(
            await kinds(try sign(credential, ["kid": kid, "typ": "vc+jwt", "cty": "vp"], key: signer)) == [.malformed]
        )
        #expect(await kinds(try sign(credential, ["typ": "vc+jwt"], key: signer)) == [.malformed])
        var withVC = credential
        withVC["vc"] = [:]
        #expect(await kinds(try sign(withVC, ["kid": kid, "typ": "vc+jwt"], key: signer)) == [.malformed])
        #expect(throws: CredentialError(.malformedDocument, "")) {
            try JOSE.secure(credential: withVC, key: signer.key, keyID: signer.verificationMethod)
        }
        // A relative kid is resolved against the issuer.
        let relative = "#" + signer.did.methodSpecificID
        let relativeJWT = try sign(credential, ["kid": .string(relative), "typ": "vc+jwt"], key: signer)
        #expect(await kinds(relativeJWT) == [])
        // No typ: accepted with a warning.
        let untyped = await JOSE.verify(
            try sign(credential, ["kid": kid], key: signer),
            resolver: resolver,
            now: credentialsTestNow
        )
        #expect(untyped.verified && untyped.result.warnings.count == 1)
        #expect(await kinds("not.a.jwt") == [.malformed])
        #expect(await kinds("eyJhbGciOiJub25lIn0.e30.") == [.malformed])
    }

    @Test("VC-JOSE-COSE §3.1.2: a vp+jwt with an enveloped vc+jwt verifies both")
    func presentation() async throws {
        let issuer = CredentialsTestKey(.ed25519)
        let holder = CredentialsTestKey(.secp256k1)
        let credentialJWT = try JOSE.secure(
            credential: credentialsTestCredential(issuer: issuer.did.description),
            key: issuer.key,
            keyID: issuer.verificationMethod
        )
        let presentation: JSONObject = [
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "type": ["VerifiablePresentation"],
            "holder": .string(holder.did.description),
            "verifiableCredential": [
                [
                    "@context": "https://www.w3.org/ns/credentials/v2",
                    "id": .string("data:application/vc+jwt," + credentialJWT),
                    "type": "EnvelopedVerifiableCredential",
                ]
            ],
        ]
        let jwt = try JOSE.secure(presentation: presentation, key: holder.key, keyID: holder.verificationMethod)
        let result = await JOSE.verify(jwt, resolver: resolver, now: credentialsTestNow)
        #expect(result.verified, "\(result.result)")
        // Embedded Data Integrity credentials are verified too.
        let embedded = try DataIntegrity.addProof(
            to: credentialsTestCredential(issuer: issuer.did.description),
            options: ProofOptions(cryptosuite: .eddsaJcs2022, verificationMethod: issuer.verificationMethod),
            key: issuer.key
        )
        var mixed = presentation
        var tamperedEmbedded = embedded
        tamperedEmbedded["name"] = "Changed"
        mixed["verifiableCredential"] = .array(
            (presentation["verifiableCredential"]?.arrayValue ?? []) + [.object(embedded)]
        )
        let mixedJWT = try JOSE.secure(presentation: mixed, key: holder.key, keyID: holder.verificationMethod)
        #expect(await JOSE.verify(mixedJWT, resolver: resolver, now: credentialsTestNow).verified)
        mixed["verifiableCredential"] = [.object(tamperedEmbedded)]
        let tamperedJWT = try JOSE.secure(presentation: mixed, key: holder.key, keyID: holder.verificationMethod)
        let tamperedResult = await JOSE.verify(tamperedJWT, resolver: resolver, now: credentialsTestNow)
        #expect(tamperedResult.result.problems.map(\.kind) == [.signature])
        #expect(result.mediaType == "application/vp")
        // The presentation key must be under authentication.
        let noAuthentication = CredentialsTestResolver(
            documents: [holder.did: try holder.document(removing: .authentication)]
        )
        #expect(
            await JOSE.verify(jwt, resolver: noAuthentication, now: credentialsTestNow).result.problems.map(\.kind)
                == [.keyNotAuthorized]
        )
        // A broken enveloped credential fails the presentation.
        var broken = presentation
        broken["verifiableCredential"] = [
            [
                "@context": "https://www.w3.org/ns/credentials/v2",
                "id": .string("data:application/vc+jwt," + credentialJWT.dropLast(3) + "AAA"),
                "type": "EnvelopedVerifiableCredential",
            ]
        ]
        let brokenJWT = try JOSE.secure(presentation: broken, key: holder.key, keyID: holder.verificationMethod)
        let brokenResult = await JOSE.verify(brokenJWT, resolver: resolver, now: credentialsTestNow)
        #expect(brokenResult.result.problems.map(\.kind) == [.signature])
        // The same enveloped credential inside a Data Integrity presentation.
        let signedAgain = try DataIntegrity.addProof(
            to: presentation.merging(holder: issuer.did.description),
            options: ProofOptions(
                cryptosuite: .eddsaJcs2022,
                verificationMethod: issuer.verificationMethod,
                proofPurpose: .authentication
            ),
            key: issuer.key
        )
        let diResult = await VerifiablePresentation(json: signedAgain).verify(
            resolver: resolver,
            now: credentialsTestNow
        )
        #expect(diResult.verified, "\(diResult)")
    }
}

extension JSONObject {
    fileprivate func merging(holder: String) -> JSONObject {
        var copy = self
        copy["holder"] = .string(holder)
        return copy
    }
}
