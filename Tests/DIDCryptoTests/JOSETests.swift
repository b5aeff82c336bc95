// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDCrypto
import DIDTestSupport
import Testing

/// `TestVectors/jose/` (README there names the sources), read with DIDCore's JSON parser.
enum JOSEVectors {
    static func load(_ path: String) -> JSONValue {
        do {
            return try JSONValue(parsing: TestVectors.localData(path))
        } catch {
            fatalError("TestVectors/\(path) is unreadable: \(error)")
        }
    }
    static let rfc = load("jose/rfc-examples.json")
    static let generated = load("jose/generated-jws.json")["vectors"]!.arrayValue!

    static func object(_ value: JSONValue?) -> JSONObject { value!.objectValue! }
    static func string(_ value: JSONValue?) -> String { value!.stringValue! }
}

@Suite("JWK (RFC 7517, RFC 8037, RFC 7518, RFC 7638)")
struct JWKTests {
    @Test("RFC 7638 §3.1: thumbprint of the example RSA key")
    func rfc7638Example() throws {
        let vector = JOSEVectors.rfc["rfc7638-3.1"]!
        #expect(try JWK.thumbprint(of: JOSEVectors.object(vector["jwk"])) == JOSEVectors.string(vector["thumbprint"]))
    }

    @Test("RFC 8037 A.1–A.3: Ed25519 private/public JWK round trip and thumbprint")
    func rfc8037Keys() throws {
        let vector = JOSEVectors.rfc["rfc8037-a"]!
        let privateJWK = JOSEVectors.object(vector["privateJwk"])
        let publicJWK = JOSEVectors.object(vector["publicJwk"])
        let key = try PrivateKey(jwk: privateJWK)
        #expect(key.keyType == .ed25519)
        #expect(key.jwkRepresentation(includingPrivate: true) == privateJWK)
        #expect(key.jwkRepresentation(includingPrivate: false) == publicJWK)
        #expect(key.jwkRepresentation(includingPrivate: false)["d"] == nil)
        let publicKey = try PublicKey(jwk: publicJWK)
        #expect(publicKey == key.publicKey)
        #expect(publicKey.jwkRepresentation == publicJWK)
        #expect(publicKey.jwkThumbprint() == JOSEVectors.string(vector["thumbprint"]))
        #expect(try JWK.thumbprint(of: privateJWK) == JOSEVectors.string(vector["thumbprint"]))
    }

    @Test("RFC 7517 A.1/A.2 and RFC 7515 A.3: P-256 private JWK round trip", arguments: ["rfc7517-a", "rfc7515-a3"])
    func p256Keys(name: String) throws {
        let privateJWK = JOSEVectors.object(JOSEVectors.rfc[name]!["privateJwk"])
        let key = try PrivateKey(jwk: privateJWK)
        #expect(key.keyType == .p256)
        #expect(key.jwkRepresentation(includingPrivate: true) == privateJWK)
        var publicJWK = privateJWK
        publicJWK["d"] = nil
        #expect(try PublicKey(jwk: publicJWK) == key.publicKey)
        #expect(key.publicKey.jwkThumbprint() == (try JWK.thumbprint(of: publicJWK)))
    }

    @Test("RFC 7518 §6.2.1.2 / RFC 8812 §3.1: fixed-length coordinates for every key type", arguments: KeyType.allCases)
    func roundTripEveryType(keyType: KeyType) throws {
        let key = PrivateKey.generate(keyType)
        let jwk = key.publicKey.jwkRepresentation
        #expect(jwk["kty"]?.stringValue == keyType.jwkKeyType)
        #expect(jwk["crv"]?.stringValue == keyType.jwkCurve)
        let coordinate = keyType == .ed25519 || keyType == .x25519 ? 32 : keyType.publicKeyLength - 1
        #expect(try Base64URL.decode(jwk["x"]!.stringValue!).count == coordinate)
        if keyType.jwkKeyType == "EC" {
            #expect(try Base64URL.decode(jwk["y"]!.stringValue!).count == coordinate)
        } else {
            #expect(jwk["y"] == nil)
        }
        #expect(try PublicKey(jwk: jwk) == key.publicKey)
        let privateJWK = key.jwkRepresentation(includingPrivate: true)
        #expect(try Base64URL.decode(privateJWK["d"]!.stringValue!).count == keyType.privateKeyLength)
        #expect(try PrivateKey(jwk: privateJWK).publicKey == key.publicKey)
        #expect(key.publicKey.jwkThumbprint() == (try JWK.thumbprint(of: jwk)))
    }

