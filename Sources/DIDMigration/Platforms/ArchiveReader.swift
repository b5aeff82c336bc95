// swift-did: decentralized identity for Swift. Apache-2.0.

import Crypto
import DIDCore
import Foundation
import ZIPFoundation

/// What one pass over an archive found: every regular file's raw CID and size, the bytes of the JSON documents asked
/// for, and the archive file's own CID (IMB v0.1 §17.2 "Archives").
struct ArchiveScan {
    /// Raw CID and byte count of a regular file.
    struct FileInfo: Hashable {
        let cid: ContentIdentifier
        let size: Int
    }

    /// Regular files by normalized relative path (`media_attachments/files/…/original/a.png`).
    var files: [String: FileInfo] = [:]
    /// The bytes of files whose last path component is one of the wanted names, by normalized path.
    var documents: [String: [UInt8]] = [:]
    /// The archive file's raw CID and name; `nil` for an extracted folder.
    var archive: (cid: ContentIdentifier, name: String)?
    /// Links that were seen and not followed, and other skipped entries.
    var notes: [String] = []
}

/// Reads `.zip`, `.tar.gz`/`.tgz` and extracted folders in one bounded-memory pass: entries are streamed, hashed
/// as they are read, and only the wanted JSON documents are kept in memory.
struct ArchiveReader {
    let limits: ArchiveLimits
    /// Last path components whose bytes are kept (`actor.json`, `outbox.json`, …).
    let wanted: Set<String>
    private var scan = ArchiveScan()
    private var entries = 0
    private var totalBytes = 0

    init(limits: ArchiveLimits, wanted: Set<String>) {
        self.limits = limits
        self.wanted = wanted
    }

