// swift-did: decentralized identity for Swift. Apache-2.0.
//
// Goals P4 (eddsa-jcs-2022 sign / verify) and P5 (VC-JOSE issue / verify) of Benchmarks/README.md. Each
// path has a raw twin measured in the same run: the signature call underneath on the same bytes, plus the JSON work
// the goal's budget allows (P4: JCS + 2 × SHA-256; P5: one JSON encode or decode).

import Benchmark
import Crypto
import DIDCore
import DIDCredentials
import DIDCrypto
import DIDMethodKey
import Foundation
import RawSecp256k1
import RawSodium

/// Resolves the one did:key document prepared before the run, so verification measures no DID decoding.
struct PreparedResolver: DIDResolver {
    let result: ResolutionResult

    func resolve(_ did: DID, options: ResolutionOptions) async throws(ResolutionError) -> ResolutionResult { result }
}

/// The benchmark credential (`credentialText`, ~1 KiB) with the given issuer.
func benchmarkCredential(issuer: DID) -> JSONObject {
    var credential = try! JSONValue(parsing: credentialText).objectValue!
    credential["issuer"] = .string(issuer.description)
    return credential
}

/// A fixed instant inside the credential's validity period.
let benchmarkNow = Date(timeIntervalSince1970: 1_717_200_000)

func credentialBenchmarks() {
    _ = sodium_init()
    dataIntegrityBenchmarks()
    joseBenchmarks()
}

func dataIntegrityBenchmarks() {
    for (keyType, suite) in [
        (KeyType.ed25519, Cryptosuite.eddsaJcs2022), (.p256, .ecdsaJcs2019), (.p384, .ecdsaJcs2019),
    ] {
        let key = PrivateKey.generate(keyType)
        let did = DIDKeyMethod.did(for: key.publicKey)
        let vm = "\(did)#\(did.methodSpecificID)"
        let credential = benchmarkCredential(issuer: did)
        let options = ProofOptions(cryptosuite: suite, verificationMethod: vm, created: benchmarkNow)
        let secured = try! DataIntegrity.addProof(to: credential, options: options, key: key)
        let resolved = try! DIDKeyMethod().resolveSynchronously(did, options: ResolutionOptions())
        let prepared = PreparedResolver(result: resolved)
        let didKey = DIDKeyMethod()
        // The proof configuration as signed, for the raw baseline's second JCS + hash.
        var configuration = options.proofConfiguration
        configuration["@context"] = credential["@context"]

        Benchmark("P4: \(suite.name) \(keyType) add proof") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try! DataIntegrity.addProof(to: credential, options: options, key: key))
            }
        }
        Benchmark("P4: \(suite.name) \(keyType) verify") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(await DataIntegrity.verify(secured, resolver: prepared, now: benchmarkNow))
            }
        }
        Benchmark("P4 note: \(suite.name) \(keyType) verify, did:key resolved each time") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(await DataIntegrity.verify(secured, resolver: didKey, now: benchmarkNow))
            }
        }

        // Raw: JCS of document and proof configuration, two hashes, the signature op on the 64/96 hash bytes.
        let hashData = try! suite.signingInput(
            document: credential,
            proofConfiguration: configuration,
            keyType: keyType
        )
        .hashData
        let signature = try! key.signature(for: hashData)
        let document = JSONValue.object(credential)
        let proofConfiguration = JSONValue.object(configuration)
        func jcsAndHashes() -> [UInt8] {
            let proofBytes = try! proofConfiguration.serialized(.canonical)
            let documentBytes = try! document.serialized(.canonical)
            if keyType == .p384 {
                return Array(SHA384.hash(data: proofBytes)) + Array(SHA384.hash(data: documentBytes))
            }
            return Array(SHA256.hash(data: proofBytes)) + Array(SHA256.hash(data: documentBytes))
        }
        switch keyType {
        case .ed25519:
            var secret = [UInt8](repeating: 0, count: 64)
            var publicBytes = [UInt8](repeating: 0, count: 32)
            key.withUnsafeRawRepresentation { seed in
                _ = crypto_sign_seed_keypair(&publicBytes, &secret, Array(seed))
            }
            Benchmark("P4 raw: \(suite.name) \(keyType) libsodium sign + JCS + 2 × SHA-256") { benchmark in
                var output = [UInt8](repeating: 0, count: 64)
                for _ in benchmark.scaledIterations {
                    let bytes = jcsAndHashes()
                    blackHole(crypto_sign_detached(&output, nil, bytes, UInt64(bytes.count), secret))
                }
            }
            Benchmark("P4 raw: \(suite.name) \(keyType) libsodium verify + JCS + 2 × SHA-256") { benchmark in
                for _ in benchmark.scaledIterations {
                    let bytes = jcsAndHashes()
                    blackHole(crypto_sign_verify_detached(signature, bytes, UInt64(bytes.count), publicBytes))
                }
            }
        default:
            let p256 = keyType == .p256 ? try! P256.Signing.PrivateKey(rawRepresentation: raw(key)) : nil
            let p384 = keyType == .p384 ? try! P384.Signing.PrivateKey(rawRepresentation: raw(key)) : nil
            Benchmark("P4 raw: \(suite.name) \(keyType) swift-crypto sign + JCS + 2 × SHA") { benchmark in
                for _ in benchmark.scaledIterations {
                    let bytes = jcsAndHashes()
                    if let p256 { blackHole(try! p256.signature(for: bytes)) }
                    if let p384 { blackHole(try! p384.signature(for: bytes)) }
                }
            }
            let p256Signature = p256.map { _ in try! P256.Signing.ECDSASignature(rawRepresentation: signature) }
            let p384Signature = p384.map { _ in try! P384.Signing.ECDSASignature(rawRepresentation: signature) }
            Benchmark("P4 raw: \(suite.name) \(keyType) swift-crypto verify + JCS + 2 × SHA") { benchmark in
                for _ in benchmark.scaledIterations {
                    let bytes = jcsAndHashes()
                    if let p256, let p256Signature {
                        blackHole(p256.publicKey.isValidSignature(p256Signature, for: bytes))
                    }
                    if let p384, let p384Signature {
                        blackHole(p384.publicKey.isValidSignature(p384Signature, for: bytes))
                    }
                }
            }
        }
    }
}

