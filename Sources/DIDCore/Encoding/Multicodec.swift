// swift-did: decentralized identity for Swift. Apache-2.0.

/// A multicodec code: a varint header that says what the bytes after it are (multiformats/multicodec `table.csv`).
///
/// An open set: the key codes this project meets are static members, and any other code can still be represented.
/// Codes and names are facts from multiformats/multicodec `table.csv`.
public struct Multicodec: Sendable, Hashable, CustomStringConvertible {
    /// The numeric code.
    public let code: UInt64
    /// The table's name, such as `ed25519-pub`.
    public let name: String

    /// Creates a code.
    /// - Parameters:
    ///   - code: The numeric code.
    ///   - name: The table's name for it.
    public init(code: UInt64, name: String) {
        self.code = code
        self.name = name
    }

    /// Ed25519 public key (32 bytes).
    public static let ed25519Pub = Multicodec(code: 0xED, name: "ed25519-pub")
    /// X25519 (Curve25519) public key (32 bytes).
    public static let x25519Pub = Multicodec(code: 0xEC, name: "x25519-pub")
    /// secp256k1 public key, compressed SEC1 (33 bytes).
    public static let secp256k1Pub = Multicodec(code: 0xE7, name: "secp256k1-pub")
    /// P-256 public key, compressed SEC1 (33 bytes).
    public static let p256Pub = Multicodec(code: 0x1200, name: "p256-pub")
    /// P-384 public key, compressed SEC1 (49 bytes).
    public static let p384Pub = Multicodec(code: 0x1201, name: "p384-pub")
    /// P-521 public key, compressed SEC1 (67 bytes).
    public static let p521Pub = Multicodec(code: 0x1202, name: "p521-pub")
    /// BLS12-381 G1 public key (48 bytes).
    public static let bls12381G1Pub = Multicodec(code: 0xEA, name: "bls12_381-g1-pub")
    /// BLS12-381 G2 public key (96 bytes).
    public static let bls12381G2Pub = Multicodec(code: 0xEB, name: "bls12_381-g2-pub")
    /// BLS12-381 G1 and G2 public keys concatenated (144 bytes).
    public static let bls12381G1G2Pub = Multicodec(code: 0xEE, name: "bls12_381-g1g2-pub")
    /// RSA public key, DER `RSAPublicKey` (RFC 8017).
    public static let rsaPub = Multicodec(code: 0x1205, name: "rsa-pub")
    /// Ed25519 private key (32-byte seed).
    public static let ed25519Priv = Multicodec(code: 0x1300, name: "ed25519-priv")
    /// secp256k1 private key (32 bytes).
    public static let secp256k1Priv = Multicodec(code: 0x1301, name: "secp256k1-priv")
    /// X25519 private key (32 bytes).
    public static let x25519Priv = Multicodec(code: 0x1302, name: "x25519-priv")
    /// P-256 private key (32 bytes).
    public static let p256Priv = Multicodec(code: 0x1306, name: "p256-priv")
    /// P-384 private key (48 bytes).
    public static let p384Priv = Multicodec(code: 0x1307, name: "p384-priv")
    /// P-521 private key (66 bytes).
    public static let p521Priv = Multicodec(code: 0x1308, name: "p521-priv")

    /// Every key code above.
    public static let keyCodes: [Multicodec] = [
        .ed25519Pub, .x25519Pub, .secp256k1Pub, .p256Pub, .p384Pub, .p521Pub, .bls12381G1Pub, .bls12381G2Pub,
        .bls12381G1G2Pub, .rsaPub, .ed25519Priv, .secp256k1Priv, .x25519Priv, .p256Priv, .p384Priv, .p521Priv,
    ]

    /// Looks a code up among ``keyCodes``.
    /// - Parameter code: The numeric code.
    /// - Returns: The named code, or `nil` when it is not a key code this project knows.
    public static func known(code: UInt64) -> Multicodec? {
        keyCodes.first { $0.code == code }
    }

    /// Whether this names private key material (the table's `-priv` entries).
    public var isPrivateKey: Bool { name.hasSuffix("-priv") }

    /// The varint encoding of ``code``.
    public var varintPrefix: [UInt8] { Varint.encode(code) }

    /// The header followed by `body`.
    /// - Parameter body: The bytes the code describes.
    /// - Returns: varint(code) ‖ body.
    public func prefixing(_ body: some Collection<UInt8>) -> [UInt8] {
        var bytes = varintPrefix
        bytes.append(contentsOf: body)
        return bytes
    }

    /// Splits multicodec-prefixed bytes into the code and the body.
    /// - Parameter bytes: varint(code) ‖ body.
    /// - Returns: The code (a known one, or `unknown-0x…` for any other) and the body.
    /// - Throws: ``DIDError/Code/invalidEncoding`` when the varint header is malformed.
    public static func split(_ bytes: [UInt8]) throws(DIDError) -> (codec: Multicodec, body: ArraySlice<UInt8>) {
        let (code, length) = try Varint.decode(bytes)
        let codec = known(code: code) ?? Multicodec(code: code, name: "unknown-0x" + String(code, radix: 16))
        return (codec, bytes[length...])
    }

    /// The table name, such as `ed25519-pub`.
    public var description: String { name }
}
