// swift-did: decentralized identity for Swift. Apache-2.0.

/// A string that compares, orders and hashes by its UTF-8 bytes, never by Swift's canonical equivalence.
///
/// `String`'s `==`, `<` and hashing treat canonically equivalent strings (`"caf\u{E9}"` and `"cafe\u{301}"`) as
/// equal. Identifiers, sort keys and cache keys are byte sequences: DID Core 1.0 §3.1 compares DIDs without
/// normalization, RFC 8785 §3.2.3 orders member names by code units, IMB v0.1 §6.5 (`Specs/migration/format.md`)
/// orders and de-duplicates sort keys by their UTF-8 bytes. Use this type as the key of a `Set` or `Dictionary`
/// wherever a spec says "bytes".
public struct BytewiseString: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The string.
    public let string: String

    /// Wraps a string.
    /// - Parameter string: The string, kept exactly as given.
    public init(_ string: String) { self.string = string }

    /// Wraps a string literal.
    /// - Parameter value: The literal.
    public init(stringLiteral value: String) { self.string = value }

    /// The string itself.
    public var description: String { string }

    /// Equal when the UTF-8 bytes are equal.
    public static func == (lhs: BytewiseString, rhs: BytewiseString) -> Bool { equal(lhs.string, rhs.string) }

    /// Orders by the unsigned UTF-8 bytes, lexicographically; a proper prefix sorts first.
    public static func < (lhs: BytewiseString, rhs: BytewiseString) -> Bool { compare(lhs.string, rhs.string) < 0 }

    /// Hashes the UTF-8 bytes, consistently with ``==(_:_:)``.
    public func hash(into hasher: inout Hasher) { JSONKey.hashUTF8(string, into: &hasher) }

    /// Whether two strings have the same UTF-8 bytes.
    /// - Parameters:
    ///   - lhs: A string.
    ///   - rhs: Another string.
    /// - Returns: `true` when the byte sequences are equal.
    @inline(__always)
    public static func equal(_ lhs: String, _ rhs: String) -> Bool { JSONKey.equal(lhs, rhs) }

    /// Compares two strings by their unsigned UTF-8 bytes, lexicographically (a proper prefix sorts first).
    /// - Parameters:
    ///   - lhs: A string.
    ///   - rhs: Another string.
    /// - Returns: A negative number when `lhs` sorts first, zero when the bytes are equal, a positive number else.
    public static func compare(_ lhs: String, _ rhs: String) -> Int {
        let contiguous = lhs.utf8.withContiguousStorageIfAvailable { left in
            rhs.utf8.withContiguousStorageIfAvailable { right in compare(left, right) }
        }
        if let result = contiguous ?? nil { return result }
        return Array(lhs.utf8).withUnsafeBufferPointer { left in
            Array(rhs.utf8).withUnsafeBufferPointer { right in compare(left, right) }
        }
    }

    private static func compare(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Int {
        for index in 0..<min(left.count, right.count) where left[index] != right[index] {
            return left[index] < right[index] ? -1 : 1
        }
        return left.count == right.count ? 0 : (left.count < right.count ? -1 : 1)
    }
}