/// The raw private scalar or seed of a key.
func raw(_ key: PrivateKey) -> [UInt8] {
    key.withUnsafeRawRepresentation { Array($0) }
}

func joseBenchmarks() {
    for keyType in [KeyType.ed25519, .secp256k1, .p256] {
        let key = PrivateKey.generate(keyType)
        let did = DIDKeyMethod.did(for: key.publicKey)
        let kid = "\(did)#\(did.methodSpecificID)"
        let credential = benchmarkCredential(issuer: did)
        let jwt = try! JOSE.secure(credential: credential, key: key, keyID: kid)
        let jws = try! JWS(compactSerialization: jwt)
        let signingInput = jws.signingInput
        let payload = jws.payload
        let prepared = PreparedResolver(
            result: try! DIDKeyMethod().resolveSynchronously(did, options: ResolutionOptions())
        )
        let algorithm = jws.algorithm.rawValue

        Benchmark("P5: vc+jwt \(algorithm) issue") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try! JOSE.secure(credential: credential, key: key, keyID: kid))
            }
        }
        Benchmark("P5: vc+jwt \(algorithm) verify") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(await JOSE.verify(jwt, resolver: prepared, now: benchmarkNow))
            }
        }

        // Raw: the signature op over the same signing input, plus one JSON encode (issue) or decode (verify).
        let value = JSONValue.object(credential)
        let rawSign: () -> Void
        let rawVerify: () -> Void
        switch keyType {
        case .ed25519:
            var secret = [UInt8](repeating: 0, count: 64)
            var publicBytes = [UInt8](repeating: 0, count: 32)
            _ = crypto_sign_seed_keypair(&publicBytes, &secret, raw(key))
            rawSign = {
                var output = [UInt8](repeating: 0, count: 64)
                blackHole(crypto_sign_detached(&output, nil, signingInput, UInt64(signingInput.count), secret))
            }
            rawVerify = {
                blackHole(
                    crypto_sign_verify_detached(jws.signature, signingInput, UInt64(signingInput.count), publicBytes)
                )
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
                blackHole(secp256k1_ecdsa_sign(context, &output, digest, secret, nil, nil))
            }
            rawVerify = {
                let digest = Array(SHA256.hash(data: signingInput))
                blackHole(secp256k1_ecdsa_verify(context, &rawSignature, digest, &rawPublic))
            }
        default:
            let p256 = try! P256.Signing.PrivateKey(rawRepresentation: raw(key))
            let signature = try! P256.Signing.ECDSASignature(rawRepresentation: jws.signature)
            rawSign = { blackHole(try! p256.signature(for: signingInput)) }
            rawVerify = { blackHole(p256.publicKey.isValidSignature(signature, for: signingInput)) }
        }
        Benchmark("P5 raw: \(algorithm) sign + one JSON encode") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try! value.serialized(.compact))
                rawSign()
            }
        }
        Benchmark("P5 raw: \(algorithm) verify + one JSON decode") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try! JSONValue(parsing: payload))
                rawVerify()
            }
        }
    }
}
