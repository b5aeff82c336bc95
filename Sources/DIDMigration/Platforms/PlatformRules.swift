// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import Foundation

/// Shared helpers of the platform mappings.
enum PlatformRules {
    /// §17.1 `Account address`: trim, drop one leading `@`, require `user@host`; `nil` when invalid.
    static func acct(_ cell: String) -> String? {
        var text = cell.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("@") { text.removeFirst() }
        guard FieldRules.isAcct(text), FieldRules.isURI("acct:" + text) else { return nil }
        return text
    }

    /// A relationship entry for an unresolved Mastodon account: `id` = `acct:user@host` (§17.1 "Identifiers").
    static func acctEntry(_ acct: String) -> JSONObject {
        ["id": .string("acct:" + acct), "protocol": "activitypub", "acct": .string(acct)]
    }

    /// Adds one entry and counts it, turning an entry-rule failure into an error naming `place`.
    static func add(
        _ entry: JSONObject,
        to collection: MigrationCollectionName,
        into exporter: inout BundleExporter,
        place: String,
        summary: inout ImportSummary
    ) throws(MigrationError) {
        do {
            try exporter.add(entry, to: collection)
        } catch {
            throw MigrationError(error.code, "\(place): \(error.reason)")
        }
        summary.counts[collection, default: 0] += 1
    }
}
