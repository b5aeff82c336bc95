// swift-did: decentralized identity for Swift. Apache-2.0.
//
// Goals P4 (Data Integrity add proof / verify) and P5 (VC-JOSE issue / verify): the library path against the
// signature call underneath on the same bytes plus the JSON work the goal's budget allows (P4: JCS + 2 × hash;
// P5: one JSON encode or decode).

import Crypto
import DIDCore
import DIDCredentials
import DIDCrypto
import DIDMethodKey
import Foundation
import RawSecp256k1
import RawSodium

/// A ~1 KiB verifiable credential (VC Data Model 2.0 §4 shapes), the same as the package-benchmark suite's.
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

// MARK: - P4

func dataIntegrityPairs() -> [PairFactory] {
    var factories: [PairFactory] = []
    for (keyType, suite) in [
        (KeyType.ed25519, Cryptosuite.eddsaJcs2022), (.p256, .ecdsaJcs2019), (.p384, .ecdsaJcs2019),
    ] {
        for operation in ["add proof", "verify"] {
            factories.append(
                PairFactory(id: "P4-\(keyType)-\(operation == "verify" ? "verify" : "sign")") {
                    dataIntegrityPair(keyType: keyType, suite: suite, verify: operation == "verify")
                }
            )
        }
    }
    return factories
}

func dataIntegrityPair(keyType: KeyType, suite: Cryptosuite, verify: Bool) -> Pair {
    let key = fixedKey(keyType)
    let did = DIDKeyMethod.did(for: key.publicKey)
    let credential = benchmarkCredential(issuer: did)
    let options = ProofOptions(
        cryptosuite: suite,
        verificationMethod: "\(did)#\(did.methodSpecificID)",
        created: benchmarkNow
    )
    let secured = try! DataIntegrity.addProof(to: credential, options: options, key: key)
    let resolver = PreparedResolver(result: try! DIDKeyMethod().resolveSynchronously(did, options: ResolutionOptions()))
    var configuration = options.proofConfiguration
    configuration["@context"] = credential["@context"]
    let document = JSONValue.object(credential)
    let proofConfiguration = JSONValue.object(configuration)
    let hashData = try! suite.signingInput(document: credential, proofConfiguration: configuration, keyType: keyType)
        .hashData
    let signature = try! key.signature(for: hashData)
    // The raw JSON work: JCS of the proof configuration and of the document, and their two hashes.
    let jcsAndHashes: () -> [UInt8] = {
        let proofBytes = try! proofConfiguration.serialized(.canonical)
        let documentBytes = try! document.serialized(.canonical)
        if keyType == .p384 {
            return Array(SHA384.hash(data: proofBytes)) + Array(SHA384.hash(data: documentBytes))
        }
        return Array(SHA256.hash(data: proofBytes)) + Array(SHA256.hash(data: documentBytes))
    }
    let rawOperation: ([UInt8]) -> Void
    let rawName: String
    switch (keyType, verify) {
    case (.ed25519, _):
        var secret = [UInt8](repeating: 0, count: 64)
        var publicBytes = [UInt8](repeating: 0, count: 32)
        _ = crypto_sign_seed_keypair(&publicBytes, &secret, raw(key))
        rawName = verify ? "libsodium verify" : "libsodium sign"
        rawOperation =
            verify
            ? { bytes in consume(crypto_sign_verify_detached(signature, bytes, UInt64(bytes.count), publicBytes)) }
            : { bytes in
                var output = [UInt8](repeating: 0, count: 64)
                consume(crypto_sign_detached(&output, nil, bytes, UInt64(bytes.count), secret))
            }
    case (.p256, false):
        let p256 = try! P256.Signing.PrivateKey(rawRepresentation: raw(key))
        rawName = "swift-crypto sign"
        rawOperation = { bytes in consume(try! p256.signature(for: bytes)) }
    case (.p256, true):
        let p256 = try! P256.Signing.PrivateKey(rawRepresentation: raw(key)).publicKey
        let parsed = try! P256.Signing.ECDSASignature(rawRepresentation: signature)
        rawName = "swift-crypto verify"
        rawOperation = { bytes in consume(p256.isValidSignature(parsed, for: bytes)) }
    case (_, false):
        let p384 = try! P384.Signing.PrivateKey(rawRepresentation: raw(key))
        rawName = "swift-crypto sign"
        rawOperation = { bytes in consume(try! p384.signature(for: bytes)) }
    case (_, true):
        let p384 = try! P384.Signing.PrivateKey(rawRepresentation: raw(key)).publicKey
        let parsed = try! P384.Signing.ECDSASignature(rawRepresentation: signature)
        rawName = "swift-crypto verify"
        rawOperation = { bytes in consume(p384.isValidSignature(parsed, for: bytes)) }
    }
    let path: () async -> Void =
        verify
        ? { consume(await DataIntegrity.verify(secured, resolver: resolver, now: benchmarkNow)) }
        : { consume(try! DataIntegrity.addProof(to: credential, options: options, key: key)) }
    return Pair(
        goal: "P4",
        name: "\(suite.name) \(keyType) \(verify ? "verify" : "add proof") (~1 KiB credential)",
        baselineName: "\(rawName) + JCS + 2 × hash",
        target: "≤ 1.2×",
        path: path,
        baseline: { rawOperation(jcsAndHashes()) }
    )
}

