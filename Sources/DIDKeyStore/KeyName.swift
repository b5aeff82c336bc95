// swift-did: decentralized identity for Swift. Apache-2.0.

/// The validated name of a stored key (Specs/keystore.md §2): 1 to 64 characters from `A–Z a–z 0–9 . _ -`, not
/// starting with `.` or `-`. A name is therefore always a safe single file-name component.
public struct KeyName: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The longest name, in characters (all ASCII, so also bytes).
    public static let maximumLength = 64

    /// The name.
    public let value: String

    /// Validates a name.
    /// - Parameter text: The name.
    /// - Throws: ``KeyStoreError/Code/invalidName`` with the rule that is broken.
    public init(_ text: String) throws(KeyStoreError) {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else {
            throw KeyStoreError(.invalidName, "a key name must not be empty")
        }
        guard bytes.count <= Self.maximumLength else {
            throw KeyStoreError(
                .invalidName,
                "a key name has at most \(Self.maximumLength) characters, not \(bytes.count)"
            )
        }
        guard bytes[0] != UInt8(ascii: "."), bytes[0] != UInt8(ascii: "-") else {
            throw KeyStoreError(.invalidName, "a key name must not start with '.' or '-'")
        }
        for byte in bytes where !Self.isAllowed(byte) {
            let shown =
                byte < 0x80 && byte >= 0x20 ? "'\(Character(Unicode.Scalar(byte)))'" : "a non-ASCII or control byte"
            throw KeyStoreError(
                .invalidName,
                "a key name may contain only letters A-Z a-z, digits, '.', '_' and '-', not \(shown) "
                    + "(no path separators)"
            )
        }
        value = text
    }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }

    /// The name.
    public var description: String { value }

    /// Orders by the name's bytes.
    public static func < (lhs: KeyName, rhs: KeyName) -> Bool {
        lhs.value.utf8.lexicographicallyPrecedes(rhs.value.utf8)
    }
}
