// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDCrypto
import DIDTestSupport
import Testing

/// Upstream `rfc8037-jws-eddsa/`: RFC 8037 Appendix A.1 (keys), A.3 (thumbprint), A.4 (JWS `alg: EdDSA`).
@Suite("Conformance: rfc8037-jws-eddsa", .upstreamVectors)
struct RFC8037ConformanceTests {
    @Test("RFC 8037 A.1–A.5: JWK import/export, RFC 7638 thumbprint, JWS byte-equal and verifying")
    func jwsEdDSA() throws {
        let data = try TestVectors.upstreamData("rfc8037-jws-eddsa/rfc8037-a4.json")
        let file = try JSONValue(parsing: data)
        let privateJWK = try #require(file["privateJwk"]?.objectValue)
        let publicJWK = try #require(file["publicJwk"]?.objectValue)
        let payload = Array(try #require(file["payloadUtf8"]?.stringValue).utf8)
        let compact = try #require(file["compactJws"]?.stringValue)
        var checks: [(String, Bool)] = []

        let key = try PrivateKey(jwk: privateJWK)
        checks.append(("A.1 private JWK round trip", key.jwkRepresentation(includingPrivate: true) == privateJWK))
        checks.append(("A.2 public JWK", key.publicKey.jwkRepresentation == publicJWK))
        checks.append(("A.2 public JWK import", try PublicKey(jwk: publicJWK) == key.publicKey))
        let thumbprint = file["jwkThumbprintSha256"]?.stringValue
        checks.append(("A.3 thumbprint", key.publicKey.jwkThumbprint() == thumbprint))
        checks.append(("A.3 thumbprint (generic)", try JWK.thumbprint(of: publicJWK) == thumbprint))
        let signed = try JWS.sign(payload: payload, using: key)
        checks.append(("A.4 compact JWS byte-equal", signed.compactSerialization == compact))
        let parts = compact.split(separator: ".").map(String.init)
        checks.append(
            (
                "A.4 segments",
                parts
                    == [
                        file["protectedB64"]?.stringValue, file["payloadB64"]?.stringValue,
                        file["signatureB64"]?.stringValue,
                    ].compactMap { $0 }
            )
        )
        let verified = try JWS.verify(compact, using: try PublicKey(jwk: publicJWK))
        checks.append(("A.5 verification", verified.payload == payload && verified.algorithm == .edDSA))
        let header = file["protectedHeaderJson"]?.stringValue.map { try? JSONValue(parsing: $0) } ?? nil
        checks.append(("A.4 protected header", header == .object(verified.header)))

        var passed = 0
        var failed = 0
        for (name, ok) in checks {
            #expect(ok, "\(name)")
            if ok { passed += 1 } else { failed += 1 }
        }
        TestVectors.report(suite: "rfc8037-jws-eddsa/rfc8037-a4.json", passed: passed, failed: failed)
    }
}