// MARK: - P5

func josePairs() -> [PairFactory] {
    var factories: [PairFactory] = []
    for keyType in [KeyType.ed25519, .secp256k1, .p256] {
        for verify in [false, true] {
            factories.append(
                PairFactory(id: "P5-\(keyType)-\(verify ? "verify" : "sign")") {
                    josePair(keyType: keyType, verify: verify)
                }
            )
        }
    }
    return factories
}

func josePair(keyType: KeyType, verify: Bool) -> Pair {
    let key = fixedKey(keyType)
    let did = DIDKeyMethod.did(for: key.publicKey)
    let kid = "\(did)#\(did.methodSpecificID)"
    let credential = benchmarkCredential(issuer: did)
    let jwt = try! JOSE.secure(credential: credential, key: key, keyID: kid)
    let jws = try! JWS(compactSerialization: jwt)
    let signingInput = jws.signingInput
    let payload = jws.payload
    let resolver = PreparedResolver(result: try! DIDKeyMethod().resolveSynchronously(did, options: ResolutionOptions()))
    let value = JSONValue.object(credential)
    let rawSign: () -> Void
    let rawVerify: () -> Void
    switch keyType {
    case .ed25519:
        var secret = [UInt8](repeating: 0, count: 64)
        var publicBytes = [UInt8](repeating: 0, count: 32)
        _ = crypto_sign_seed_keypair(&publicBytes, &secret, raw(key))
        let signature = jws.signature
        rawSign = {
            var output = [UInt8](repeating: 0, count: 64)
            consume(crypto_sign_detached(&output, nil, signingInput, UInt64(signingInput.count), secret))
        }
        rawVerify = {
            consume(crypto_sign_verify_detached(signature, signingInput, UInt64(signingInput.count), publicBytes))
        }
    case .secp256k1:
        let context = secp256k1_context_create(UInt32(SECP256K1_CONTEXT_SIGN | SECP256K1_CONTEXT_VERIFY))!
        let secret = raw(key)
        var rawPublic = secp256k1_pubkey()
        _ = secp256k1_ec_pubkey_create(context, &rawPublic, secret)
        var rawSignature = secp256k1_ecdsa_signature()
        _ = secp256k1_ecdsa_signature_parse_compact(context, &rawSignature, jws.signature)
        rawSign = {
            var output = secp256k1_ecdsa_signature()
            let digest = Array(SHA256.hash(data: signingInput))
            consume(secp256k1_ecdsa_sign(context, &output, digest, secret, nil, nil))
        }
        rawVerify = {
            var signature = rawSignature
            var publicKey = rawPublic
            let digest = Array(SHA256.hash(data: signingInput))
            consume(secp256k1_ecdsa_verify(context, &signature, digest, &publicKey))
        }
    default:
        let p256 = try! P256.Signing.PrivateKey(rawRepresentation: raw(key))
        let publicKey = p256.publicKey
        let signature = try! P256.Signing.ECDSASignature(rawRepresentation: jws.signature)
        rawSign = { consume(try! p256.signature(for: signingInput)) }
        rawVerify = { consume(publicKey.isValidSignature(signature, for: signingInput)) }
    }
    let algorithm = jws.algorithm.rawValue
    if verify {
        return Pair(
            goal: "P5",
            name: "vc+jwt \(algorithm) verify",
            baselineName: "raw verify + one JSON decode",
            target: "≤ 1.3×",
            path: { consume(await JOSE.verify(jwt, resolver: resolver, now: benchmarkNow)) },
            baseline: {
                consume(try! JSONValue(parsing: payload))
                rawVerify()
            }
        )
    }
    return Pair(
        goal: "P5",
        name: "vc+jwt \(algorithm) issue",
        baselineName: "raw sign + one JSON encode",
        target: "≤ 1.3×",
        path: { consume(try! JOSE.secure(credential: credential, key: key, keyID: kid)) },
        baseline: {
            consume(try! value.serialized(.compact))
            rawSign()
        }
    )
}
