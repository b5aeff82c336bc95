// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDCrypto

/// The `DetachedJws` proof of IMB v0.1 §11.3: a JWS with a detached, unencoded payload (RFC 7797), ES256K or ES256,
/// low-S required.
enum DetachedJWS {
    /// The payload: JCS of the manifest with `proof` present but `proof.jws` removed (§11.3).
    static func payload(of manifest: JSONObject) throws(DIDError) -> [UInt8] {
        var object = manifest
        if case .object(var proof)? = object["proof"] {
            proof["jws"] = nil
            object["proof"] = .object(proof)
        }
        return try JSONValue.object(object).serialized(.canonical)
    }

    /// The key type the protected header's `alg` needs (ES256K: secp256k1, ES256: P-256), or `nil` when the header
    /// cannot be read or names another algorithm (the signature check then reports `invalid-proof`).
    static func keyType(ofAlgorithmIn manifest: MigrationManifest) -> KeyType? {
        guard let jws = manifest.proof["jws"]?.stringValue, let segment = jws.split(separator: ".").first,
            let bytes = try? Base64URL.decode(segment), case .object(let header)? = try? JSONValue(parsing: bytes)
        else { return nil }
        switch header["alg"]?.stringValue {
        case "ES256K": return .secp256k1
        case "ES256": return .p256
        default: return nil
        }
    }

    /// Verifies the proof of a structurally checked manifest with the key the key rule allowed.
    /// - Returns: `nil` when the signature verifies, else the failure (`invalid-proof`, `key-type-mismatch`,
    ///   `high-s`, `invalid-signature`).
    static func verify(_ manifest: MigrationManifest, key: PublicKey) -> MigrationError? {
        guard let jws = manifest.proof["jws"]?.stringValue else {
            return MigrationError(.invalidProof, "/proof/jws is missing")
        }
        let parts = jws.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[1].isEmpty, !parts[0].isEmpty, !parts[2].isEmpty else {
            return MigrationError(.invalidProof, "/proof/jws must be header..signature (detached payload)")
        }
        guard let headerBytes = try? Base64URL.decode(parts[0]),
            case .object(let header)? = try? JSONValue(parsing: headerBytes)
        else {
            return MigrationError(.invalidProof, "the JWS protected header is not base64url JSON")
        }
        guard Set(header.keys) == ["alg", "b64", "crit", "kid"], header["b64"] == false, header["crit"] == ["b64"],
            header["kid"] == .string(manifest.verificationMethod)
        else {
            return MigrationError(.invalidProof, "the JWS header must be exactly alg, b64: false, crit: [b64], kid")
        }
        let expected: KeyType
        switch header["alg"]?.stringValue {
        case "ES256K": expected = .secp256k1
        case "ES256": expected = .p256
        default: return MigrationError(.invalidProof, "the JWS alg must be ES256K or ES256")
        }
        guard key.keyType == expected else {
            return MigrationError(.keyTypeMismatch, "alg \(header["alg"]?.stringValue ?? "") needs a \(expected) key")
        }
        guard let signature = try? Base64URL.decode(parts[2]), signature.count == 64 else {
            return MigrationError(.invalidProof, "the JWS signature must be 64 bytes r ‖ s")
        }
        guard let payload = try? payload(of: manifest.json) else {
            return MigrationError(.invalidProof, "the manifest cannot be canonicalized")
        }
        let signingInput = Array(parts[0].utf8) + [UInt8(ascii: ".")] + payload
        if key.isValidSignature(signature, for: signingInput, acceptingHighS: false) { return nil }
        if key.isValidSignature(signature, for: signingInput, acceptingHighS: true) {
            return MigrationError(.highS, "the ECDSA signature has s > n/2")
        }
        return MigrationError(.invalidSignature, "the \(expected) signature does not verify")
    }
}
