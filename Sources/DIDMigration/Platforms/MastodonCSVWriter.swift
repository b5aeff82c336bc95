// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
public import Foundation

/// Bundle → the CSV files Mastodon's "Import" page accepts, with the same headers and value formats as Mastodon's own
/// exports (IMB v0.1 §17.3; Mastodon's `app/models/form/import.rb`).
///
/// Files: `following_accounts.csv` (header `Account address,Show boosts,Notify on new posts,Languages`),
/// `blocked_accounts.csv` (no header), `muted_accounts.csv` (header `Account address,Hide notifications`),
/// `lists.csv` (no header, `title,acct`), `bookmarks.csv` (no header, one URI), `blocked_domains.csv` (no header,
/// one domain). A file that would pass `rowLimit` data rows or `byteLimit` bytes is split into `<base>-001.csv`,
/// `<base>-002.csv`, … (§17.3 "Split rule"; the header is repeated in every part). Followers, posts and attachments
/// cannot be imported into Mastodon: no file is written for them, the report says so.
public enum MastodonCSVWriter {
    /// What ``writeReport(_:to:rowLimit:byteLimit:)`` wrote.
    public struct Report: Sendable, Hashable {
        /// The files written, in their final place, in name order.
        public var files: [URL]
        /// Remarks: entries skipped (no `acct`), collections Mastodon cannot import, the follow limit.
        public var notes: [String]
    }

    /// Writes the CSV files into `directory`, which must not exist yet (written in a temporary sibling, then renamed).
    /// - Parameters:
    ///   - bundle: The bundle (not verified here; verify it first).
    ///   - directory: The folder to create.
    ///   - rowLimit: The most data rows per file (Mastodon: 20,000).
    ///   - byteLimit: The most bytes per file, header included (Mastodon: 20 MiB; 20,000,000 by default).
    /// - Returns: The files written.
    /// - Throws: ``MigrationReason/invalidField`` for an existing `directory`, limits that cannot hold one row, or
    ///   I/O failures; the bundle's read errors.
    public static func write(
        _ bundle: BundleDirectory,
        to directory: URL,
        rowLimit: Int = 20_000,
        byteLimit: Int = 20_000_000
    ) throws(MigrationError) -> [URL] {
        try writeReport(bundle, to: directory, rowLimit: rowLimit, byteLimit: byteLimit).files
    }

    /// ``write(_:to:rowLimit:byteLimit:)`` with the notes.
    /// - Parameters:
    ///   - bundle: The bundle.
    ///   - directory: The folder to create.
    ///   - rowLimit: The most data rows per file.
    ///   - byteLimit: The most bytes per file.
    /// - Returns: The files and the notes.
    /// - Throws: As ``write(_:to:rowLimit:byteLimit:)``.
    public static func writeReport(
        _ bundle: BundleDirectory,
        to directory: URL,
        rowLimit: Int = 20_000,
        byteLimit: Int = 20_000_000
    ) throws(MigrationError) -> Report {
        guard rowLimit >= 1, byteLimit >= 256 else {
            throw MigrationError(.invalidField, "rowLimit must be ≥ 1 and byteLimit ≥ 256")
        }
        let fileManager = FileManager.default
        guard !fileManager.fileExists(atPath: directory.path) else {
            throw MigrationError(.invalidField, "\(directory.path) already exists")
        }
        let staging = directory.deletingLastPathComponent()
            .appendingPathComponent(".\(directory.lastPathComponent).partial-\(UUID().uuidString)")
        defer { try? fileManager.removeItem(at: staging) }
        do {
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw MigrationError(
                .invalidField,
                "cannot create \(staging.path): \(error.localizedDescription)",
                category: .io
            )
        }
        let manifest = try bundle.manifest()
        var notes: [String] = []
        var names: [String] = []

        func account(_ entry: JSONObject) -> String? {
            if let acct = entry["acct"]?.stringValue { return acct }
            if let id = entry["id"]?.stringValue, id.hasPrefix("acct:") { return String(id.dropFirst(5)) }
            return nil
        }
        func boolean(_ value: JSONValue?) -> String {
            switch value {
            case .bool(true)?: "true"
            case .bool(false)?: "false"
            default: ""
            }
        }
        func relationships(
            _ collection: MigrationCollectionName,
            base: String,
            header: [String]?,
            row: (JSONObject, String) -> [String]
        ) throws(MigrationError) {
            guard manifest.collection(collection) != nil else { return }
            var file = PartWriter(folder: staging, base: base, header: header, rowLimit: rowLimit, byteLimit: byteLimit)
            var skipped = 0
            try bundle.forEachEntry(in: collection) { (entry) throws(MigrationError) in
                guard let acct = account(entry) else {
                    skipped += 1
                    return
                }
                try file.write(row(entry, acct))
            }
            names += try file.finish()
            if skipped > 0 {
                notes.append(
                    "\(base).csv: \(skipped) \(collection.rawValue) entries without an acct (user@host) skipped"
                )
            }
            if collection == .following, file.rows > 7500 {
                notes.append(
                    "following_accounts.csv: \(file.rows) accounts; Mastodon limits follows to 7,500 (or 1.1 × followers above that)"
                )
            }
        }

        try relationships(
            .following,
            base: "following_accounts",
            header: ["Account address", "Show boosts", "Notify on new posts", "Languages"]
        ) { entry, acct in
            let options = entry["options"]
            let languages = options?["languages"]?.arrayValue?.compactMap(\.stringValue) ?? []
            return [
                acct, boolean(options?["showBoosts"]), boolean(options?["notify"]), languages.joined(separator: ", "),
            ]
        }
        try relationships(.blocks, base: "blocked_accounts", header: nil) { _, acct in [acct] }
        try relationships(.mutes, base: "muted_accounts", header: ["Account address", "Hide notifications"]) {
            entry,
            acct in [acct, boolean(entry["options"]?["hideNotifications"])]
        }
        try relationships(.lists, base: "lists", header: nil) { entry, acct in
            [entry["list"]?.stringValue ?? "", acct]
        }
        if manifest.collection(.content) != nil {
            var file = PartWriter(
                folder: staging,
                base: "bookmarks",
                header: nil,
                rowLimit: rowLimit,
                byteLimit: byteLimit
            )
            var other = 0
            try bundle.forEachEntry(in: .content) { (entry) throws(MigrationError) in
                guard entry["rel"]?.stringValue == "bookmark", let uri = entry["uri"]?.stringValue else {
                    other += 1
                    return
                }
                try file.write([uri])
            }
            names += try file.finish()
            if other > 0 {
                notes.append(
                    "content: \(other) entries other than bookmarks (posts, media, likes) cannot be imported into Mastodon"
                )
            }
        }
        if let domains = manifest.json["extensions"]?["mastodon:domainBlocks"]?.arrayValue {
            var file = PartWriter(
                folder: staging,
                base: "blocked_domains",
                header: nil,
                rowLimit: rowLimit,
                byteLimit: byteLimit
            )
            for case .string(let domain) in domains { try file.write([domain]) }
            names += try file.finish()
        }
        if let followers = manifest.collection(.followers), followers.count > 0 {
            notes.append(
                "followers: \(followers.count) entries; Mastodon has no followers import — add the old account as an "
                    + "alias of the new one, then start the move (Move) from the old account"
            )
        }
        do {
            try fileManager.moveItem(at: staging, to: directory)
        } catch {
            throw MigrationError(
                .invalidField,
                "cannot move the CSV files to \(directory.path): \(error.localizedDescription)",
                category: .io
            )
        }
        return Report(files: names.sorted().map { directory.appendingPathComponent($0) }, notes: notes)
    }

