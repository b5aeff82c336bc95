// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
public import Foundation

/// Generic followers/following lists for platforms other than Mastodon: JSON Lines — each line a
/// JSON string (a DID, an actor URI, `user@host`) or a whole relationship entry object (IMB v0.1 §10.1) — or CSV with
/// one identifier per row and an optional header row.
///
/// Identifiers map to relationship entries with this `protocol` (§10.1.1): `did:plc:…` → `atproto`; any other DID →
/// `did`; `http(s)://…` actor URI → `activitypub`; `user@host`, `@user@host` or `acct:user@host` → `activitypub` with
/// `id: "acct:user@host"` and `acct`; `nostr:npub1…` → `nostr`; `at://did:…` → `atproto` with the DID as `id`.
///
/// Memory stays bounded whatever the list's length (rows stream into the exporter's external sort); repeated rows
/// are left to the exporter, which drops exact duplicates and fails the export with `duplicate` when two different
/// entries share an `id` (IMB v0.1 §15.1).
public enum GraphListImport {
    /// Adds every row of a list to a relationship collection.
    /// - Parameters:
    ///   - file: A `.jsonl`/`.ndjson`/`.json` file (JSON Lines) or any other file (CSV). A file whose first
    ///     non-blank line starts with `{` is read as JSON Lines whatever its name.
    ///   - collection: The relationship collection (`followers`, `following`, `blocks`, `mutes`); `lists` needs
    ///     entry objects with `list`.
    ///   - exporter: The exporter to fill.
    ///   - progress: Called with the number of rows read so far, every 1024 rows and at the end.
    /// - Returns: The number of entries added.
    /// - Throws: ``MigrationReason/csvMalformed`` / ``MigrationReason/malformedJSON`` for syntax errors,
    ///   ``MigrationReason/csvRowInvalid`` for an identifier of no known form, the entry rules' errors (§10.1) —
    ///   each naming the file and 1-based line; ``MigrationReason/invalidField`` for `content`.
    public static func addEntries(
        from file: URL,
        to collection: MigrationCollectionName,
        into exporter: inout BundleExporter,
        progress: ((Int) -> Void)? = nil
    ) throws(MigrationError) -> Int {
        guard collection != .content else {
            throw MigrationError(.invalidField, "a graph list cannot fill the content collection")
        }
        var summary = ImportSummary()
        var rows = 0
        let name = file.lastPathComponent
        func add(_ entry: JSONObject, line: Int) throws(MigrationError) {
            rows += 1
            if rows % 1024 == 0 { progress?(rows) }
            try PlatformRules.add(
                entry,
                to: collection,
                into: &exporter,
                place: "\(name) line \(line)",
                summary: &summary
            )
        }
        if try isJSONLines(file) {
            var reader = try LineReader(file)
            while let (line, bytes) = try reader.next() {
                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                let value: JSONValue
                do {
                    value = try JSONValue(parsing: bytes)
                } catch {
                    throw MigrationError(.malformedJSON, "\(name) line \(line): \(error.reason)")
                }
                switch value {
                case .string(let text):
                    guard let entry = entry(for: text) else {
                        throw MigrationError(
                            .csvRowInvalid,
                            "\(name) line \(line): \"\(text)\" is not a DID, actor URI or user@host"
                        )
                    }
                    try add(entry, line: line)
                case .object(let object):
                    try add(object, line: line)
                default:
                    throw MigrationError(.invalidField, "\(name) line \(line): neither a string nor an entry object")
                }
            }
        } else {
            var reader = try CSVReader(file)
            var column = 0
            var first = true
            while let row = try reader.next() {
                if first {
                    first = false
                    let header = row.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                    if entry(for: row.fields[0]) == nil {
                        let known = ["id", "did", "actor", "uri", "account", "account address", "acct", "handle"]
                        column = header.firstIndex(where: known.contains) ?? 0
                        continue
                    }
                }
                guard column < row.fields.count, let entry = entry(for: row.fields[column]) else {
                    let cell = column < row.fields.count ? row.fields[column] : ""
                    throw MigrationError(
                        .csvRowInvalid,
                        "\(name) line \(row.line): \"\(cell)\" is not a DID, actor URI or user@host"
                    )
                }
                try add(entry, line: row.line)
            }
        }
        progress?(rows)
        return summary.counts[collection] ?? 0
    }

    /// JSON Lines by extension, or by a first non-blank line starting with `{` or `"` that parses as JSON.
    private static func isJSONLines(_ file: URL) throws(MigrationError) -> Bool {
        if ["jsonl", "ndjson", "json"].contains(file.pathExtension.lowercased()) { return true }
        if ["csv", "txt"].contains(file.pathExtension.lowercased()) { return false }
        var reader = try LineReader(file)
        while let (_, bytes) = try reader.next() {
            guard let first = bytes.first(where: { $0 != 0x20 && $0 != 0x09 }) else { continue }
            return first == UInt8(ascii: "{")
                || (first == UInt8(ascii: "\"") && (try? JSONValue(parsing: bytes)) != nil)
        }
        return false
    }

    /// The relationship entry for one identifier, or `nil` when it has no known form.
    static func entry(for raw: String) -> JSONObject? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("did:") {
            guard FieldRules.isDID(text) else { return nil }
            return ["id": .string(text), "protocol": text.hasPrefix("did:plc:") ? "atproto" : "did"]
        }
        if text.hasPrefix("at://") {
            let authority = String(text.dropFirst(5).prefix { $0 != "/" })
            guard FieldRules.isDID(authority) else { return nil }
            return ["id": .string(authority), "protocol": "atproto"]
        }
        if text.hasPrefix("nostr:npub1") {
            guard FieldRules.isURI(text) else { return nil }
            return ["id": .string(text), "protocol": "nostr"]
        }
        if text.hasPrefix("https://") || text.hasPrefix("http://") {
            guard FieldRules.isURI(text), URL(string: text)?.host?.isEmpty == false else { return nil }
            return ["id": .string(text), "protocol": "activitypub"]
        }
        let acct = text.hasPrefix("acct:") ? String(text.dropFirst(5)) : text
        return PlatformRules.acct(acct).map(PlatformRules.acctEntry)
    }
}
