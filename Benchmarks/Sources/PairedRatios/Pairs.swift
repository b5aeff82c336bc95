// swift-did: decentralized identity for Swift. Apache-2.0.
//
// The measured pairs: each goal row is a swift-did path and its baseline (the raw C or swift-crypto call underneath,
// plus the JSON work the goal allows), set up lazily so that a callgrind run of one row builds only that row.

import Crypto
import DIDCore
import DIDCredentials
import DIDCrypto
import DIDMethodKey
import Foundation
import RawDecode
import RawSecp256k1
import RawSodium

/// One goal row: the path, its baseline, and the goal's bound on path / baseline.
struct Pair {
    let goal: String
    let name: String
    let baselineName: String
    let target: String
    let path: () async -> Void
    let baseline: () async -> Void
}

/// A row before its set-up ran: an identifier for the command line and a factory.
struct PairFactory {
    let id: String
    let make: () -> Pair
}

/// Keeps a value alive and opaque to the optimiser, so the measured call is not removed.
@inline(never)
func consume<T>(_ value: T) {
    withExtendedLifetime(value) {}
}

/// A fixed Ed25519 did:key (the did:key spec's example).
let ed25519DID = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"

/// A 64-byte message, as the P3 goal measures.
let message = [UInt8](repeating: 0x5A, count: 64)

/// A fixed instant inside the credential's validity period.
let benchmarkNow = Date(timeIntervalSince1970: 1_717_200_000)

/// Resolves the one did:key document prepared before the run, so verification measures no DID decoding.
struct PreparedResolver: DIDResolver {
    let result: ResolutionResult

    func resolve(_ did: DID, options: ResolutionOptions) async throws(ResolutionError) -> ResolutionResult { result }
}

/// A fixed private key of a type, the same in every run: the instruction counts compare separate processes, and
/// variable-time verification (libsecp256k1) costs a little more or less with other keys.
func fixedKey(_ keyType: KeyType) -> PrivateKey {
    let length = [KeyType.p384: 48, .p521: 66][keyType] ?? 32
    // Leading 0x01 keeps the P-521 scalar below the group order; every other byte is 0x42.
    let raw = [0x01] + [UInt8](repeating: 0x42, count: length - 1)
    return try! PrivateKey(keyType: keyType, rawRepresentation: raw)
}

/// The raw private scalar or seed of a key.
func raw(_ key: PrivateKey) -> [UInt8] {
    key.withUnsafeRawRepresentation { Array($0) }
}

/// The ~1 KiB benchmark credential with the given issuer.
func benchmarkCredential(issuer: DID) -> JSONObject {
    var credential = try! JSONValue(parsing: credentialText).objectValue!
    credential["issuer"] = .string(issuer.description)
    return credential
}

/// Every row, in table order.
func allPairs() -> [PairFactory] {
    didKeyPairs() + signaturePairs() + dataIntegrityPairs() + josePairs()
}

// MARK: - P1

