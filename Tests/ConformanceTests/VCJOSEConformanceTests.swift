// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDCredentials
import DIDCrypto
import DIDMethodKey
import DIDTestSupport
import Foundation
import Testing

/// Upstream `vc-jose-cose/` (project-generated known answers) and `vc-jwt-1.1/` (w3c/vc-test-suite inputs).
@Suite("Conformance: vc-jose-cose, vc-jwt-1.1", .upstreamVectors)
struct VCJOSEConformanceTests {
    static func object(_ path: String) throws -> JSONObject? {
        let data = try TestVectors.upstreamData(path)
        guard case .object(let object) = try JSONValue(parsing: data) else {
            Issue.record("\(path) is not a JSON object")
            return nil
        }
        return object
    }

    static func report(_ suite: String, _ checks: [(String, Bool)], note: String = "") {
        var passed = 0
        var failed = 0
        for (name, ok) in checks {
            #expect(ok, "\(suite): \(name)")
            if ok { passed += 1 } else { failed += 1 }
        }
        TestVectors.report(suite: suite, passed: passed, failed: failed, note: note)
    }

    @Test("VC-JOSE-COSE §3.1.1 and VC Data Model 1.1 §6.3.1: known-answer JWTs reproduced and verified")
    func knownAnswers() async throws {
        guard let file = try Self.object("vc-jose-cose/vc-jwt-eddsa.json") else { return }
        let keyInfo = try #require(file["key"]?.objectValue)
        let key = try PrivateKey(jwk: try #require(keyInfo["privateJwk"]?.objectValue))
        let kid = try #require(keyInfo["kid"]?.stringValue)
        let vectors = try #require(file["vectors"]?.arrayValue)
        var checks: [(String, Bool)] = []
        checks.append(
            ("did:key of the key", DIDKeyMethod.did(for: key.publicKey).description == keyInfo["did"]?.stringValue)
        )

        // 1. vc+jwt.
        let jose = try #require(vectors[0].objectValue)
        let payload = try #require(jose["payload"]?.objectValue)
        let compact = try #require(jose["compactJws"]?.stringValue)
        let payloadJSON = try #require(jose["payloadJson"]?.stringValue)
        checks.append(("payload serialization", try JSONValue.object(payload).serializedString() == payloadJSON))
        let issued = try JOSE.secure(credential: payload, key: key, keyID: kid)
        checks.append(("vc+jwt byte for byte", issued == compact))
        let now = Date(timeIntervalSince1970: 1_717_200_000)
        let verified = await JOSE.verify(compact, resolver: DIDKeyMethod(), now: now)
        let expected = jose["expectedVerification"]
        checks.append(("vc+jwt verifies", verified.verified == (expected?["status"] == true)))
        checks.append(("vc+jwt media type", verified.mediaType == expected?["mediaType"]?.stringValue))
        checks.append(("vc+jwt document", verified.document.map(JSONValue.object) == expected?["document"]))
        var bytes = Array(compact.utf8)
        bytes[bytes.count / 2] ^= 0x01
        let tampered = await JOSE.verify(String(decoding: bytes, as: UTF8.self), resolver: DIDKeyMethod(), now: now)
        checks.append(("vc+jwt with a flipped payload byte fails", !tampered.verified))

        // 2. VC-JWT 1.1.
        let legacy = try #require(vectors[1].objectValue)
        let unsecured = try #require(legacy["unsecuredCredentialBeforeEncoding"]?.objectValue)
        let claims = try VCJWT11.claims(credential: unsecured)
        checks.append(("1.1 claims", .object(claims) == legacy["payload"]))
        checks.append(
            (
                "1.1 claims serialization",
                try JSONValue.object(claims).serializedString() == legacy["payloadJson"]?.stringValue
            )
        )
        let legacyCompact = try #require(legacy["compactJws"]?.stringValue)
        let legacyIssued = try JOSE.secure(credential: unsecured, encoding: .vcJWT11, key: key, keyID: kid)
        checks.append(("1.1 JWT byte for byte", legacyIssued == legacyCompact))
        // Within the JWT's nbf…exp window.
        let then = Date(timeIntervalSince1970: 1_400_000_000)
        let legacyVerified = await JOSE.verify(legacyCompact, resolver: DIDKeyMethod(), now: then)
        checks.append(("1.1 JWT verifies", legacyVerified.verified))
        checks.append(
            (
                "1.1 decoded credential",
                legacyVerified.document.map(JSONValue.object) == legacy["expectedDecodedCredential"]
            )
        )
        let expired = await JOSE.verify(legacyCompact, resolver: DIDKeyMethod(), now: now)
        checks.append(("1.1 JWT past exp is expired", expired.result.problems.map(\.kind) == [.expired]))
        Self.report("vc-jose-cose/vc-jwt-eddsa.json", checks)
    }

    @Test("VC Data Model 1.1 §6.3.1: vc-test-suite JWT inputs encode, sign, verify and decode")
    func vcTestSuiteInputs() async throws {
        let base = "vc-jwt-1.1/"
        let signer = try PrivateKey(multibase: "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq")
        let did = DIDKeyMethod.did(for: signer.publicKey).description
        let kid = did + "#" + did.dropFirst("did:key:".count)
        let within = Date(timeIntervalSince1970: 1_400_000_000)
        var checks: [(String, Bool)] = []

        for name in [
            "example-016-jwt", "example-016-jwt-no-exp", "example-016-jwt-no-jti",
            "example-016-jwt-with-embedded-proof",
        ] {
            guard var credential = try Self.object(base + name + ".jsonld") else { return }
            let claims = try VCJWT11.claims(credential: credential)
            checks.append(("\(name): iss", claims["iss"] == credential["issuer"]))
            checks.append(("\(name): jti", claims["jti"] == credential["id"]))
            checks.append(("\(name): sub", claims["sub"] == credential["credentialSubject"]?["id"]))
            checks.append(
                (
                    "\(name): nbf",
                    claims["nbf"]
                        == .number(
                            (try? DateTime(credential["issuanceDate"]?.stringValue ?? "", rules: .dateTimeStamp))?
                                .date.timeIntervalSince1970 ?? -1
                        )
                )
            )
            let exp = credential["expirationDate"]?.stringValue.flatMap {
                try? DateTime($0, rules: .dateTimeStamp).date
            }
            checks.append(("\(name): exp", claims["exp"] == exp.map { .number($0.timeIntervalSince1970) }))
            checks.append(("\(name): proof stays in vc", claims["vc"]?["proof"] == credential["proof"]))
            checks.append(("\(name): decode(encode(x)) == x", VCJWT11.credential(fromClaims: claims) == credential))
            credential["issuer"] = .string(did)
            let jwt = try JOSE.secure(credential: credential, encoding: .vcJWT11, key: signer, keyID: kid)
            let verified = await JOSE.verify(jwt, resolver: DIDKeyMethod(), now: within)
            checks.append(("\(name): signed and verified", verified.verified && verified.document == credential))
        }

        for name in [
            "example-016-jwt-presentation", "example-016-jwt-presentation-no-iss",
            "example-016-jwt-presentation-no-jti",
        ] {
            guard let presentation = try Self.object(base + name + ".jsonld") else { return }
            let claims = VCJWT11.claims(presentation: presentation, audience: "did:example:0xcafe")
            checks.append(("\(name): iss = holder", claims["iss"] == presentation["holder"]))
            checks.append(("\(name): jti = id", claims["jti"] == presentation["id"]))
            checks.append(("\(name): aud", claims["aud"] == "did:example:0xcafe"))
            checks.append(
                (
                    "\(name): vp keeps the credentials",
                    claims["vp"]?["verifiableCredential"] == presentation["verifiableCredential"]
                )
            )
            checks.append(("\(name): decode(encode(x)) == x", VCJWT11.presentation(fromClaims: claims) == presentation))
        }

        // The RS256 JWT (no key published): decode only, checking the claim mapping.
        let data = try TestVectors.upstreamData(base + "example-016-jwt.jwt")
        let compact = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let segments = compact.split(separator: ".")
        let payload = try #require(try JSONValue(parsing: Base64URL.decode(segments[1])).objectValue)
        let decoded = try #require(VCJWT11.credential(fromClaims: payload))
        checks.append(("RS256 JWT: issuer ← iss", decoded["issuer"] == payload["iss"]))
        checks.append(("RS256 JWT: id ← jti", decoded["id"] == payload["jti"]))
        checks.append(("RS256 JWT: credentialSubject.id ← sub", decoded["credentialSubject"]?["id"] == payload["sub"]))
        checks.append(("RS256 JWT: issuanceDate ← nbf", decoded["issuanceDate"] == "2018-11-06T08:42:04Z"))
        checks.append(("RS256 JWT: expirationDate ← exp", decoded["expirationDate"] == "2019-11-06T08:42:03Z"))
        let unsupported = await JOSE.verify(compact, resolver: DIDKeyMethod(), now: within)
        checks.append(("RS256 JWT is refused, not verified", !unsupported.verified))
        Self.report(
            "vc-jwt-1.1",
            checks,
            note: "RS256 example decoded only: no key is published and RS256 is not implemented"
        )
    }
}
