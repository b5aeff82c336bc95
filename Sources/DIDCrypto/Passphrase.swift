// swift-did: decentralized identity for Swift. Apache-2.0.

/// A passphrase held in memory that this library wipes when the last copy is released.
///
/// The bytes are used exactly as given (no Unicode normalisation, no trimming). `description`,
/// `debugDescription` and the reflection mirror never show them.
public struct Passphrase: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    let secret: SecretBytes

    /// Copies `bytes` into wiped memory.
    /// - Parameter bytes: The passphrase bytes (UTF-8 for text). The caller should wipe its own copy.
    public init(bytes: some Collection<UInt8>) {
        secret = SecretBytes.make(count: bytes.count) { $0.copyBytes(from: bytes) }
    }

    /// Copies the bytes of `bytes` into wiped memory and then overwrites `bytes` with zeros.
    /// - Parameter bytes: The passphrase bytes; zeroed (and left at the same length) on return.
    public init(wiping bytes: inout [UInt8]) {
        self.init(bytes: bytes)
        bytes.withUnsafeMutableBytes { Sodium.wipe($0) }
    }

    /// The UTF-8 bytes of `text`. The string itself cannot be wiped; prefer ``init(wiping:)`` for input you read.
    /// - Parameter text: The passphrase.
    public init(_ text: String) {
        self.init(bytes: Array(text.utf8))
    }

    /// The number of bytes.
    public var count: Int { secret.count }

    /// Whether the passphrase is empty.
    public var isEmpty: Bool { secret.count == 0 }

    /// Constant-time comparison with another passphrase (`sodium_memcmp` after a length check).
    /// - Parameter other: The passphrase to compare with.
    /// - Returns: Whether both hold the same bytes.
    public func matches(_ other: Passphrase) -> Bool {
        guard count == other.count else { return false }
        return secret.withUnsafeBytes { lhs in
            other.secret.withUnsafeBytes { rhs in Sodium.constantTimeEqual(lhs, rhs) }
        }
    }

    /// `Passphrase(redacted)`: never the bytes.
    public var description: String { "Passphrase(redacted)" }

    /// Same as ``description``.
    public var debugDescription: String { description }

    /// No children, so debuggers and `dump` never print the bytes.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