    /// Malformed public JWKs and the error each must give.
    static let badPublic: [(why: String, jwk: JSONObject, code: DIDCryptoError.Code)] = [
        ("no kty", ["crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"], .invalidJWK),
        ("RSA", ["kty": "RSA", "n": "AQAB", "e": "AQAB"], .unsupportedKeyType),
        ("unknown crv", ["kty": "OKP", "crv": "Ed448", "x": "AAAA"], .unsupportedKeyType),
        (
            "crv of the other kty",
            ["kty": "EC", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"], .invalidJWK
        ),
        (
            "x too short", ["kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHUR"],
            .invalidJWK
        ),
        (
            "x padded", ["kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo="],
            .invalidJWK
        ),
        ("x not a string", ["kty": "OKP", "crv": "Ed25519", "x": 5], .invalidJWK),
        ("no x", ["kty": "OKP", "crv": "Ed25519"], .invalidJWK),
        (
            "OKP with y",
            ["kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", "y": "AA"], .invalidJWK
        ),
        (
            "private d in a public JWK",
            [
                "kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
                "d": "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A",
            ], .invalidJWK
        ),
        (
            "alg for another key",
            ["kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", "alg": "ES256"],
            .invalidJWK
        ),
        (
            "EC without y", ["kty": "EC", "crv": "P-256", "x": "MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4"],
            .invalidJWK
        ),
        (
            "EC point off the curve",
            [
                "kty": "EC", "crv": "P-256", "x": "MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4",
                "y": "4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyQ",
            ], .invalidKey
        ),
        (
            "P-256 x of 31 bytes (leading zero dropped)",
            [
                "kty": "EC", "crv": "P-256", "x": "Qk0k0hwpRIOKLXXJKzfnbqINnwCJOjtO7oo8Cq_sPg",
                "y": "4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM",
            ], .invalidJWK
        ),
    ]

    @Test("malformed or unsupported public JWKs are refused with the right code", arguments: 0..<14)
    func badPublicJWK(index: Int) {
        let (why, jwk, code) = Self.badPublic[index]
        let error = #expect(throws: DIDCryptoError.self, "\(why)") { try PublicKey(jwk: jwk) }
        #expect(error?.code == code, "\(why): \(error?.reason ?? "")")
    }

    @Test("private JWK import checks x and y against d")
    func privateConsistency() throws {
        let key = PrivateKey.generate(.secp256k1)
        var jwk = key.jwkRepresentation(includingPrivate: true)
        let other = PrivateKey.generate(.secp256k1).publicKey.jwkRepresentation
        jwk["y"] = other["y"]
        #expect(throws: DIDCryptoError(.invalidJWK, "")) { try PrivateKey(jwk: jwk) }
        jwk["y"] = nil
        jwk["x"] = nil
        #expect(try PrivateKey(jwk: jwk).publicKey == key.publicKey, "x and y are optional for import")
        jwk["d"] = nil
        #expect(throws: DIDCryptoError(.invalidJWK, "")) { try PrivateKey(jwk: jwk) }
        var ed = PrivateKey.generate(.ed25519).jwkRepresentation(includingPrivate: true)
        ed["x"] = PrivateKey.generate(.ed25519).publicKey.jwkRepresentation["x"]
        #expect(throws: DIDCryptoError(.invalidJWK, "")) { try PrivateKey(jwk: ed) }
    }

    @Test("RFC 7638 §3.2: required members only; unknown kty and missing members are invalidJWK")
    func thumbprintMembers() throws {
        let base: JSONObject = ["kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"]
        var extended = base
        extended["kid"] = "anything"
        extended["use"] = "sig"
        #expect(try JWK.thumbprint(of: extended) == JWK.thumbprint(of: base))
        #expect(throws: DIDCryptoError(.invalidJWK, "")) { try JWK.thumbprint(of: ["kty": "XYZ"]) }
        #expect(throws: DIDCryptoError(.invalidJWK, "")) { try JWK.thumbprint(of: ["kty": "EC", "crv": "P-256"]) }
    }
}

@Suite("JWS compact serialization (RFC 7515, RFC 7518 §3.4, RFC 8037 §3.1, RFC 8812 §3.2)")
struct JWSTests {
    @Test("RFC 8037 A.4/A.5: Ed25519 JWS is reproduced byte for byte and verifies")
    func rfc8037() throws {
        let vector = JOSEVectors.rfc["rfc8037-a"]!
        let key = try PrivateKey(jwk: JOSEVectors.object(vector["privateJwk"]))
        let jws = try JWS.sign(payload: Array(JOSEVectors.string(vector["payload"]).utf8), using: key)
        #expect(jws.compactSerialization == JOSEVectors.string(vector["jws"]))
        let parsed = try JWS.verify(JOSEVectors.string(vector["jws"]), using: key.publicKey)
        #expect(parsed.algorithm == .edDSA)
        #expect(parsed.payload == Array(JOSEVectors.string(vector["payload"]).utf8))
        #expect(parsed == jws)
    }

