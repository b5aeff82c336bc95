// swift-did: decentralized identity for Swift. Apache-2.0.

/// A 256-bit secret key for ``XChaCha20Poly1305``, held in memory this library wipes when the last copy is
/// released. Its description never shows the bytes.
public struct SymmetricKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    let secret: SecretBytes

    /// The key length in bytes (32).
    public static let length = 32

    init(secret: SecretBytes) {
        precondition(secret.count == Self.length)
        self.secret = secret
    }

    /// Copies raw key bytes into wiped memory.
    /// - Parameter rawRepresentation: 32 bytes.
    /// - Throws: ``DIDCryptoError/Code/invalidKeyLength`` for another length.
    public init(rawRepresentation: some Collection<UInt8>) throws(DIDCryptoError) {
        guard rawRepresentation.count == Self.length else {
            throw DIDCryptoError(.invalidKeyLength, "a symmetric key is 32 bytes, not \(rawRepresentation.count)")
        }
        secret = SecretBytes.make(count: Self.length) { $0.copyBytes(from: rawRepresentation) }
    }

    /// A fresh random key (``SecureRandom``).
    /// - Returns: The key.
    public static func generate() -> SymmetricKey {
        SymmetricKey(secret: SecretBytes.make(count: length) { SecureRandom.fill($0) })
    }

    /// `SymmetricKey(redacted)`: never the bytes.
    public var description: String { "SymmetricKey(redacted)" }

    /// Same as ``description``.
    public var debugDescription: String { description }

    /// No children, so debuggers and `dump` never print the bytes.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
