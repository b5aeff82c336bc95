// swift-did: decentralized identity for Swift. Apache-2.0.

import Crypto

/// A P-256, P-384 or P-521 public key held as swift-crypto's parsed key, so verification does not re-parse it.
enum NISTPublicKey: Sendable {
    case p256(P256.Signing.PublicKey)
    case p384(P384.Signing.PublicKey)
    case p521(P521.Signing.PublicKey)

    /// The coordinate size in bytes (32, 48, 66).
    static func coordinateSize(_ keyType: KeyType) -> Int {
        switch keyType {
        case .p384: 48
        case .p521: 66
        default: 32
        }
    }

    /// The group orders divided by two (rounded down), big-endian: the largest low-S value (SEC 2 / FIPS 186-5).
    static func halfOrder(_ keyType: KeyType) -> [UInt8] {
        switch keyType {
        case .p384: halfOrderP384
        case .p521: halfOrderP521
        default: halfOrderP256
        }
    }

    private static let halfOrderP256 = halve(
        "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551"
    )
    private static let halfOrderP384 = halve(
        "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973"
    )
    private static let halfOrderP521 = halve(
        "01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
            + "fa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409"
    )

    private static func halve(_ hexOrder: String) -> [UInt8] {
        var bytes = [UInt8]()
        var iterator = hexOrder.utf8.makeIterator()
        while let high = iterator.next(), let low = iterator.next() {
            bytes.append(UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)!)
        }
        var carry: UInt8 = 0
        for index in bytes.indices {
            let byte = bytes[index]
            bytes[index] = byte >> 1 | carry << 7
            carry = byte & 1
        }
        return bytes
    }

    /// Parses a SEC1 point: compressed (`02`/`03` ‖ x) or uncompressed (`04` ‖ x ‖ y). `nil` when the point is not
    /// on the curve or the encoding is malformed.
    init?(keyType: KeyType, sec1 bytes: [UInt8]) {
        let size = Self.coordinateSize(keyType)
        do {
            switch (bytes.count, bytes.first) {
            case (size + 1, 0x02), (size + 1, 0x03):
                switch keyType {
                case .p256: self = .p256(try P256.Signing.PublicKey(compressedRepresentation: bytes))
                case .p384: self = .p384(try P384.Signing.PublicKey(compressedRepresentation: bytes))
                case .p521: self = .p521(try P521.Signing.PublicKey(compressedRepresentation: bytes))
                default: return nil
                }
            case (2 * size + 1, 0x04):
                switch keyType {
                case .p256: self = .p256(try P256.Signing.PublicKey(x963Representation: bytes))
                case .p384: self = .p384(try P384.Signing.PublicKey(x963Representation: bytes))
                case .p521: self = .p521(try P521.Signing.PublicKey(x963Representation: bytes))
                default: return nil
                }
            default:
                return nil
            }
        } catch {
            return nil
        }
    }

    /// The compressed SEC1 encoding.
    var compressed: [UInt8] {
        switch self {
        case .p256(let key): Array(key.compressedRepresentation)
        case .p384(let key): Array(key.compressedRepresentation)
        case .p521(let key): Array(key.compressedRepresentation)
        }
    }

    /// The uncompressed SEC1 encoding (`04` ‖ x ‖ y).
    var uncompressed: [UInt8] {
        switch self {
        case .p256(let key): Array(key.x963Representation)
        case .p384(let key): Array(key.x963Representation)
        case .p521(let key): Array(key.x963Representation)
        }
    }

    /// ECDSA verification over SHA-256/384/512 (by curve) with an IEEE P1363 r ‖ s signature (RFC 7518 §3.4).
    /// swift-crypto accepts both low and high S; with `acceptingHighS == false` a high S is refused here.
    func isValidSignature(
        _ signature: UnsafeRawBufferPointer,
        for message: UnsafeRawBufferPointer,
        acceptingHighS: Bool
    ) -> Bool {
        let keyType: KeyType
        switch self {
        case .p256: keyType = .p256
        case .p384: keyType = .p384
        case .p521: keyType = .p521
        }
        let size = Self.coordinateSize(keyType)
        guard signature.count == 2 * size else { return false }
        if !acceptingHighS
            && isGreaterBigEndian(UnsafeRawBufferPointer(rebasing: signature[size...]), Self.halfOrder(keyType))
        {
            return false
        }
        do {
            switch self {
            case .p256(let key):
                return key.isValidSignature(try P256.Signing.ECDSASignature(rawRepresentation: signature), for: message)
            case .p384(let key):
                return key.isValidSignature(try P384.Signing.ECDSASignature(rawRepresentation: signature), for: message)
            case .p521(let key):
                return key.isValidSignature(try P521.Signing.ECDSASignature(rawRepresentation: signature), for: message)
            }
        } catch {
            return false
        }
    }
}

/// A P-256, P-384 or P-521 private key held as swift-crypto's key object (its scalar lives in BoringSSL memory,
/// which BoringSSL cleanses when freed).
enum NISTPrivateKey: Sendable {
    case p256(P256.Signing.PrivateKey)
    case p384(P384.Signing.PrivateKey)
    case p521(P521.Signing.PrivateKey)

    /// Imports a big-endian scalar of the curve's size; `nil` when it is zero or not below the group order.
    init?(keyType: KeyType, scalar: UnsafeRawBufferPointer) {
        do {
            switch keyType {
            case .p256: self = .p256(try P256.Signing.PrivateKey(rawRepresentation: scalar))
            case .p384: self = .p384(try P384.Signing.PrivateKey(rawRepresentation: scalar))
            case .p521: self = .p521(try P521.Signing.PrivateKey(rawRepresentation: scalar))
            default: return nil
            }
        } catch {
            return nil
        }
    }

    /// The public key.
    var publicKey: NISTPublicKey {
        switch self {
        case .p256(let key): .p256(key.publicKey)
        case .p384(let key): .p384(key.publicKey)
        case .p521(let key): .p521(key.publicKey)
        }
    }

    /// ECDSA over SHA-256/384/512 (by curve); returns r ‖ s (IEEE P1363, RFC 7518 §3.4). swift-crypto's nonces are
    /// random, so signatures differ from call to call.
    func signature(for message: UnsafeRawBufferPointer) throws(DIDCryptoError) -> [UInt8] {
        do {
            switch self {
            case .p256(let key): return Array(try key.signature(for: message).rawRepresentation)
            case .p384(let key): return Array(try key.signature(for: message).rawRepresentation)
            case .p521(let key): return Array(try key.signature(for: message).rawRepresentation)
            }
        } catch {
            throw DIDCryptoError(.internalFailure, "ECDSA signing failed in swift-crypto: \(error)")
        }
    }
}