    @Test("RFC 7515 A.3: ES256 JWS verifies")
    func rfc7515ES256() throws {
        let vector = JOSEVectors.rfc["rfc7515-a3"]!
        var jwk = JOSEVectors.object(vector["privateJwk"])
        jwk["d"] = nil
        let key = try PublicKey(jwk: jwk)
        let jws = try JWS.verify(JOSEVectors.string(vector["jws"]), using: key)
        #expect(jws.algorithm == .es256)
        #expect(String(decoding: jws.payload, as: UTF8.self).hasPrefix("{\"iss\":\"joe\""))
    }

    @Test("project vectors: ES256K (deterministic, low-S), ES384, ES512", arguments: 0..<4)
    func generated(index: Int) throws {
        let vector = JOSEVectors.generated[index]
        let key = try PrivateKey(jwk: JOSEVectors.object(vector["privateJwk"]))
        let compact = JOSEVectors.string(vector["jws"])
        let jws = try JWS.verify(compact, using: key.publicKey)
        #expect(jws.algorithm.rawValue == JOSEVectors.string(vector["alg"]))
        #expect(jws.payload == Array(JOSEVectors.string(vector["payload"]).utf8))
        #expect(try jws.keyID == JSONValue(parsing: JOSEVectors.string(vector["protectedHeader"]))["kid"]?.stringValue)
        if jws.algorithm == .es256K {
            // libsecp256k1 uses RFC 6979 nonces and low-S: the same header and payload give the same JWS.
            var header = jws.header
            header["alg"] = nil
            #expect(try JWS.sign(payload: jws.payload, header: header, using: key).compactSerialization == compact)
            let high = JOSEVectors.string(vector["jwsHighS"])
            #expect(try JWS(compactSerialization: high).isValidSignature(using: key.publicKey) == false)
            #expect(throws: DIDCryptoError(.invalidJWS, "")) { try JWS.verify(high, using: key.publicKey) }
        }
    }

    @Test(
        "sign → verify for every signing key type, with kid and typ kept in order",
        arguments: KeyType.allCases.filter(\.canSign)
    )
    func roundTrip(keyType: KeyType) throws {
        let key = PrivateKey.generate(keyType)
        let payload = Array("{\"sub\":\"did:example:123\"}".utf8)
        let jws = try JWS.sign(payload: payload, header: ["kid": "#key-1", "typ": "vc+jwt"], using: key)
        #expect(jws.header.keys == ["alg", "kid", "typ"])
        #expect(jws.type == "vc+jwt")
        #expect(jws.signature.count == keyType.signatureLength)
        let parsed = try JWS.verify(jws.compactSerialization, using: key.publicKey)
        #expect(parsed.payload == payload)
        #expect(parsed.header == jws.header)
        #expect(try !parsed.isValidSignature(using: PrivateKey.generate(keyType).publicKey))
    }

