// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDCrypto

/// A CIDv1 with a sha2-256 multihash, written as multibase base32 (IMB v0.1 §6.7).
public struct ContentIdentifier: Sendable, Hashable, CustomStringConvertible {
    /// The multicodec of the content: the codecs IMB v0.1 allows.
    public enum Codec: UInt8, Sendable, Hashable {
        /// `raw` (0x55): page files, bundles, archives, content bytes.
        case raw = 0x55
        /// `dag-cbor` (0x71): atproto records and commits.
        case dagCBOR = 0x71
    }

    /// The content's codec.
    public let codec: Codec
    /// The 32-byte SHA-256 digest.
    public let digest: [UInt8]

    /// The raw CID of a byte string: `b` + base32(0x01 0x55 0x12 0x20 ‖ SHA-256(bytes)) (IMB v0.1 §6.7).
    /// - Parameter bytes: The bytes the CID identifies.
    public init(rawContentOf bytes: some Collection<UInt8>) {
        codec = .raw
        digest = Digest.sha256(bytes)
    }

    /// A CID from a codec and a SHA-256 digest.
    /// - Parameters:
    ///   - codec: The codec.
    ///   - sha256Digest: 32 bytes.
    public init(codec: Codec, sha256Digest: [UInt8]) {
        precondition(sha256Digest.count == 32, "a sha2-256 digest has 32 bytes")
        self.codec = codec
        digest = sha256Digest
    }

    /// Parses a CID string with the checks of IMB v0.1 §6.7: multibase `b`, lower-case canonical base32 without
    /// padding, CIDv1, an allowed codec, sha2-256 with a 32-byte digest, no trailing bytes.
    /// - Parameters:
    ///   - text: The CID string.
    ///   - allowed: The codecs the member allows; raw only by default.
    /// - Throws: ``MigrationReason/invalidField`` naming what is wrong.
    public init(_ text: String, allowing allowed: Set<Codec> = [.raw]) throws(MigrationError) {
        guard text.first == "b" else {
            throw MigrationError(.invalidField, "a CID must be multibase base32 ('b…')")
        }
        let bytes: [UInt8]
        do {
            bytes = try Base32.decode(text.dropFirst())
        } catch {
            throw MigrationError(.invalidField, "a CID is not base32: \(error.reason)")
        }
        guard "b" + Base32.encode(bytes) == text else {
            throw MigrationError(.invalidField, "a CID must be lower-case base32 without padding")
        }
        guard bytes.count == 36, bytes[0] == 0x01, bytes[2] == 0x12, bytes[3] == 0x20 else {
            throw MigrationError(.invalidField, "a CID must be CIDv1 with a 32-byte sha2-256 multihash")
        }
        guard let codec = Codec(rawValue: bytes[1]), allowed.contains(codec) else {
            throw MigrationError(.invalidField, "the CID's codec 0x\(String(bytes[1], radix: 16)) is not allowed here")
        }
        self.codec = codec
        digest = Array(bytes[4...])
    }

    /// The binary CID: `0x01 codec 0x12 0x20 ‖ digest`.
    public var bytes: [UInt8] { [0x01, codec.rawValue, 0x12, 0x20] + digest }

    /// The CID string, `b` + lower-case base32 of ``bytes``.
    public var description: String { "b" + Base32.encode(bytes) }
}

/// The root encoding `multibase-base58btc-multihash`: `z` + base58btc(0x12 0x20 ‖ root) (IMB v0.1 §6.8).
public enum RootEncoding {
    /// Encodes a 32-byte root.
    /// - Parameter root: 32 bytes.
    /// - Returns: A string starting with `zQm`.
    public static func encode(_ root: [UInt8]) -> String {
        precondition(root.count == 32, "a root has 32 bytes")
        return "z" + Base58BTC.encode([0x12, 0x20] + root)
    }

    /// Decodes a root string, rejecting another multibase, another multihash, a length other than 32 bytes and
    /// non-canonical base58btc (IMB v0.1 §6.8).
    /// - Parameter text: The root string.
    /// - Returns: The 32-byte root.
    /// - Throws: ``MigrationReason/invalidField``.
    public static func decode(_ text: String) throws(MigrationError) -> [UInt8] {
        guard text.first == "z" else {
            throw MigrationError(.invalidField, "a root must be multibase base58btc ('z…')")
        }
        let bytes: [UInt8]
        do {
            bytes = try Base58BTC.decode(text.dropFirst())
        } catch {
            throw MigrationError(.invalidField, "a root is not base58btc: \(error.reason)")
        }
        guard bytes.count == 34, bytes[0] == 0x12, bytes[1] == 0x20 else {
            throw MigrationError(.invalidField, "a root must be a sha2-256 multihash of 32 bytes")
        }
        let root = Array(bytes[2...])
        guard encode(root) == text else {
            throw MigrationError(.invalidField, "a root must be canonical base58btc")
        }
        return root
    }
}
