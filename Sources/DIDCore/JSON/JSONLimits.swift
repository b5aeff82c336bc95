// swift-did: decentralized identity for Swift. Apache-2.0.

/// Resource limits applied while parsing JSON, so that hostile input cannot exhaust memory or time.
///
/// RFC 8259 §9 allows a parser to limit the size of texts and the depth of nesting; exceeding a limit is reported
/// as ``DIDError/Code/invalidJSON`` with the offset where the limit was crossed.
public struct JSONLimits: Sendable, Hashable {
    /// The deepest allowed nesting of arrays and objects together; `[[1]]` has depth 2 (RFC 8259 §9).
    public var maxDepth: Int
    /// The largest accepted input, in bytes (RFC 8259 §9).
    public var maxBytes: Int

    /// Creates limits.
    /// - Parameters:
    ///   - maxDepth: The deepest allowed nesting of arrays and objects; 64 by default.
    ///   - maxBytes: The largest accepted input in bytes; 16 MiB by default.
    public init(maxDepth: Int = 64, maxBytes: Int = 16 * 1024 * 1024) {
        self.maxDepth = maxDepth
        self.maxBytes = maxBytes
    }

    /// Depth 64, 16 MiB.
    public static let `default` = JSONLimits()
}
