// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import Foundation

extension MigrationReason {
    /// A CSV file breaks the syntax of IMB v0.1 §17.1 (unterminated quote, a quote inside an unquoted field,
    /// invalid UTF-8); the message names the file and the 1-based line.
    public static let csvMalformed = Self(rawValue: "csv-malformed")
    /// A CSV row is well-formed but a cell breaks its rule (§17.1 "Cell parsing"); the message names file and line.
    public static let csvRowInvalid = Self(rawValue: "csv-row-invalid")
    /// An archive entry is absolute, has a `..` segment or a backslash, or is a link (§17.2 "Archives").
    public static let archivePathTraversal = Self(rawValue: "archive-path-traversal")
    /// An archive expands beyond its ``ArchiveLimits`` (§17.2 "Archives").
    public static let archiveTooLarge = Self(rawValue: "archive-too-large")
}

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

/// Reads a file in chunks of 64 KiB (bounded memory for large exports).
struct ChunkedFile {
    let name: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var index = 0
    private(set) var atEnd = false

    init(_ url: URL) throws(MigrationError) {
        name = url.lastPathComponent
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw MigrationError(.invalidField, "cannot read \(url.path): \(error.localizedDescription)", category: .io)
        }
    }

    /// The next byte, or `nil` at the end of the file.
    mutating func next() throws(MigrationError) -> UInt8? {
        if index == buffer.count {
            guard !atEnd else { return nil }
            do {
                buffer = Array(try handle.read(upToCount: 65536) ?? Data())
            } catch {
                throw MigrationError(.invalidField, "cannot read \(name): \(error.localizedDescription)", category: .io)
            }
            index = 0
            if buffer.isEmpty {
                atEnd = true
                try? handle.close()
                return nil
            }
        }
        defer { index += 1 }
        return buffer[index]
    }

    /// Peeks at the next byte without consuming it.
    mutating func peek() throws(MigrationError) -> UInt8? {
        guard let byte = try next() else { return nil }
        index -= 1
        return byte
    }
}

/// A streaming RFC 4180 reader with the rules of IMB v0.1 §17.1: UTF-8 (a leading BOM ignored), `\n` or `\r\n` line
/// ends, quoted fields with commas, `""` and line breaks, blank lines skipped; any syntax error is
/// ``MigrationReason/csvMalformed`` with the file name and 1-based line.
struct CSVReader {
    /// One row: the 1-based line it starts on and its cells.
    struct Row {
        let line: Int
        let fields: [String]
    }

    private var file: ChunkedFile
    private var line = 1
    private var started = false
    /// The most bytes one row may have (a guard against a runaway quoted field).
    let maxRowBytes: Int

    var name: String { file.name }

    init(_ url: URL, maxRowBytes: Int = 1 << 20) throws(MigrationError) {
        file = try ChunkedFile(url)
        self.maxRowBytes = maxRowBytes
    }

    private func malformed(_ line: Int, _ what: String) -> MigrationError {
        MigrationError(.csvMalformed, "\(name) line \(line): \(what)")
    }

    /// The next non-blank row, or `nil` at the end.
    mutating func next() throws(MigrationError) -> Row? {
        if !started {
            started = true
            if try file.peek() == 0xEF {
                let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
                for expected in bom {
                    guard try file.next() == expected else { throw malformed(1, "invalid UTF-8 at the start") }
                }
            }
        }
        while true {
            let start = line
            guard let fields = try readRow(start) else { return nil }
            if fields.count == 1, fields[0].isEmpty { continue }  // blank line
            return Row(line: start, fields: fields)
        }
    }

    /// Reads one physical row (possibly spanning lines inside quotes); `nil` at the end of the file.
    private mutating func readRow(_ start: Int) throws(MigrationError) -> [String]? {
        guard try file.peek() != nil else { return nil }
        var fields: [String] = []
        var field: [UInt8] = []
        var total = 0
        var quoted = false  // inside a quoted field
        var wasQuoted = false  // the current field was quoted and its closing quote seen
        func finish() throws(MigrationError) {
            guard let text = String(validating: field, as: UTF8.self) else {
                throw malformed(line, "invalid UTF-8")
            }
            fields.append(text)
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
        }
        while let byte = try file.next() {
            total += 1
            guard total <= maxRowBytes else { throw malformed(start, "a row longer than \(maxRowBytes) bytes") }
            if quoted {
                if byte == 0x22 {
                    if try file.peek() == 0x22 {
                        _ = try file.next()
                        field.append(0x22)
                    } else {
                        quoted = false
                        wasQuoted = true
                    }
                } else {
                    if byte == 0x0A { line += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case 0x2C:
                try finish()
            case 0x0A:
                try finish()
                line += 1
                return fields
            case 0x0D:
                guard try file.next() == 0x0A else {
                    throw malformed(line, "a carriage return not followed by a line feed")
                }
                try finish()
                line += 1
                return fields
            case 0x22:
                guard field.isEmpty, !wasQuoted else { throw malformed(line, "a quote inside an unquoted field") }
                quoted = true
            default:
                guard !wasQuoted else { throw malformed(line, "text after a closing quote") }
                field.append(byte)
            }
        }
        if quoted { throw malformed(start, "unterminated quoted field") }
        try finish()
        return fields
    }
}

/// Reads a file line by line (`\n` or `\r\n`), for JSON Lines.
struct LineReader {
    private var file: ChunkedFile
    private(set) var line = 0
    let maxLineBytes: Int
    var name: String { file.name }

    init(_ url: URL, maxLineBytes: Int = 1 << 20) throws(MigrationError) {
        file = try ChunkedFile(url)
        self.maxLineBytes = maxLineBytes
    }

    /// The next line's bytes without its line end, and its 1-based number; `nil` at the end.
    mutating func next() throws(MigrationError) -> (line: Int, bytes: [UInt8])? {
        guard try file.peek() != nil else { return nil }
        line += 1
        var bytes: [UInt8] = []
        while let byte = try file.next() {
            if byte == 0x0A { break }
            bytes.append(byte)
            guard bytes.count <= maxLineBytes else {
                throw MigrationError(.tooLarge, "\(name) line \(line): longer than \(maxLineBytes) bytes")
            }
        }
        if bytes.last == 0x0D { bytes.removeLast() }
        if line == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        return (line, bytes)
    }
}

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
        if let previous = seen[collection]?[key.hashValue] {
            guard previous.hash == entry.hashValue else {
                throw MigrationError(
                    .duplicate,
                    "\(file) line \(line): \(key.joined(separator: " ")) repeats line \(previous.line) with other values"
                )
            }
            return false
        }
        seen[collection, default: [:]][key.hashValue] = (line, entry.hashValue)
        return true
    }
}
