// swift-did: decentralized identity for Swift. Apache-2.0.
//
// Every goal of Benchmarks/README.md is a ratio to a raw primitive measured in the same run, so each
// benchmark below that measures a swift-did path has a "raw" twin: the C library or swift-crypto call underneath,
// called directly. `Benchmarks/ratios.py` turns one run's medians into the ratio table of the README.

import Benchmark
import Crypto
import DIDCore
import DIDCrypto
import DIDMethodKey
import Foundation
import RawDecode
import RawSecp256k1
import RawSodium

/// Operations of a few microseconds: a thousand per sample, so the harness's own clock reads do not count.
var microsecondScale: Benchmark.Configuration {
    .init(
        metrics: [.wallClock, .throughput],
        warmupIterations: 5,
        scalingFactor: .kilo,
        maxDuration: .seconds(1),
        maxIterations: 2_000
    )
}

let benchmarks: @Sendable () -> Void = {
    // Signatures take tens to hundreds of microseconds: one operation per sample.
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput],
        warmupIterations: 5,
        scalingFactor: .one,
        maxDuration: .seconds(1),
        maxIterations: 20_000
    )

    didKeyBenchmarks()
    jsonBenchmarks()
    signatureBenchmarks()
    credentialBenchmarks()
    resolverBenchmarks()
}

// MARK: - did:key (P1, P2) and DID parsing

/// A fixed Ed25519 did:key (the did:key spec's canonical example).
let ed25519DID = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"

/// The same document as `Codable` types, for the `JSONEncoder` reference of goal P2.
struct CodableDocument: Codable {
    struct Method: Codable {
        let id: String
        let type: String
        let controller: String
        let publicKeyMultibase: String
    }
    let context: [String]
    let id: String
    let verificationMethod: [Method]
    let authentication: [String]
    let assertionMethod: [String]
    let capabilityDelegation: [String]
    let capabilityInvocation: [String]
    let keyAgreement: [String]

    enum CodingKeys: String, CodingKey {
        case context = "@context"
        case id, verificationMethod, authentication, assertionMethod, capabilityDelegation, capabilityInvocation
        case keyAgreement
    }
}

func didKeyBenchmarks() {
    let didBytes = Array(ed25519DID.utf8)
    Benchmark("P1 raw: C did:key decode (prefix + base58btc + multicodec)", configuration: microsecondScale) {
        benchmark in
        var out = [UInt8](repeating: 0, count: 64)
        for _ in benchmark.scaledIterations {
            blackHole(raw_didkey_decode(didBytes, didBytes.count, &out, out.count))
        }
    }

    // The part of P1 the C baseline does not do: checking that the 32 bytes are an Ed25519 point (a square root in
    // GF(2^255-19)) and keeping the X25519 u = (1+y)/(1-y) that falls out of it, one field exponentiation.
    let rawKey = Array(try! Base58BTC.decode(ed25519DID.dropFirst("did:key:z".count)).dropFirst(2))
    Benchmark("P1 part: Ed25519 point check + X25519 u (one field exponentiation)", configuration: microsecondScale) {
        benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try! PublicKey(keyType: .ed25519, rawRepresentation: rawKey))
        }
    }

    let method = DIDKeyMethod()
    let did = try! DID(ed25519DID)
    Benchmark("P1: did:key (Ed25519) -> in-memory DID document", configuration: microsecondScale) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try! method.document(for: did))
        }
    }

    Benchmark("P2: did:key resolve -> JSON bytes", configuration: microsecondScale) { benchmark in
        for _ in benchmark.scaledIterations {
            let parsed = try! DID(ed25519DID)
            let result = try! method.resolveSynchronously(parsed, options: ResolutionOptions())
            blackHole(try! result.didDocument!.json.serialized(.compact))
        }
    }

    let document = try! method.document(for: did)
    let codable = try! JSONDecoder().decode(CodableDocument.self, from: Data(document.json.serialized(.compact)))
    Benchmark("P2 raw: JSONEncoder of the same document", configuration: microsecondScale) { benchmark in
        let encoder = JSONEncoder()
        for _ in benchmark.scaledIterations {
            blackHole(try! encoder.encode(codable))
        }
    }

    Benchmark("DID parse (did:key)", configuration: microsecondScale) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try! DID(ed25519DID))
        }
    }
}