    /// §17.3: a field is quoted only when it holds `,`, `"`, CR or LF.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Writes one logical CSV file as parts within the row and byte limits.
    struct PartWriter {
        let folder: URL
        let base: String
        let header: [UInt8]?
        let rowLimit: Int
        let byteLimit: Int
        private var parts: [String] = []
        private var handle: FileHandle?
        private var partRows = 0
        private var partBytes = 0
        private var buffer: [UInt8] = []
        private(set) var rows = 0

        init(folder: URL, base: String, header: [String]?, rowLimit: Int, byteLimit: Int) {
            self.folder = folder
            self.base = base
            self.header = header.map { Array(($0.map(MastodonCSVWriter.field).joined(separator: ",") + "\n").utf8) }
            self.rowLimit = rowLimit
            self.byteLimit = byteLimit
        }

        private func name(_ index: Int) -> String {
            let number = String(index)
            return base + "-" + String(repeating: "0", count: max(0, 3 - number.count)) + number + ".csv"
        }

        private mutating func flush() throws(MigrationError) {
            guard let handle, !buffer.isEmpty else { return }
            do {
                try handle.write(contentsOf: buffer)
            } catch {
                throw MigrationError(
                    .invalidField,
                    "cannot write \(base).csv: \(error.localizedDescription)",
                    category: .io
                )
            }
            buffer.removeAll(keepingCapacity: true)
        }

        private mutating func closePart() throws(MigrationError) {
            try flush()
            try? handle?.close()
            handle = nil
        }

        private mutating func openPart() throws(MigrationError) {
            let name = name(parts.count + 1)
            let url = folder.appendingPathComponent(name)
            guard FileManager.default.createFile(atPath: url.path, contents: nil),
                let handle = FileHandle(forWritingAtPath: url.path)
            else { throw MigrationError(.invalidField, "cannot create \(url.path)", category: .io) }
            self.handle = handle
            parts.append(name)
            partRows = 0
            partBytes = 0
            if let header {
                buffer += header
                partBytes = header.count
            }
        }

        mutating func write(_ fields: [String]) throws(MigrationError) {
            let line = Array((fields.map(MastodonCSVWriter.field).joined(separator: ",") + "\n").utf8)
            guard line.count + (header?.count ?? 0) <= byteLimit else {
                throw MigrationError(.invalidField, "\(base).csv: a row of \(line.count) bytes exceeds the byte limit")
            }
            if handle == nil || partRows == rowLimit || partBytes + line.count > byteLimit {
                try closePart()
                try openPart()
            }
            buffer += line
            partRows += 1
            partBytes += line.count
            rows += 1
            if buffer.count >= 1 << 16 { try flush() }
        }

        /// Closes the last part; a single part takes the plain name. Returns the file names (none when no rows).
        mutating func finish() throws(MigrationError) -> [String] {
            try closePart()
            guard parts.count == 1 else { return parts }
            let plain = base + ".csv"
            do {
                try FileManager.default.moveItem(
                    at: folder.appendingPathComponent(parts[0]),
                    to: folder.appendingPathComponent(plain)
                )
            } catch {
                throw MigrationError(
                    .invalidField,
                    "cannot name \(plain): \(error.localizedDescription)",
                    category: .io
                )
            }
            return [plain]
        }
    }
}
