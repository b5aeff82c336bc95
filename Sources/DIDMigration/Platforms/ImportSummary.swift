// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import Foundation

/// What an importer added to a ``BundleExporter``.
public struct ImportSummary: Sendable, Hashable {
    /// Entries added per collection (exact duplicates the exporter later drops are counted here).
    public var counts: [MigrationCollectionName: Int]
    /// Human-readable remarks, e.g. `lists.csv: 3 rows for 2 lists`, skipped rows, warnings.
    public var notes: [String]

    /// Creates a summary.
    /// - Parameters:
    ///   - counts: Entries per collection.
    ///   - notes: Remarks.
    public init(counts: [MigrationCollectionName: Int] = [:], notes: [String] = []) {
        self.counts = counts
        self.notes = notes
    }

    mutating func merge(_ other: ImportSummary) {
        counts.merge(other.counts, uniquingKeysWith: +)
        notes += other.notes
    }
}
