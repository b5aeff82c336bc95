// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCrypto

/// RFC 6962 Merkle Tree Hash over JCS entries, and `combine` of subtree hashes (IMB v0.1 §6.2–§6.4).
///
/// A leaf hash is `SHA-256(0x00 ‖ d)`, a node hash `SHA-256(0x01 ‖ left ‖ right)`, the empty tree `SHA-256()`; a
/// list splits at the largest power of two smaller than its length.
public enum MerkleTree {
    /// `MTH({})`: the SHA-256 of the empty string (IMB v0.1 §6.2).
    public static let emptyRoot: [UInt8] = Digest.sha256([UInt8]())

    /// The leaf hash `SHA-256(0x00 ‖ entry)` of one entry's JCS bytes (RFC 6962 §2.1, IMB v0.1 §6.2).
    /// - Parameter entry: The JCS bytes of the entry, without any line terminator.
    /// - Returns: 32 bytes.
    public static func leafHash(_ entry: some Collection<UInt8>) -> [UInt8] {
        var input = [UInt8]()
        input.reserveCapacity(entry.count + 1)
        input.append(0x00)
        input.append(contentsOf: entry)
        return Digest.sha256(input)
    }

    /// The node hash `SHA-256(0x01 ‖ left ‖ right)` (RFC 6962 §2.1, IMB v0.1 §6.2).
    /// - Parameters:
    ///   - left: The left subtree hash (32 bytes).
    ///   - right: The right subtree hash (32 bytes).
    /// - Returns: 32 bytes.
    public static func nodeHash(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] {
        var input = [UInt8]()
        input.reserveCapacity(1 + left.count + right.count)
        input.append(0x01)
        input.append(contentsOf: left)
        input.append(contentsOf: right)
        return Digest.sha256(input)
    }

    /// The largest power of two strictly smaller than `n` (the RFC 6962 split point), for `n > 1`.
    /// - Parameter n: The number of leaves or hashes, at least 2.
    /// - Returns: `k` with `k < n ≤ 2k`.
    public static func splitPoint(_ n: Int) -> Int {
        precondition(n > 1, "a split needs at least two elements")
        var k = 1
        while k << 1 < n { k <<= 1 }
        return k
    }

    /// `MTH(D)` over the JCS bytes of the entries (RFC 6962 §2.1, IMB v0.1 §6.2).
    /// - Parameter entries: The JCS bytes of each entry, in collection order.
    /// - Returns: The 32-byte root; ``emptyRoot`` for no entries.
    public static func root(ofEntries entries: [[UInt8]]) -> [UInt8] {
        var accumulator = MerkleAccumulator()
        for entry in entries { accumulator.append(leafHash(entry)) }
        return accumulator.root
    }

    /// `combine` of subtree hashes: the RFC 6962 split rule and node hash with no leaf prefix; one hash is itself
    /// (IMB v0.1 §6.3). Written as the literal recursion of the specification.
    /// - Parameter hashes: The 32-byte subtree hashes, in order.
    /// - Returns: The combined hash, or `nil` for an empty list (`combine` is defined for non-empty lists only).
    public static func combine(_ hashes: [[UInt8]]) -> [UInt8]? {
        guard !hashes.isEmpty else { return nil }
        return combine(hashes[...])
    }

    private static func combine(_ hashes: ArraySlice<[UInt8]>) -> [UInt8] {
        if hashes.count == 1 { return hashes[hashes.startIndex] }
        let k = splitPoint(hashes.count)
        let middle = hashes.startIndex + k
        return nodeHash(combine(hashes[..<middle]), combine(hashes[middle...]))
    }
}

/// Computes `combine` (or, fed with leaf hashes, `MTH`) one hash at a time in O(log n) memory (IMB v0.1 §6.3, §14.3).
///
/// It keeps the roots of the perfect subtrees seen so far, merging two of equal size as soon as they exist; at the
/// end it folds them right to left, which splits every list at the largest power of two below its length, exactly
/// as RFC 6962 §2.1 does.
public struct MerkleAccumulator: Sendable {
    private var stack: [(size: Int, hash: [UInt8])] = []
    /// How many hashes were appended.
    public private(set) var count = 0

    /// Creates an empty accumulator.
    public init() {}

    /// Appends the next hash (a leaf hash, or the root of a subtree that fits the page rule of IMB v0.1 §6.4).
    /// - Parameter hash: 32 bytes.
    public mutating func append(_ hash: [UInt8]) {
        count += 1
        stack.append((1, hash))
        while stack.count >= 2, stack[stack.count - 1].size == stack[stack.count - 2].size {
            let right = stack.removeLast()
            let left = stack.removeLast()
            stack.append((left.size * 2, MerkleTree.nodeHash(left.hash, right.hash)))
        }
    }

    /// The combined hash of everything appended; ``MerkleTree/emptyRoot`` when nothing was (the RFC 6962 empty
    /// tree).
    public var root: [UInt8] {
        guard var result = stack.last?.hash else { return MerkleTree.emptyRoot }
        for item in stack.dropLast().reversed() { result = MerkleTree.nodeHash(item.hash, result) }
        return result
    }
}