// MARK: - JSON and JCS (P10)

/// A ~1 KiB verifiable credential (VC Data Model 2.0 §4 shapes), written for this benchmark.
let credentialText = """
    {"@context":["https://www.w3.org/ns/credentials/v2","https://www.w3.org/ns/credentials/examples/v2"],
    "id":"http://university.example/credentials/3732","type":["VerifiableCredential","ExampleDegreeCredential"],
    "issuer":{"id":"did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK","name":"Example University"},
    "validFrom":"2010-01-01T00:00:00Z","validUntil":"2030-01-01T00:00:00Z",
    "credentialSubject":{"id":"did:example:ebfeb1f712ebc6f1c276e12ec21","degree":{"type":"ExampleBachelorDegree",
    "name":"Bachelor of Science and Arts","gpa":3.75,"credits":120,"honours":["cum laude","dean's list"]},
    "alumniOf":{"id":"did:example:c276e12ec21ebfeb1f712ebc6f1","name":"Example University, Faculty of Arts"},
    "note":"Ünïcödé text, an emoji 😀 and escapes \\" \\\\ \\n","address":{"street":"123 Main St","city":"Springfield",
    "postalCode":"12345","country":"Examplestan"}},"credentialStatus":{"id":"https://example.com/status/1#94567",
    "type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"94567",
    "statusListCredential":"https://example.com/status/1"},"evidence":[{"id":"https://example.edu/evidence/f2aeec97",
    "type":["Evidence"],"score":0.000001,"large":1e21}]}
    """

func jsonBenchmarks() {
    let bytes = Array(credentialText.utf8)
    let value = try! JSONValue(parsing: bytes)
    Benchmark("P10: JCS of a ~1 KiB credential (\(bytes.count) bytes in)", configuration: microsecondScale) {
        benchmark in
        var output = [UInt8]()
        output.reserveCapacity(2048)
        for _ in benchmark.scaledIterations {
            output.removeAll(keepingCapacity: true)
            try! value.write(to: &output, style: .canonical)
            blackHole(output)
        }
    }

    Benchmark("JSON parse of the same credential", configuration: microsecondScale) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try! JSONValue(parsing: bytes))
        }
    }

    Benchmark("JSONSerialization write, sorted keys (reference)") { benchmark in
        let object = try! JSONSerialization.jsonObject(with: Data(bytes))
        for _ in benchmark.scaledIterations {
            blackHole(try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
        }
    }
}

// MARK: - Signatures (P3): DIDCrypto against the raw call underneath

/// A 64-byte message (goal P3 of Benchmarks/README.md measures signatures over 64 bytes).
let message = [UInt8](repeating: 0x5A, count: 64)

func signatureBenchmarks() {
    _ = sodium_init()

    // Ed25519: libsodium.
    let ed25519 = PrivateKey.generate(.ed25519)
    let ed25519Signature = try! ed25519.signature(for: message)
    var sodiumPublic = [UInt8](repeating: 0, count: 32)
    var sodiumSecret = [UInt8](repeating: 0, count: 64)
    _ = crypto_sign_keypair(&sodiumPublic, &sodiumSecret)
    var sodiumSignature = [UInt8](repeating: 0, count: 64)
    _ = crypto_sign_detached(&sodiumSignature, nil, message, UInt64(message.count), sodiumSecret)

    Benchmark("P3 raw: libsodium Ed25519 sign") { benchmark in
        var signature = [UInt8](repeating: 0, count: 64)
        for _ in benchmark.scaledIterations {
            blackHole(crypto_sign_detached(&signature, nil, message, UInt64(message.count), sodiumSecret))
        }
    }
    Benchmark("P3: DIDCrypto Ed25519 sign") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try! ed25519.signature(for: message)) }
    }
    Benchmark("P3 raw: libsodium Ed25519 verify") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(crypto_sign_verify_detached(sodiumSignature, message, UInt64(message.count), sodiumPublic))
        }
    }
    Benchmark("P3: DIDCrypto Ed25519 verify") { benchmark in
        let publicKey = ed25519.publicKey
        for _ in benchmark.scaledIterations {
            blackHole(publicKey.isValidSignature(ed25519Signature, for: message))
        }
    }

    secp256k1Benchmarks()
    nistBenchmarks()
}

