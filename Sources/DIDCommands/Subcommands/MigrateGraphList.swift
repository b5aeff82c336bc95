// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDMigration
import Foundation

/// Reads a followers or following list for `did migrate export`: JSON Lines (a JSON string or an entry object per
/// line) or CSV (a DID, an actor URI or `user@host` in the first column; a first row that is none of these is a
/// header). Entries become relationship entries (IMB v0.1 §10.1): a DID with protocol `did`, an https actor URI with
/// `activitypub`, `user@host` as `acct:user@host` with an `acct` hint.
enum GraphListFile {
    /// Reads `file` and hands each entry to `add`.
    /// - Parameters:
    ///   - file: The list.
    ///   - collection: The collection the entries go to (for messages).
    ///   - add: Receives each entry and its 1-based line number.
    ///   - progress: Receives the number of entries read so far.
    /// - Returns: The number of entries.
    /// - Throws: ``MigrationError`` `invalid-field` naming the file and line of a row that is not an identifier.
    static func addEntries(
        from file: URL,
        to collection: MigrationCollectionName,
        _ add: (JSONObject, Int) throws(MigrationError) -> Void,
        progress: (Int) -> Void
    ) throws(MigrationError) -> Int {
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            throw MigrationError(.invalidField, "cannot read \(file.path)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw MigrationError(.malformedJSON, "\(file.path) is not UTF-8")
        }
        var count = 0
        var lineNumber = 0
        // Characters, not bytes: CR LF is one Character, and isNewline splits at it as at LF.
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            var line = Substring(rawLine)
            if lineNumber == 1, line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            let location = "\(file.lastPathComponent):\(lineNumber)"
            let entry: JSONObject
            if trimmed.hasPrefix("{") || trimmed.hasPrefix("\"") {
                let value: JSONValue
                do {
                    value = try JSONValue(parsing: trimmed)
                } catch {
                    throw MigrationError(.malformedJSON, "\(location): \(error.reason)")
                }
                switch value {
                case .object(let object): entry = object
                case .string(let identifier):
                    guard let made = Self.entry(for: identifier) else {
                        throw MigrationError(.invalidField, "\(location): \(identifier) is not a DID, URI or user@host")
                    }
                    entry = made
                default:
                    throw MigrationError(.invalidField, "\(location): neither an identifier nor an entry object")
                }
            } else {
                let first = trimmed.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
                let identifier = first.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
                guard let made = Self.entry(for: identifier) else {
                    if count == 0 { continue }  // A header row.
                    throw MigrationError(.invalidField, "\(location): \(identifier) is not a DID, URI or user@host")
                }
                entry = made
            }
            do {
                try add(entry, lineNumber)
            } catch {
                throw MigrationError(error.code, "\(location): \(error.reason)")
            }
            count += 1
            progress(count)
        }
        return count
    }

    /// The relationship entry for one identifier, or `nil` when it is none of DID, URI, `user@host`.
    static func entry(for identifier: String) -> JSONObject? {
        var text = identifier
        if text.hasPrefix("@") { text.removeFirst() }
        if text.hasPrefix("did:"), (try? DID(text)) != nil {
            return ["id": .string(text), "protocol": "did"]
        }
        if text.hasPrefix("https://") || text.hasPrefix("http://"), URL(string: text)?.host != nil {
            return ["id": .string(text), "protocol": "activitypub"]
        }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        if parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !text.contains(" ") {
            return ["id": .string("acct:" + text), "protocol": "activitypub", "acct": .string(text)]
        }
        return nil
    }
}