func didKeyPairs() -> [PairFactory] {
    let didBytes = Array(ed25519DID.utf8)
    let rawDecode: () async -> Void = {
        var out = [UInt8](repeating: 0, count: 64)
        consume(raw_didkey_decode(didBytes, didBytes.count, &out, out.count))
    }
    return [
        PairFactory(id: "P1") {
            let method = DIDKeyMethod()
            let did = try! DID(ed25519DID)
            return Pair(
                goal: "P1",
                name: "did:key (Ed25519) → in-memory document",
                baselineName: "C decode (prefix + base58btc + multicodec)",
                target: "≤ 5×",
                path: { consume(try! method.document(for: did)) },
                baseline: rawDecode
            )
        },
        PairFactory(id: "P1-cold") {
            // 1,024 DIDs in turn: the decoding cache (256 keys, emptied when full) never holds the next one.
            let method = DIDKeyMethod()
            let dids = (0..<1_024).map { _ in DIDKeyMethod.did(for: PrivateKey.generate(.ed25519).publicKey) }
            let texts = dids.map { Array($0.description.utf8) }
            var next = 0
            var nextRaw = 0
            return Pair(
                goal: "P1",
                name: "did:key (Ed25519) → in-memory document, a key not decoded recently",
                baselineName: "C decode of the same DIDs",
                target: "≤ 5×",
                path: {
                    consume(try! method.document(for: dids[next]))
                    next = (next + 1) % dids.count
                },
                baseline: {
                    var out = [UInt8](repeating: 0, count: 64)
                    let text = texts[nextRaw]
                    consume(raw_didkey_decode(text, text.count, &out, out.count))
                    nextRaw = (nextRaw + 1) % texts.count
                }
            )
        },
        PairFactory(id: "P1-point") {
            let rawKey = Array(try! Base58BTC.decode(ed25519DID.dropFirst("did:key:z".count)).dropFirst(2))
            return Pair(
                goal: "P1 part",
                name: "Ed25519 point check + X25519 u of one repeated key (decoding cache)",
                baselineName: "C decode",
                target: "—",
                path: { consume(try! PublicKey(keyType: .ed25519, rawRepresentation: rawKey)) },
                baseline: rawDecode
            )
        },
    ]
}

// MARK: - P3

func signaturePairs() -> [PairFactory] {
    var factories: [PairFactory] = [
        PairFactory(id: "P3-Ed25519-sign") {
            let key = fixedKey(.ed25519)
            var publicBytes = [UInt8](repeating: 0, count: 32)
            var secret = [UInt8](repeating: 0, count: 64)
            _ = crypto_sign_seed_keypair(&publicBytes, &secret, raw(key))
            return Pair(
                goal: "P3",
                name: "Ed25519 sign",
                baselineName: "libsodium crypto_sign_detached",
                target: "≤ 1.1×",
                path: { consume(try! key.signature(for: message)) },
                baseline: {
                    var signature = [UInt8](repeating: 0, count: 64)
                    consume(crypto_sign_detached(&signature, nil, message, UInt64(message.count), secret))
                }
            )
        },
        PairFactory(id: "P3-Ed25519-verify") {
            let key = fixedKey(.ed25519)
            let signature = try! key.signature(for: message)
            let publicKey = key.publicKey
            let publicBytes = publicKey.rawRepresentation
            return Pair(
                goal: "P3",
                name: "Ed25519 verify",
                baselineName: "libsodium crypto_sign_verify_detached",
                target: "≤ 1.1×",
                path: { consume(publicKey.isValidSignature(signature, for: message)) },
                baseline: {
                    consume(crypto_sign_verify_detached(signature, message, UInt64(message.count), publicBytes))
                }
            )
        },
        PairFactory(id: "P3-secp256k1-sign") {
            let (key, context, secret, _, _) = secp256k1Fixture()
            return Pair(
                goal: "P3",
                name: "secp256k1 sign",
                baselineName: "SHA-256 + libsecp256k1 secp256k1_ecdsa_sign",
                target: "≤ 1.1×",
                path: { consume(try! key.signature(for: message)) },
                baseline: {
                    var output = secp256k1_ecdsa_signature()
                    let digest = Array(SHA256.hash(data: message))
                    consume(secp256k1_ecdsa_sign(context, &output, digest, secret, nil, nil))
                }
            )
        },
        PairFactory(id: "P3-secp256k1-verify") {
            let (key, context, _, rawPublic, rawSignature) = secp256k1Fixture()
            let signature = try! key.signature(for: message)
            let publicKey = key.publicKey
            return Pair(
                goal: "P3",
                name: "secp256k1 verify",
                baselineName: "SHA-256 + libsecp256k1 secp256k1_ecdsa_verify",
                target: "≤ 1.1×",
                path: { consume(publicKey.isValidSignature(signature, for: message)) },
                baseline: {
                    var signature = rawSignature
                    var publicKey = rawPublic
                    let digest = Array(SHA256.hash(data: message))
                    consume(secp256k1_ecdsa_verify(context, &signature, digest, &publicKey))
                }
            )
        },
    ]
    for keyType in [KeyType.p256, .p384, .p521] {
        factories.append(
            PairFactory(id: "P3-\(keyType)-sign") {
                let key = fixedKey(keyType)
                let sign = nistSign(keyType, raw(key))
                return Pair(
                    goal: "P3",
                    name: "\(keyType) sign",
                    baselineName: "swift-crypto sign",
                    target: "≤ 1.1×",
                    path: { consume(try! key.signature(for: message)) },
                    baseline: sign
                )
            }
        )
        factories.append(
            PairFactory(id: "P3-\(keyType)-verify") {
                let key = fixedKey(keyType)
                let signature = try! key.signature(for: message)
                let publicKey = key.publicKey
                let verify = nistVerify(keyType, raw(key), signature, message)
                return Pair(
                    goal: "P3",
                    name: "\(keyType) verify",
                    baselineName: "swift-crypto verify",
                    target: "≤ 1.1×",
                    path: { consume(publicKey.isValidSignature(signature, for: message)) },
                    baseline: verify
                )
            }
        )
    }
    return factories
}

