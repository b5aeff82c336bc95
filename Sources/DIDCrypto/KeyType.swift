// swift-did: decentralized identity for Swift. Apache-2.0.

/// The key algorithms DIDCrypto implements.
///
/// Raw values are the names the `did` command line uses (`--type ed25519`).
public enum KeyType: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Ed25519 signatures (RFC 8032), via libsodium.
    case ed25519
    /// X25519 key agreement (RFC 7748), via libsodium. Cannot sign.
    case x25519
    /// ECDSA (low-S, SHA-256) and BIP-340 Schnorr on secp256k1 (SEC 2), via libsecp256k1.
    case secp256k1
    /// ECDSA on NIST P-256 with SHA-256 (FIPS 186-5), via swift-crypto.
    case p256
    /// ECDSA on NIST P-384 with SHA-384 (FIPS 186-5), via swift-crypto.
    case p384
    /// ECDSA on NIST P-521 with SHA-512 (FIPS 186-5), via swift-crypto.
    case p521

    /// The conventional name of the algorithm: `Ed25519`, `X25519`, `secp256k1`, `P-256`, `P-384`, `P-521`.
    public var description: String {
        switch self {
        case .ed25519: "Ed25519"
        case .x25519: "X25519"
        case .secp256k1: "secp256k1"
        case .p256: "P-256"
        case .p384: "P-384"
        case .p521: "P-521"
        }
    }

    /// The length of ``PublicKey/rawRepresentation``: 32 for Ed25519 and X25519, the compressed SEC1 size for the
    /// elliptic curves (33, 33, 49, 67) — the Multikey / did:key lengths (CID 1.0 §2.2.2, multicodec `table.csv`).
    public var publicKeyLength: Int {
        switch self {
        case .ed25519, .x25519: 32
        case .secp256k1, .p256: 33
        case .p384: 49
        case .p521: 67
        }
    }

    /// The length of the private key's raw representation: the 32-byte seed for Ed25519, the 32-byte scalar for
    /// X25519, and the big-endian scalar of the curve's size for ECDSA keys (32, 32, 48, 66).
    public var privateKeyLength: Int {
        switch self {
        case .ed25519, .x25519, .secp256k1, .p256: 32
        case .p384: 48
        case .p521: 66
        }
    }

    /// The signature length, or `nil` for X25519 which cannot sign: 64 for Ed25519, and r ‖ s (IEEE P1363) of
    /// 64, 64, 96 and 132 bytes for the ECDSA curves (RFC 7518 §3.4).
    public var signatureLength: Int? {
        switch self {
        case .ed25519, .secp256k1, .p256: 64
        case .x25519: nil
        case .p384: 96
        case .p521: 132
        }
    }

    /// Whether keys of this type make signatures (every type except X25519).
    public var canSign: Bool { self != .x25519 }

    /// Whether this is an ECDSA curve (SEC1 points, r ‖ s signatures).
    var isECDSA: Bool {
        switch self {
        case .secp256k1, .p256, .p384, .p521: true
        case .ed25519, .x25519: false
        }
    }
}
