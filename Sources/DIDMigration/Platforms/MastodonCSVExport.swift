// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
public import Foundation

/// The CSV exports of Mastodon's "Data export" page, read from a folder (any subset of `following_accounts.csv`,
/// `follower_accounts.csv`, `blocked_accounts.csv`, `muted_accounts.csv`, `lists.csv`, `bookmarks.csv`,
/// `blocked_domains.csv`), mapped as IMB v0.1 §17.1–§17.2 say (Mastodon's `app/models/export.rb`).
///
/// Accounts cannot be resolved offline, so every relationship gets `id: "acct:user@host"` (§17.1 "Identifiers").
public struct MastodonCSVExport {
    /// The kind of a Mastodon CSV file, from its name prefix or its header (§17.1 "Files and types").
    enum Kind: String, CaseIterable {
        case following, followers, blocks, mutes, domainBlocks, bookmarks, lists

        /// Mastodon's `start_with?` prefixes.
        var prefixes: [String] {
            switch self {
            case .following: ["following_accounts", "follows"]
            case .followers: ["follower_accounts"]
            case .blocks: ["blocked_accounts", "blocks"]
            case .mutes: ["muted_accounts", "mutes"]
            case .domainBlocks: ["blocked_domains", "domain_blocks"]
            case .bookmarks: ["bookmarks"]
            case .lists: ["lists"]
            }
        }

        /// The columns of a header-less file.
        var defaultColumns: [String] {
            switch self {
            case .following, .followers, .blocks, .mutes: ["Account address"]
            case .domainBlocks: ["#domain"]
            case .bookmarks: ["#uri"]
            case .lists: ["List name", "Account address"]
            }
        }

        static func of(fileName: String) -> Kind? {
            // "follower_accounts" must win over "follows"-less prefixes; no prefix is a prefix of another kind's.
            allCases.first { kind in kind.prefixes.contains { fileName.hasPrefix($0) } }
        }

        static func of(header: [String]) -> Kind? {
            if header.contains("Hide notifications") { return .mutes }
            if header.contains(where: { ["Show boosts", "Notify on new posts", "Languages"].contains($0) }) {
                return .following
            }
            return nil
        }
    }

    /// The CSV files found, with their kinds, in file-name order.
    let files: [(url: URL, kind: Kind)]
    /// Files skipped because their kind could not be told.
    let skipped: [String]