/// A secp256k1 key with the same key, public key and signature (over SHA-256 of `message`) in libsecp256k1 form.
func secp256k1Fixture() -> (
    PrivateKey, OpaquePointer, [UInt8], secp256k1_pubkey, secp256k1_ecdsa_signature
) {
    let key = fixedKey(.secp256k1)
    let context = secp256k1_context_create(UInt32(SECP256K1_CONTEXT_SIGN | SECP256K1_CONTEXT_VERIFY))!
    let secret = raw(key)
    let digest = Array(SHA256.hash(data: message))
    var rawPublic = secp256k1_pubkey()
    _ = secp256k1_ec_pubkey_create(context, &rawPublic, secret)
    var rawSignature = secp256k1_ecdsa_signature()
    _ = secp256k1_ecdsa_sign(context, &rawSignature, digest, secret, nil, nil)
    return (key, context, secret, rawPublic, rawSignature)
}

/// swift-crypto signing of `message` with the same NIST private key.
func nistSign(_ keyType: KeyType, _ secret: [UInt8]) -> () async -> Void {
    switch keyType {
    case .p256:
        let key = try! P256.Signing.PrivateKey(rawRepresentation: secret)
        return { consume(try! key.signature(for: message)) }
    case .p384:
        let key = try! P384.Signing.PrivateKey(rawRepresentation: secret)
        return { consume(try! key.signature(for: message)) }
    default:
        let key = try! P521.Signing.PrivateKey(rawRepresentation: secret)
        return { consume(try! key.signature(for: message)) }
    }
}

/// swift-crypto verification of a raw (r ‖ s) signature over `data` with the same NIST key.
func nistVerify(_ keyType: KeyType, _ secret: [UInt8], _ signature: [UInt8], _ data: [UInt8]) -> () async -> Void {
    switch keyType {
    case .p256:
        let key = try! P256.Signing.PrivateKey(rawRepresentation: secret).publicKey
        let parsed = try! P256.Signing.ECDSASignature(rawRepresentation: signature)
        return { consume(key.isValidSignature(parsed, for: data)) }
    case .p384:
        let key = try! P384.Signing.PrivateKey(rawRepresentation: secret).publicKey
        let parsed = try! P384.Signing.ECDSASignature(rawRepresentation: signature)
        return { consume(key.isValidSignature(parsed, for: data)) }
    default:
        let key = try! P521.Signing.PrivateKey(rawRepresentation: secret).publicKey
        let parsed = try! P521.Signing.ECDSASignature(rawRepresentation: signature)
        return { consume(key.isValidSignature(parsed, for: data)) }
    }
}