    @Test("alg/key mismatch: refused when signing and when verifying")
    func algorithmMismatch() throws {
        let ed = PrivateKey.generate(.ed25519)
        let p256 = PrivateKey.generate(.p256)
        #expect(throws: DIDCryptoError(.invalidJWS, "")) {
            try JWS.sign(payload: [1], header: ["alg": "ES256"], using: ed)
        }
        let jws = try JWS.sign(payload: [1], using: ed)
        #expect(throws: DIDCryptoError(.invalidJWS, "")) { try jws.isValidSignature(using: p256.publicKey) }
        #expect(throws: DIDCryptoError(.invalidJWS, "")) {
            try JWS.verify(jws.compactSerialization, using: p256.publicKey)
        }
        #expect(throws: DIDCryptoError(.unsupportedOperation, "")) {
            try JWS.sign(payload: [1], using: PrivateKey.generate(.x25519))
        }
    }

    /// Malformed compact serializations, each refused by the parser.
    static let malformed: [(why: String, text: String)] = [
        ("alg none", "eyJhbGciOiJub25lIn0.eyJhIjoxfQ."),
        ("alg none with a signature", "eyJhbGciOiJub25lIn0.eyJhIjoxfQ.AAAA"),
        ("alg HS256 (not supported)", "eyJhbGciOiJIUzI1NiJ9.eyJhIjoxfQ.AAAA"),
        ("no alg", "eyJraWQiOiJ4In0.eyJhIjoxfQ.AAAA"),
        ("alg not a string", "eyJhbGciOjF9.eyJhIjoxfQ.AAAA"),
        ("crit present", "eyJhbGciOiJFZERTQSIsImNyaXQiOlsiZXhwIl0sImV4cCI6MX0.eyJhIjoxfQ.AAAA"),
        ("b64 (RFC 7797)", "eyJhbGciOiJFZERTQSIsImI2NCI6ZmFsc2V9.eyJhIjoxfQ.AAAA"),
        ("two segments", "eyJhbGciOiJFZERTQSJ9.eyJhIjoxfQ"),
        ("four segments", "eyJhbGciOiJFZERTQSJ9.eyJhIjoxfQ.AAAA.AAAA"),
        ("JWE-shaped (five segments)", "eyJhbGciOiJFZERTQSJ9.a.b.c.d"),
        ("empty signature", "eyJhbGciOiJFZERTQSJ9.eyJhIjoxfQ."),
        ("padding in the signature", "eyJhbGciOiJFZERTQSJ9.eyJhIjoxfQ.AAAA=="),
        ("non-base64url character", "eyJhbGciOiJFZERTQSJ9.eyJhIjoxfQ.AA+A"),
        ("header not JSON", "bm90IGpzb24.eyJhIjoxfQ.AAAA"),
        ("header an array", "WyJFZERTQSJd.eyJhIjoxfQ.AAAA"),
        ("duplicate header member", "eyJhbGciOiJFZERTQSIsImFsZyI6IkVTMjU2In0.eyJhIjoxfQ.AAAA"),
        ("empty string", ""),
    ]

    @Test("RFC 7515 §5.2 / §7.1: malformed compact serializations are invalidJWS", arguments: 0..<17)
    func malformedInput(index: Int) {
        let (why, text) = Self.malformed[index]
        #expect(throws: DIDCryptoError(.invalidJWS, ""), "\(why)") { try JWS(compactSerialization: text) }
    }

    @Test("a tampered payload, header or signature fails verification")
    func tampering() throws {
        let key = PrivateKey.generate(.secp256k1)
        let jws = try JWS.sign(payload: Array("payload".utf8), using: key)
        let parts = jws.compactSerialization.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let otherPayload = Base64URL.encode(Array("pAyload".utf8))
        let otherHeader = Base64URL.encode(Array("{\"alg\":\"ES256K\",\"kid\":\"x\"}".utf8))
        var signature = jws.signature
        signature[10] ^= 1
        for forged in [
            "\(parts[0]).\(otherPayload).\(parts[2])",
            "\(otherHeader).\(parts[1]).\(parts[2])",
            "\(parts[0]).\(parts[1]).\(Base64URL.encode(signature))",
            "\(parts[0]).\(parts[1]).\(Base64URL.encode(jws.signature.dropLast()))",
        ] {
            #expect(throws: DIDCryptoError(.invalidJWS, "")) { try JWS.verify(forged, using: key.publicKey) }
        }
    }
}
