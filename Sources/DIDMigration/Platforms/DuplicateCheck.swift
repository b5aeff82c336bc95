// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import Foundation

/// Finds rows that repeat a sort key with different content (§17.1: merged when identical, reported when not).
///
/// Keeps 64-bit hashes of the sort key and the entry per row, not the rows (about 40 bytes a row), so a large export
/// stays small in memory (a 64-bit collision of two keys would be reported as a repeat: odds about n²/2⁶⁵).
struct DuplicateCheck {
    private var seen: [MigrationCollectionName: [Int: (line: Int, hash: Int)]] = [:]

    /// - Returns: `true` when the entry is new, `false` when an identical one was seen (skip it).
    /// - Throws: ``MigrationReason/duplicate`` naming both lines when the content differs.
    mutating func admit(
        _ entry: JSONObject,
        to collection: MigrationCollectionName,
        file: String,
        line: Int
    ) throws(MigrationError) -> Bool {
        let key = collection.sortKey(of: entry)
        let keyHash = key.map { BytewiseString($0) }.hashValue  // by bytes: String's hash merges equivalent forms
        if let previous = seen[collection]?[keyHash] {
            guard previous.hash == entry.hashValue else {
                throw MigrationError(
                    .duplicate,
                    "\(file) line \(line): \(key.joined(separator: " ")) repeats line \(previous.line) with other values"
                )
            }
            return false
        }
        seen[collection, default: [:]][keyHash] = (line, entry.hashValue)
        return true
    }
}