func secp256k1Benchmarks() {
    let key = PrivateKey.generate(.secp256k1)
    let signature = try! key.signature(for: message)
    let context = secp256k1_context_create(UInt32(SECP256K1_CONTEXT_SIGN | SECP256K1_CONTEXT_VERIFY))!
    var secret = [UInt8](repeating: 0, count: 32)
    key.withUnsafeRawRepresentation { secret = Array($0) }
    let digest = Array(SHA256.hash(data: message))
    var rawPublic = secp256k1_pubkey()
    _ = secp256k1_ec_pubkey_create(context, &rawPublic, secret)
    var rawSignature = secp256k1_ecdsa_signature()
    _ = secp256k1_ecdsa_sign(context, &rawSignature, digest, secret, nil, nil)

    Benchmark("P3 raw: libsecp256k1 ECDSA sign (SHA-256 + sign)") { benchmark in
        var output = secp256k1_ecdsa_signature()
        for _ in benchmark.scaledIterations {
            let hash = Array(SHA256.hash(data: message))
            blackHole(secp256k1_ecdsa_sign(context, &output, hash, secret, nil, nil))
        }
    }
    Benchmark("P3: DIDCrypto secp256k1 sign") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try! key.signature(for: message)) }
    }
    Benchmark("P3 raw: libsecp256k1 ECDSA verify (SHA-256 + verify)") { benchmark in
        for _ in benchmark.scaledIterations {
            let hash = Array(SHA256.hash(data: message))
            blackHole(secp256k1_ecdsa_verify(context, &rawSignature, hash, &rawPublic))
        }
    }
    Benchmark("P3: DIDCrypto secp256k1 verify") { benchmark in
        let publicKey = key.publicKey
        for _ in benchmark.scaledIterations { blackHole(publicKey.isValidSignature(signature, for: message)) }
    }
}

func nistBenchmarks() {
    let p256 = P256.Signing.PrivateKey()
    let p256Signature = try! p256.signature(for: message)
    let p384 = P384.Signing.PrivateKey()
    let p384Signature = try! p384.signature(for: message)
    let p521 = P521.Signing.PrivateKey()
    let p521Signature = try! p521.signature(for: message)

    Benchmark("P3 raw: swift-crypto P-256 sign") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try! p256.signature(for: message)) }
    }
    Benchmark("P3 raw: swift-crypto P-256 verify") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(p256.publicKey.isValidSignature(p256Signature, for: message))
        }
    }
    Benchmark("P3 raw: swift-crypto P-384 sign") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try! p384.signature(for: message)) }
    }
    Benchmark("P3 raw: swift-crypto P-384 verify") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(p384.publicKey.isValidSignature(p384Signature, for: message))
        }
    }
    Benchmark("P3 raw: swift-crypto P-521 sign") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try! p521.signature(for: message)) }
    }
    Benchmark("P3 raw: swift-crypto P-521 verify") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(p521.publicKey.isValidSignature(p521Signature, for: message))
        }
    }

    for keyType in [KeyType.p256, .p384, .p521] {
        let key = PrivateKey.generate(keyType)
        let signature = try! key.signature(for: message)
        Benchmark("P3: DIDCrypto \(keyType) sign") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try! key.signature(for: message)) }
        }
        Benchmark("P3: DIDCrypto \(keyType) verify") { benchmark in
            let publicKey = key.publicKey
            for _ in benchmark.scaledIterations { blackHole(publicKey.isValidSignature(signature, for: message)) }
        }
    }
}
