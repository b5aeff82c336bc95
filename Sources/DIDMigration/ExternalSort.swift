// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import Foundation

/// Sorts the entries of one collection with bounded memory: entries are kept in a chunk of at most `chunkSize`, each
/// full chunk is sorted and written to a temporary file, and the files are merged (k-way) at the end (IMB v0.1 §15.1).
///
/// Exact duplicates (same JCS bytes) are dropped; two different entries with the same sort key are an error.
struct ExternalSorter {
    let collection: MigrationCollectionName
    let chunkSize: Int
    let directory: URL
    private var chunk: [(key: [String], line: [UInt8])] = []
    private var runs: [URL] = []
    private(set) var added = 0

    init(collection: MigrationCollectionName, chunkSize: Int, directory: URL) {
        self.collection = collection
        self.chunkSize = max(chunkSize, 1)
        self.directory = directory
    }

    mutating func add(key: [String], line: [UInt8]) throws(MigrationError) {
        chunk.append((key, line))
        added += 1
        if chunk.count >= chunkSize { try spill() }
    }

    private mutating func sortChunk() {
        chunk.sort { MigrationCollectionName.compare($0.key, $1.key) < 0 }
    }

    private mutating func spill() throws(MigrationError) {
        sortChunk()
        let url = directory.appendingPathComponent("\(collection.rawValue)-run-\(runs.count).bin")
        // Written through a 1 MiB buffer, so a spill adds 1 MiB to the chunk, not a copy of it.
        guard FileManager.default.createFile(atPath: url.path, contents: nil),
            let handle = FileHandle(forWritingAtPath: url.path)
        else {
            throw MigrationError(.invalidField, "cannot create the sort run \(url.path)", category: .io)
        }
        defer { try? handle.close() }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1 << 20)
        // A record: the key's components and the line, each as a 4-byte big-endian length and the bytes.
        func append(_ part: some Collection<UInt8>) {
            let count = UInt32(part.count)
            bytes.append(UInt8(count >> 24))
            bytes.append(UInt8(count >> 16 & 0xFF))
            bytes.append(UInt8(count >> 8 & 0xFF))
            bytes.append(UInt8(count & 0xFF))
            bytes.append(contentsOf: part)
        }
        do {
            for item in chunk {
                for component in item.key { append(component.utf8) }
                append(item.line)
                if bytes.count >= 1 << 20 {
                    try handle.write(contentsOf: bytes)
                    bytes.removeAll(keepingCapacity: true)
                }
            }
            try handle.write(contentsOf: bytes)
        } catch {
            throw MigrationError(.invalidField, "cannot write the sort run \(url.path): \(error)", category: .io)
        }
        runs.append(url)
        chunk.removeAll(keepingCapacity: true)
    }

    /// Streams the sorted, de-duplicated lines to `body`.
    mutating func merge(
        _ body: (_ line: [UInt8], _ key: [String]) throws(MigrationError) -> Void
    ) throws(MigrationError) {
        var sources: [any SortedSource] = []
        if runs.isEmpty {
            sortChunk()
            sources.append(ArraySource(items: chunk))
        } else {
            if !chunk.isEmpty { try spill() }
            for url in runs { sources.append(try FileRunSource(url: url, collection: collection)) }
        }
        chunk = []
        var heads: [(key: [String], line: [UInt8])?] = try sources.indices.map { (index) throws(MigrationError) in
            try sources[index].next()
        }
        var previous: (key: [String], line: [UInt8])?
        while true {
            var best: Int?
            for index in heads.indices {
                guard let head = heads[index] else { continue }
                if let current = best, let bestHead = heads[current],
                    MigrationCollectionName.compare(bestHead.key, head.key) <= 0
                {
                    continue
                }
                best = index
            }
            guard let index = best, let item = heads[index] else { break }
            heads[index] = try sources[index].next()
            if let previous, MigrationCollectionName.compare(previous.key, item.key) == 0 {
                guard previous.line == item.line else {
                    throw MigrationError(
                        .duplicate,
                        "two different \(collection.rawValue) entries share the sort key \(item.key)"
                    )
                }
                continue
            }
            try body(item.line, item.key)
            previous = item
        }
        for url in runs { try? FileManager.default.removeItem(at: url) }
        runs = []
    }
}

private protocol SortedSource {
    mutating func next() throws(MigrationError) -> (key: [String], line: [UInt8])?
}

private struct ArraySource: SortedSource {
    var items: [(key: [String], line: [UInt8])]
    var index = 0

    mutating func next() -> (key: [String], line: [UInt8])? {
        guard index < items.count else { return nil }
        defer { index += 1 }
        return items[index]
    }
}

/// Reads a sorted run file line by line through a 64 KiB buffer.
private final class FileRunSource: SortedSource {
    let handle: FileHandle
    let keyCount: Int
    var buffer: [UInt8] = []
    var position = 0
    var finished = false

    init(url: URL, collection: MigrationCollectionName) throws(MigrationError) {
        // Components of the collection's sort key (§9.4): one for the relationship collections, two otherwise.
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw MigrationError(.invalidField, "cannot read the sort run \(url.path): \(error)", category: .io)
        }
        keyCount =
            collection == .followers || collection == .following || collection == .blocks
                || collection == .mutes ? 1 : 2
    }

    deinit { try? handle.close() }

    func next() throws(MigrationError) -> (key: [String], line: [UInt8])? {
        var key: [String] = []
        for _ in 0..<keyCount {
            guard let part = try field() else {
                if key.isEmpty { return nil }
                throw MigrationError(.invalidField, "a sort run is truncated")
            }
            key.append(String(decoding: part, as: UTF8.self))
        }
        guard let line = try field() else { throw MigrationError(.invalidField, "a sort run is truncated") }
        return (key, line)
    }

    /// The next length-prefixed field, or `nil` at the end of the file.
    private func field() throws(MigrationError) -> [UInt8]? {
        guard try fill(4) else { return nil }
        let length =
            Int(buffer[position]) << 24 | Int(buffer[position + 1]) << 16 | Int(buffer[position + 2]) << 8
            | Int(buffer[position + 3])
        guard try fill(4 + length) else { throw MigrationError(.invalidField, "a sort run is truncated") }
        defer { position += 4 + length }
        return Array(buffer[(position + 4)..<(position + 4 + length)])
    }

    /// Makes at least `count` bytes available from `position`; `false` at the end of the file.
    private func fill(_ count: Int) throws(MigrationError) -> Bool {
        while buffer.count - position < count {
            if finished { return false }
            buffer.removeSubrange(0..<position)
            position = 0
            let data: Data?
            do {
                data = try handle.read(upToCount: max(1 << 16, count))
            } catch {
                throw MigrationError(.invalidField, "cannot read a sort run: \(error)", category: .io)
            }
            if let data, !data.isEmpty { buffer.append(contentsOf: data) } else { finished = true }
        }
        return true
    }
}
