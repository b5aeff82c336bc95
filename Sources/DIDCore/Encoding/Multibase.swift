// swift-did: decentralized identity for Swift. Apache-2.0.

/// Self-describing base encodings: one prefix character names the encoding of the rest
/// (draft-multiformats-multibase-08 §2; CID 1.0 §2.4 `multibase`).
///
/// Only the encodings this project meets are supported: `z` (base58btc, Multikey and did:key), `u` (base64url
/// without padding, Bitstring Status List) and `b` (lower-case base32, CIDv1).
public enum Multibase {
    /// A supported multibase encoding, with its prefix character as raw value.
    public enum Encoding: Character, Sendable, Hashable, CaseIterable {
        /// Base58 with the Bitcoin alphabet.
        case base58btc = "z"
        /// Base64 with the URL-safe alphabet, no padding.
        case base64url = "u"
        /// RFC 4648 base32, lower case, no padding.
        case base32 = "b"
    }

    /// Encodes bytes with a multibase prefix.
    /// - Parameters:
    ///   - bytes: The bytes to encode.
    ///   - encoding: The encoding to use.
    /// - Returns: The prefix character followed by the encoded bytes.
    public static func encode(_ bytes: some Collection<UInt8>, as encoding: Encoding) -> String {
        switch encoding {
        case .base58btc: Base58BTC.encode(bytes, prefix: UInt8(ascii: "z"))
        case .base64url: "u" + Base64URL.encode(bytes)
        case .base32: "b" + Base32.encode(bytes)
        }
    }

    /// Decodes multibase text of any supported encoding.
    /// - Parameter text: Multibase text.
    /// - Returns: The encoding named by the prefix and the decoded bytes.
    /// - Throws: ``DIDError/Code/invalidEncoding`` for an empty string, an unsupported prefix, or malformed text.
    public static func decode(_ text: some StringProtocol) throws(DIDError) -> (encoding: Encoding, bytes: [UInt8]) {
        guard let first = text.first else {
            throw DIDError(.invalidEncoding, "multibase text is empty")
        }
        guard let encoding = Encoding(rawValue: first) else {
            throw DIDError(
                .invalidEncoding,
                "unsupported multibase prefix '\(first)' (supported: z base58btc, u base64url, b base32)",
                offset: 0
            )
        }
        let body = text.dropFirst()
        do {
            switch encoding {
            case .base58btc: return (encoding, try Base58BTC.decode(body))
            case .base64url: return (encoding, try Base64URL.decode(body))
            case .base32: return (encoding, try Base32.decode(body))
            }
        } catch {
            // Offsets inside the body are one character behind the multibase text.
            throw DIDError(error.code, error.reason, offset: error.offset.map { $0 + 1 })
        }
    }

    /// Decodes multibase text that must use one particular encoding.
    /// - Parameters:
    ///   - text: Multibase text.
    ///   - expected: The encoding the text must use.
    /// - Returns: The decoded bytes.
    /// - Throws: ``DIDError/Code/invalidEncoding`` when the prefix differs or the text is malformed.
    public static func decode(_ text: some StringProtocol, expecting expected: Encoding) throws(DIDError) -> [UInt8] {
        guard text.first == expected.rawValue else {
            throw DIDError(
                .invalidEncoding,
                "expected multibase \(expected) text starting with '\(expected.rawValue)'",
                offset: 0
            )
        }
        return try decode(text).bytes
    }
}