    /// Reads `url`: a folder, a `.zip`, or a `.tar.gz`/`.tgz` (told by its first bytes, not its name).
    static func read(_ url: URL, limits: ArchiveLimits, wanted: Set<String>) throws(MigrationError) -> ArchiveScan {
        var reader = ArchiveReader(limits: limits, wanted: wanted)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw MigrationError(.invalidField, "\(url.path) does not exist", category: .io)
        }
        if isDirectory.boolValue {
            try reader.readFolder(url)
            return reader.scan
        }
        let magic = try Self.prefix(of: url, count: 4)
        if magic.starts(with: [0x50, 0x4B, 0x03, 0x04]) || magic.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            try reader.readZip(url)
        } else if magic.starts(with: [0x1F, 0x8B]) {
            try reader.readTarGz(url)
        } else {
            throw MigrationError(.invalidField, "\(url.lastPathComponent) is neither a .zip nor a .tar.gz archive")
        }
        reader.scan.archive = (try Self.rawCID(ofFile: url).cid, url.lastPathComponent)
        return reader.scan
    }

    // MARK: - Paths and limits

    /// Normalizes an entry name and rejects absolute names, `..` segments, backslashes and drive letters (§17.2).
    /// - Returns: The relative path, or `nil` for the archive root itself (`./`).
    static func safePath(_ name: String) throws(MigrationError) -> String? {
        let traversal = MigrationError(.archivePathTraversal, "archive entry \"\(name)\" escapes the archive root")
        guard !name.hasPrefix("/"), !name.contains("\\"), !name.contains("\0") else { throw traversal }
        var segments: [Substring] = []
        for segment in name.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == "." { continue }
            guard segment != ".." else { throw traversal }
            segments.append(segment)
        }
        if let first = segments.first, first.count == 2, first.hasSuffix(":") { throw traversal }
        return segments.isEmpty ? nil : segments.joined(separator: "/")
    }

    /// A link inside the archive is not followed; one whose target leaves the archive root is rejected (§17.2).
    /// - Parameters:
    ///   - path: The link's normalized path.
    ///   - target: Where it points.
    ///   - fromRoot: The target is relative to the archive root (tar hard links), not to the link's folder.
    mutating func link(_ path: String, target: String, fromRoot: Bool = false) throws(MigrationError) {
        var depth = fromRoot ? 0 : path.split(separator: "/").count - 1
        let escapes =
            target.hasPrefix("/") || target.contains("\\")
            || target.split(separator: "/").contains { segment in
                if segment == ".." {
                    depth -= 1
                    return depth < 0
                }
                if segment != "." { depth += 1 }
                return false
            }
        guard !escapes else {
            throw MigrationError(
                .archivePathTraversal,
                "archive entry \"\(path)\" is a link to \"\(target)\", outside the archive root"
            )
        }
        scan.notes.append("\(path): a link; not followed")
    }

    private mutating func countEntry(_ name: String, declaredSize: Int) throws(MigrationError) {
        entries += 1
        guard entries <= limits.maxEntries else {
            throw MigrationError(.archiveTooLarge, "the archive has more than \(limits.maxEntries) entries")
        }
        guard declaredSize >= 0, declaredSize <= limits.maxEntryBytes else {
            throw MigrationError(
                .archiveTooLarge,
                "archive entry \"\(name)\" declares \(declaredSize) bytes, more than \(limits.maxEntryBytes)"
            )
        }
    }

    // MARK: - File sink

    /// Hashes one regular file while it streams in, enforcing the per-entry and total limits on actual bytes.
    struct Sink {
        let path: String
        let keep: Bool
        let limits: ArchiveLimits
        var hasher = SHA256()
        var size = 0
        var bytes: [UInt8] = []

        init(path: String, keep: Bool, limits: ArchiveLimits) {
            self.path = path
            self.keep = keep
            self.limits = limits
        }

        mutating func take(_ chunk: UnsafeRawBufferPointer, total: inout Int, compressed: Int?) throws(MigrationError) {
            size += chunk.count
            total += chunk.count
            guard size <= limits.maxEntryBytes else {
                throw MigrationError(
                    .archiveTooLarge,
                    "archive entry \"\(path)\" expands past \(limits.maxEntryBytes) bytes"
                )
            }
            guard total <= limits.maxTotalBytes else {
                throw MigrationError(
                    .archiveTooLarge,
                    "the archive expands past \(limits.maxTotalBytes) bytes (at \"\(path)\")"
                )
            }
            if let compressed, size > 1 << 20, size / max(compressed, 1) > limits.maxCompressionRatio {
                throw MigrationError(
                    .archiveTooLarge,
                    "archive entry \"\(path)\" expands more than \(limits.maxCompressionRatio) times"
                )
            }
            hasher.update(bufferPointer: chunk)
            if keep {
                guard size <= limits.maxJSONBytes else {
                    throw MigrationError(.archiveTooLarge, "\(path) is larger than \(limits.maxJSONBytes) bytes")
                }
                bytes.append(contentsOf: chunk)
            }
        }
    }

    private func sink(for path: String) -> Sink {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return Sink(path: path, keep: wanted.contains(name) && path.split(separator: "/").count <= 2, limits: limits)
    }

    private mutating func finish(_ sink: Sink) {
        let digest = Array(sink.hasher.finalize())
        scan.files[sink.path] = .init(cid: ContentIdentifier(codec: .raw, sha256Digest: digest), size: sink.size)
        if sink.keep { scan.documents[sink.path] = sink.bytes }
    }

    // MARK: - Folder

    private mutating func readFolder(_ folder: URL) throws(MigrationError) {
        let root = folder.standardizedFileURL.resolvingSymlinksInPath()
        let keys: [URLResourceKey] = [.isSymbolicLinkKey, .isRegularFileKey, .isDirectoryKey]
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: keys) else {
            throw MigrationError(.invalidField, "cannot read the folder \(folder.path)", category: .io)
        }
        let rootPath = root.path.hasSuffix("/") ? root.path : root.path + "/"
        while let url = enumerator.nextObject() as? URL {
            let full = url.standardizedFileURL.path
            guard full.hasPrefix(rootPath) else { continue }
            let relative = String(full.dropFirst(rootPath.count))
            guard let path = try Self.safePath(relative) else { continue }
            let values = try? url.resourceValues(forKeys: Set(keys))
            if values?.isSymbolicLink == true {
                try countEntry(path, declaredSize: 0)
                let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) ?? "/"
                try link(path, target: target)
                enumerator.skipDescendants()
                continue
            }
            guard values?.isRegularFile == true else { continue }
            let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
            try countEntry(path, declaredSize: size)
            var sink = sink(for: path)
            let handle: FileHandle
            do {
                handle = try FileHandle(forReadingFrom: url)
            } catch {
                throw MigrationError(.invalidField, "cannot read \(path): \(error.localizedDescription)", category: .io)
            }
            defer { try? handle.close() }
            while true {
                let data: Data
                do {
                    data = try handle.read(upToCount: 1 << 16) ?? Data()
                } catch {
                    throw MigrationError(
                        .invalidField,
                        "cannot read \(path): \(error.localizedDescription)",
                        category: .io
                    )
                }
                if data.isEmpty { break }
                try Self.withBytes(data) { (buffer) throws(MigrationError) in
                    try sink.take(buffer, total: &totalBytes, compressed: nil)
                }
            }
            finish(sink)
        }
    }

    // MARK: - ZIP

    private mutating func readZip(_ url: URL) throws(MigrationError) {
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw MigrationError(.invalidField, "\(url.lastPathComponent) is not a readable zip archive: \(error)")
        }
        for entry in archive {
            let name = entry.path
            guard let path = try Self.safePath(name) else { continue }
            let declared = entry.uncompressedSize > UInt64(Int.max) ? Int.max : Int(entry.uncompressedSize)
            try countEntry(path, declaredSize: declared)
            switch entry.type {
            case .directory:
                continue
            case .symlink:
                var target = Data()
                do {
                    _ = try archive.extract(entry, bufferSize: 4096, skipCRC32: true) { target.append($0) }
                } catch {
                    throw MigrationError(.invalidField, "archive entry \"\(path)\" cannot be read: \(error)")
                }
                try link(path, target: String(decoding: target.prefix(4096), as: UTF8.self))
            case .file:
                let compressed = entry.compressedSize > UInt64(Int.max) ? Int.max : Int(entry.compressedSize)
                guard
                    declared <= compressed.multipliedReportingOverflow(by: limits.maxCompressionRatio).partialValue
                        || declared <= 1 << 20
                else {
                    throw MigrationError(
                        .archiveTooLarge,
                        "archive entry \"\(path)\" declares an expansion of more than \(limits.maxCompressionRatio) times"
                    )
                }
                var sink = sink(for: path)
                var total = totalBytes
                var failure: MigrationError?
                do {
                    _ = try archive.extract(entry, bufferSize: 1 << 16, skipCRC32: false) { data in
                        do throws(MigrationError) {
                            try Self.withBytes(data) { (buffer) throws(MigrationError) in
                                try sink.take(buffer, total: &total, compressed: compressed)
                            }
                        } catch {
                            failure = error
                            throw error
                        }
                    }
                } catch {
                    if let failure { throw failure }
                    throw MigrationError(.invalidField, "archive entry \"\(path)\" cannot be read: \(error)")
                }
                totalBytes = total
                guard sink.size == declared else {
                    throw MigrationError(
                        .invalidField,
                        "archive entry \"\(path)\" has \(sink.size) bytes but declares \(declared)"
                    )
                }
                finish(sink)
            }
        }
    }

    // MARK: - tar.gz

    private mutating func readTarGz(_ url: URL) throws(MigrationError) {
        let handle: FileHandle
        let fileSize: Int
        do {
            handle = try FileHandle(forReadingFrom: url)
            fileSize = Int(try handle.seekToEnd())
            try handle.seek(toOffset: 0)
        } catch {
            throw MigrationError(.invalidField, "cannot read \(url.path): \(error.localizedDescription)", category: .io)
        }
        defer { try? handle.close() }
        let name = url.lastPathComponent
        let start = try Self.gzipHeaderLength(handle, name: name)
        guard fileSize >= start + 8 else { throw MigrationError(.invalidField, "\(name): truncated gzip stream") }
        do {
            try handle.seek(toOffset: UInt64(start))
        } catch {
            throw MigrationError(.invalidField, "cannot read \(url.path): \(error.localizedDescription)", category: .io)
        }
        var tar = TarStream(reader: self)
        var consumed = 0
        var pastEnd = 0
        var failure: MigrationError?
        let crc: UInt32
        do {
            crc = try Data.decompress(
                size: Int64(fileSize - start),
                bufferSize: 1 << 16,
                skipCRC32: false,
                provider: { (_, size) in
                    // ZIPFoundation hands zlib `size` bytes whatever the chunk's length: always return exactly
                    // `size` bytes (zeros past the end) and stop a stream that does not end.
                    let data = (try handle.read(upToCount: size)) ?? Data()
                    consumed += data.count
                    if data.count < size {
                        pastEnd += size - data.count
                        if pastEnd > 2 * size {
                            failure = MigrationError(.invalidField, "\(name): truncated gzip stream")
                            throw failure ?? MigrationError(.invalidField, name)
                        }
                        return data + Data(count: size - data.count)
                    }
                    return data
                },
                consumer: { data in
                    do throws(MigrationError) {
                        try tar.feed(data, compressedSoFar: consumed)
                    } catch {
                        failure = error
                        throw error
                    }
                }
            )
        } catch {
            if let failure { throw failure }
            throw MigrationError(.invalidField, "\(name): not a valid gzip/deflate stream (\(error))")
        }
        try tar.end()
        self = tar.reader
        // RFC 1952 trailer of the (single) member: CRC-32 and ISIZE, little-endian, the file's last 8 bytes.
        let trailer: [UInt8]
        do {
            try handle.seek(toOffset: UInt64(fileSize - 8))
            trailer = Array(try handle.read(upToCount: 8) ?? Data())
        } catch {
            throw MigrationError(.invalidField, "cannot read \(name): \(error.localizedDescription)", category: .io)
        }
        func le(_ offset: Int) -> UInt32 {
            (0..<4).reduce(UInt32(0)) { $0 | UInt32(trailer[offset + $1]) << (8 * UInt32($1)) }
        }
        guard trailer.count == 8, le(0) == crc, le(4) == UInt32(truncatingIfNeeded: tar.expanded) else {
            throw MigrationError(
                .invalidField,
                "\(name): the gzip trailer does not match the data (corrupt, or a multi-member gzip file)"
            )
        }
    }

    /// The length of the gzip member header (RFC 1952 §2.3), checking magic, method and flags.
    static func gzipHeaderLength(_ handle: FileHandle, name: String) throws(MigrationError) -> Int {
        let bad = MigrationError(.invalidField, "\(name): not a gzip file")
        let head: [UInt8]
        do {
            head = Array(try handle.read(upToCount: 64 * 1024) ?? Data())
            try handle.seek(toOffset: 0)
        } catch {
            throw bad
        }
        guard head.count >= 10, head[0] == 0x1F, head[1] == 0x8B, head[2] == 8, head[3] & 0xE0 == 0 else { throw bad }
        let flags = head[3]
        var offset = 10
        if flags & 0x04 != 0 {
            guard head.count >= offset + 2 else { throw bad }
            offset += 2 + Int(head[offset]) + Int(head[offset + 1]) << 8
        }
        for flag in [UInt8(0x08), 0x10] where flags & flag != 0 {
            guard let end = head[min(offset, head.count)...].firstIndex(of: 0) else { throw bad }
            offset = end + 1
        }
        if flags & 0x02 != 0 { offset += 2 }
        guard offset <= head.count else { throw bad }
        return offset
    }

    /// A push parser for ustar/pax/GNU tar (POSIX.1-2001), fed with decompressed chunks.
    struct TarStream {
        var reader: ArchiveReader
        private var block: [UInt8] = []
        private var state = State.header
        private var paxPath: String?
        private var paxLink: String?
        private var paxSize: Int?
        private var longName: String?
        private var longLink: String?
        private var zeroBlocks = 0
        private(set) var expanded = 0
        private var compressed = 0

        enum State {
            case header
            case file(Sink, remaining: Int, padding: Int)
            case metadata(kind: UInt8, data: [UInt8], remaining: Int, padding: Int)
            case skip(remaining: Int)
            case done
        }

        init(reader: ArchiveReader) { self.reader = reader }

        mutating func feed(_ data: Data, compressedSoFar: Int) throws(MigrationError) {
            expanded += data.count
            compressed = compressedSoFar
            if expanded > 1 << 20, expanded / max(compressed, 1) > reader.limits.maxCompressionRatio {
                throw MigrationError(
                    .archiveTooLarge,
                    "the tar stream expands more than \(reader.limits.maxCompressionRatio) times"
                )
            }
            try ArchiveReader.withBytes(data) { (buffer) throws(MigrationError) in
                var offset = 0
                while offset < buffer.count {
                    offset += try step(UnsafeRawBufferPointer(rebasing: buffer[offset...]))
                }
            }
        }

        /// Consumes a prefix of `buffer`; returns how many bytes.
        private mutating func step(_ buffer: UnsafeRawBufferPointer) throws(MigrationError) -> Int {
            switch state {
            case .header:
                let take = min(512 - block.count, buffer.count)
                block.append(contentsOf: buffer[..<take])
                if block.count == 512 {
                    try header(block)
                    block.removeAll(keepingCapacity: true)
                }
                return take
            case .file(var sink, let remaining, let padding):
                state = .done  // drop the state's copy so `sink.bytes` grows in place (no copy per chunk)
                let take = min(remaining, buffer.count)
                if take > 0 {
                    try sink.take(
                        UnsafeRawBufferPointer(rebasing: buffer[..<take]),
                        total: &reader.totalBytes,
                        compressed: nil
                    )
                }
                if remaining - take == 0 {
                    reader.finish(sink)
                    state = padding > 0 ? .skip(remaining: padding) : .header
                } else {
                    state = .file(sink, remaining: remaining - take, padding: padding)
                }
                return take
            case .metadata(let kind, var data, let remaining, let padding):
                state = .done
                let take = min(remaining, buffer.count)
                data.append(contentsOf: buffer[..<take])
                if remaining - take == 0 {
                    try metadata(kind, data)
                    state = padding > 0 ? .skip(remaining: padding) : .header
                } else {
                    state = .metadata(kind: kind, data: data, remaining: remaining - take, padding: padding)
                }
                return take
            case .skip(let remaining):
                let take = min(remaining, buffer.count)
                state = remaining - take == 0 ? .header : .skip(remaining: remaining - take)
                return take
            case .done:
                return buffer.count  // zero padding after the end-of-archive blocks
            }
        }

        mutating func end() throws(MigrationError) {
            switch state {
            case .header where block.isEmpty, .done: return
            default: throw MigrationError(.invalidField, "the tar stream is truncated")
            }
        }

        private static func string(_ field: ArraySlice<UInt8>) -> String {
            String(decoding: field.prefix { $0 != 0 }, as: UTF8.self)
        }

        private static func number(_ field: ArraySlice<UInt8>) throws(MigrationError) -> Int {
            if let first = field.first, first & 0x80 != 0 {  // GNU base-256
                var value = Int(first & 0x3F)
                for byte in field.dropFirst() {
                    guard value < Int.max >> 9 else {
                        throw MigrationError(.archiveTooLarge, "a tar size is too large")
                    }
                    value = value << 8 | Int(byte)
                }
                return value
            }
            let text = String(decoding: field, as: UTF8.self).trimmingCharacters(in: CharacterSet(charactersIn: " \0"))
            if text.isEmpty { return 0 }
            guard let value = Int(text, radix: 8), value >= 0 else {
                throw MigrationError(.invalidField, "a tar header has a bad number \"\(text)\"")
            }
            return value
        }

        private mutating func header(_ block: [UInt8]) throws(MigrationError) {
            if block.allSatisfy({ $0 == 0 }) {
                zeroBlocks += 1
                if zeroBlocks == 2 { state = .done }
                return
            }
            zeroBlocks = 0
            let stored = try Self.number(block[148..<156])
            let sum = block.enumerated().reduce(0) { $0 + ((148..<156).contains($1.offset) ? 0x20 : Int($1.element)) }
            guard stored == sum else { throw MigrationError(.invalidField, "a tar header has a bad checksum") }
            let kind = block[156]
            var name = Self.string(block[0..<100])
            let magic = Array(block[257..<263])
            if magic == Array("ustar\0".utf8) {
                let prefix = Self.string(block[345..<500])
                if !prefix.isEmpty { name = prefix + "/" + name }
            }
            name = paxPath ?? longName ?? name
            let linkTarget = paxLink ?? longLink ?? Self.string(block[157..<257])
            let headerSize = try Self.number(block[124..<136])
            let size = paxSize ?? headerSize
            let padding = (512 - size % 512) % 512
            if ![UInt8(ascii: "x"), UInt8(ascii: "g"), UInt8(ascii: "L"), UInt8(ascii: "K")].contains(kind) {
                paxPath = nil
                paxLink = nil
                paxSize = nil
                longName = nil
                longLink = nil
            }
            switch kind {
            case UInt8(ascii: "x"), UInt8(ascii: "g"), UInt8(ascii: "L"), UInt8(ascii: "K"):
                guard size <= 1 << 20 else {
                    throw MigrationError(.archiveTooLarge, "a tar metadata record of \(size) bytes")
                }
                state = size > 0 ? .metadata(kind: kind, data: [], remaining: size, padding: padding) : .header
                return
            default:
                break
            }
            guard let path = try ArchiveReader.safePath(name) else {
                state = size > 0 ? .skip(remaining: size + padding) : .header
                return
            }
            try reader.countEntry(path, declaredSize: size)
            switch kind {
            case 0, UInt8(ascii: "0"), UInt8(ascii: "7"):
                let sink = reader.sink(for: path)
                if size == 0 {
                    reader.finish(sink)
                    state = .header
                } else {
                    state = .file(sink, remaining: size, padding: padding)
                }
            case UInt8(ascii: "1"), UInt8(ascii: "2"):
                // A hard link's target is an archive path; a symbolic link's is relative to the link's folder.
                try reader.link(path, target: linkTarget, fromRoot: kind == UInt8(ascii: "1"))
                state = .header
            default:
                if kind != UInt8(ascii: "5") { reader.scan.notes.append("\(path): not a regular file; skipped") }
                state = size > 0 && kind != UInt8(ascii: "5") ? .skip(remaining: size + padding) : .header
            }
        }

        private mutating func metadata(_ kind: UInt8, _ data: [UInt8]) throws(MigrationError) {
            switch kind {
            case UInt8(ascii: "L"): longName = Self.string(data[...])
            case UInt8(ascii: "K"): longLink = Self.string(data[...])
            case UInt8(ascii: "x"):
                var rest = data[...]
                while !rest.isEmpty {
                    guard let space = rest.firstIndex(of: 0x20),
                        let length = Int(String(decoding: rest[rest.startIndex..<space], as: UTF8.self)),
                        length > space - rest.startIndex + 1, length <= rest.count
                    else { throw MigrationError(.invalidField, "a pax header record is malformed") }
                    let record = rest[(space + 1)..<(rest.startIndex + length - 1)]
                    if let equals = record.firstIndex(of: UInt8(ascii: "=")) {
                        let key = String(decoding: record[..<equals], as: UTF8.self)
                        let value = String(decoding: record[(equals + 1)...], as: UTF8.self)
                        switch key {
                        case "path": paxPath = value
                        case "linkpath": paxLink = value
                        case "size":
                            guard let size = Int(value), size >= 0 else {
                                throw MigrationError(.invalidField, "a pax size \"\(value)\" is malformed")
                            }
                            paxSize = size
                        default: break
                        }
                    }
                    rest = rest[(rest.startIndex + length)...]
                }
            default:
                break  // global pax headers carry nothing this reader needs
            }
        }
    }

    // MARK: - Helpers

    /// `Data.withUnsafeBytes` with a typed-throwing body.
    static func withBytes(
        _ data: Data,
        _ body: (UnsafeRawBufferPointer) throws(MigrationError) -> Void
    ) throws(MigrationError) {
        var failure: MigrationError?
        data.withUnsafeBytes { buffer in
            do throws(MigrationError) {
                try body(buffer)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
    }

    static func prefix(of url: URL, count: Int) throws(MigrationError) -> [UInt8] {
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            return Array(try handle.read(upToCount: count) ?? Data())
        } catch {
            throw MigrationError(.invalidField, "cannot read \(url.path): \(error.localizedDescription)", category: .io)
        }
    }

    /// The raw CID and size of a file's bytes, read in 64 KiB chunks.
    static func rawCID(ofFile url: URL) throws(MigrationError) -> (cid: ContentIdentifier, size: Int) {
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            var hasher = SHA256()
            var size = 0
            while let data = try handle.read(upToCount: 1 << 16), !data.isEmpty {
                hasher.update(data: data)
                size += data.count
            }
            return (ContentIdentifier(codec: .raw, sha256Digest: Array(hasher.finalize())), size)
        } catch {
            throw MigrationError(.invalidField, "cannot read \(url.path): \(error.localizedDescription)", category: .io)
        }
    }
}
