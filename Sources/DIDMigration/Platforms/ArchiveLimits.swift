// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import Foundation

/// Per-archive safety limits against zip bombs and oversized archives (IMB v0.1 §17.2 "Archives").
public struct ArchiveLimits: Sendable, Hashable {
    /// The most entries (files, folders, links) an archive may list; 1,000,000 by default.
    public var maxEntries: Int
    /// The most bytes one entry may expand to; 2 GiB by default.
    public var maxEntryBytes: Int
    /// The most bytes all entries together may expand to; 16 GiB by default.
    public var maxTotalBytes: Int
    /// The largest uncompressed/compressed ratio of one entry, checked once it has expanded past 1 MiB; 1000 by
    /// default.
    public var maxCompressionRatio: Int
    /// The most bytes a JSON document of the archive (`outbox.json` …) may have, as it is held in memory to be
    /// parsed; 512 MiB by default.
    public var maxJSONBytes: Int

    /// Creates limits.
    /// - Parameters:
    ///   - maxEntries: The most entries.
    ///   - maxEntryBytes: The most expanded bytes of one entry.
    ///   - maxTotalBytes: The most expanded bytes in all.
    ///   - maxCompressionRatio: The largest expansion ratio of an entry past 1 MiB.
    ///   - maxJSONBytes: The largest JSON document read into memory.
    public init(
        maxEntries: Int = 1_000_000,
        maxEntryBytes: Int = 2 << 30,
        maxTotalBytes: Int = 16 << 30,
        maxCompressionRatio: Int = 1000,
        maxJSONBytes: Int = 512 << 20
    ) {
        self.maxEntries = maxEntries
        self.maxEntryBytes = maxEntryBytes
        self.maxTotalBytes = maxTotalBytes
        self.maxCompressionRatio = maxCompressionRatio
        self.maxJSONBytes = maxJSONBytes
    }

    /// The defaults: 1,000,000 entries, 2 GiB per entry, 16 GiB in all, ratio 1000, JSON documents ≤ 512 MiB.
    public static let `default` = ArchiveLimits()
}