    /// Finds the Mastodon CSV files in a folder.
    /// - Parameter directory: The folder holding the downloaded `.csv` files.
    /// - Throws: ``MigrationReason/invalidField`` when the folder cannot be read or holds no Mastodon CSV file;
    ///   ``MigrationReason/csvMalformed`` when the first row of a file whose name does not tell its kind is malformed.
    public init(directory: URL) throws(MigrationError) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        } catch {
            throw MigrationError(
                .invalidField,
                "cannot read the folder \(directory.path): \(error.localizedDescription)",
                category: .io
            )
        }
        var files: [(URL, Kind)] = []
        var skipped: [String] = []
        for name in names where name.lowercased().hasSuffix(".csv") {
            let url = directory.appendingPathComponent(name)
            if let kind = Kind.of(fileName: name) {
                files.append((url, kind))
            } else {
                var reader = try CSVReader(url)
                if let kind = try reader.next().flatMap({ Kind.of(header: $0.fields) }) {
                    files.append((url, kind))
                } else {
                    skipped.append(name)
                }
            }
        }
        guard !files.isEmpty else {
            throw MigrationError(.invalidField, "\(directory.path) holds no Mastodon CSV export (§17.1)")
        }
        self.files = files
        self.skipped = skipped
    }

    /// Reads every file and adds its entries: following, followers, blocks, mutes, lists as relationships
    /// (`protocol: "activitypub"`), bookmarks as `content` `rel: "bookmark"`, blocked domains into
    /// `extensions["mastodon:domainBlocks"]` (unique, sorted bytewise, merged with a value already there).
    /// - Parameters:
    ///   - exporter: The exporter to fill.
    ///   - progress: Called with the number of rows read so far, every 1024 rows and at the end.
    /// - Returns: Entries per collection and notes (row counts, skipped files, boolean warnings).
    /// - Throws: ``MigrationReason/csvMalformed`` or ``MigrationReason/csvRowInvalid`` naming file and line,
    ///   ``MigrationReason/duplicate`` for a repeated account with other values.
    public func addEntries(
        into exporter: inout BundleExporter,
        progress: ((Int) -> Void)? = nil
    ) throws(MigrationError) -> ImportSummary {
        var summary = ImportSummary()
        var rows = 0
        var duplicates = DuplicateCheck()
        var domains = Set<BytewiseString>()
        for name in skipped { summary.notes.append("\(name): not a Mastodon CSV export; skipped") }
        for (url, kind) in files {
            var reader = try CSVReader(url)
            let file = reader.name
            var columns = kind.defaultColumns
            var first = true
            var fileRows = 0
            var lists = Set<BytewiseString>()
            var warnings = 0
            while let row = try reader.next() {
                if first {
                    first = false
                    if let cell = row.fields.first,
                        ["Account address", "#domain", "#uri", "List name"].contains(
                            cell.trimmingCharacters(in: .whitespaces)
                        )
                    {
                        columns = row.fields.map { $0.trimmingCharacters(in: .whitespaces) }
                        continue
                    }
                }
                fileRows += 1
                rows += 1
                if rows % 1024 == 0 { progress?(rows) }
                func cell(_ name: String) -> String? {
                    guard let index = columns.firstIndex(of: name), index < row.fields.count else { return nil }
                    return row.fields[index]
                }
                func invalid(_ what: String) -> MigrationError {
                    MigrationError(.csvRowInvalid, "\(file) line \(row.line): \(what)")
                }
                func boolean(_ name: String) -> Bool? {
                    guard let text = cell(name)?.trimmingCharacters(in: .whitespaces).lowercased(), !text.isEmpty
                    else { return nil }
                    if ["false", "f", "0", "off"].contains(text) { return false }
                    if !["true", "t", "1", "on"].contains(text) { warnings += 1 }
                    return true
                }
                func account() throws(MigrationError) -> String {
                    guard let raw = cell("Account address") else { throw invalid("no Account address") }
                    guard let acct = PlatformRules.acct(raw) else {
                        throw invalid("Account address \"\(raw)\" is not user@host")
                    }
                    return acct
                }
                let place = "\(file) line \(row.line)"
                var entry: JSONObject
                let collection: MigrationCollectionName
                switch kind {
                case .following, .followers, .blocks, .mutes:
                    entry = PlatformRules.acctEntry(try account())
                    var options = JSONObject()
                    if kind == .following {
                        if let value = boolean("Show boosts") { options.append("showBoosts", .bool(value)) }
                        if let value = boolean("Notify on new posts") { options.append("notify", .bool(value)) }
                        if let text = cell("Languages") {
                            var seen = Set<BytewiseString>()
                            let languages = text.split(separator: ",")
                                .map { $0.trimmingCharacters(in: .whitespaces) }
                                .filter { !$0.isEmpty && seen.insert(BytewiseString($0)).inserted }
                            if !languages.isEmpty {
                                options.append("languages", .array(languages.map(JSONValue.string)))
                            }
                        }
                    } else if kind == .mutes, let value = boolean("Hide notifications") {
                        options.append("hideNotifications", .bool(value))
                    }
                    if !options.isEmpty { entry.append("options", .object(options)) }
                    collection =
                        switch kind {
                        case .following: .following
                        case .followers: .followers
                        case .blocks: .blocks
                        default: .mutes
                        }
                case .lists:
                    guard let title = cell("List name")?.trimmingCharacters(in: .whitespaces), !title.isEmpty else {
                        throw invalid("empty list name")
                    }
                    entry = PlatformRules.acctEntry(try account())
                    entry.append("list", .string(title))
                    lists.insert(BytewiseString(title))
                    collection = .lists
                case .domainBlocks:
                    let domain = (cell("#domain") ?? "").trimmingCharacters(in: .whitespaces).lowercased()
                    guard !domain.isEmpty, !domain.contains(where: { $0.isWhitespace || $0 == "/" || $0 == "@" }) else {
                        throw invalid("\"\(cell("#domain") ?? "")\" is not a domain")
                    }
                    domains.insert(BytewiseString(domain))
                    continue
                case .bookmarks:
                    let uri = (cell("#uri") ?? "").trimmingCharacters(in: .whitespaces)
                    guard FieldRules.isURI(uri, allowingFragment: true) else {
                        throw invalid("\"\(uri)\" is not an absolute URI")
                    }
                    entry = ["uri": .string(uri), "rel": "bookmark"]
                    collection = .content
                }
                guard try duplicates.admit(entry, to: collection, file: file, line: row.line) else { continue }
                try PlatformRules.add(entry, to: collection, into: &exporter, place: place, summary: &summary)
            }
            switch kind {
            case .lists: summary.notes.append("\(file): \(fileRows) rows for \(lists.count) lists")
            case .domainBlocks:
                summary.notes.append("\(file): \(fileRows) rows → extensions[\"mastodon:domainBlocks\"]")
            default: summary.notes.append("\(file): \(fileRows) rows")
            }
            if warnings > 0 {
                summary.notes.append("\(file): \(warnings) boolean cells were neither true/false nor t/f, 1/0, on/off")
            }
        }
        if !domains.isEmpty { try Self.addDomainBlocks(domains, into: &exporter) }
        progress?(rows)
        return summary
    }

    /// Merges domains into `extensions["mastodon:domainBlocks"]`: lower-case, unique, sorted bytewise (§8.6, §17.2).
    static func addDomainBlocks(
        _ domains: Set<BytewiseString>,
        into exporter: inout BundleExporter
    ) throws(MigrationError) {
        var extensions = exporter.configuration.extensions ?? JSONObject()
        var all = domains
        if let existing = extensions["mastodon:domainBlocks"] {
            guard let items = existing.arrayValue?.compactMap(\.stringValue), items.count == existing.arrayValue?.count
            else {
                throw MigrationError(.invalidField, "extensions[\"mastodon:domainBlocks\"] is not an array of strings")
            }
            all.formUnion(items.map { BytewiseString($0) })
        }
        let sorted = all.sorted().map(\.string)
        _ = extensions.removeValue(forKey: "mastodon:domainBlocks")
        extensions.append("mastodon:domainBlocks", .array(sorted.map(JSONValue.string)))
        exporter.configuration.extensions = extensions
    }
}
