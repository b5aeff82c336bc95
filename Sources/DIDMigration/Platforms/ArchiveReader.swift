// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDCrypto
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

    /// Regular files by normalized relative path (`media_attachments/files/…/original/a.png`), keyed by the path's
    /// bytes: names that differ only in Unicode normalization are different files.
    var files: [BytewiseString: FileInfo] = [:]
    /// The bytes of files whose last path component is one of the wanted names, by normalized path (bytes).
    var documents: [BytewiseString: [UInt8]] = [:]
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
    var scan = ArchiveScan()
    var entries = 0
    var totalBytes = 0

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
            var hasher = SHA256Hasher()
            var size = 0
            while let data = try handle.read(upToCount: 1 << 16), !data.isEmpty {
                hasher.update(data)
                size += data.count
            }
            return (ContentIdentifier(codec: .raw, sha256Digest: hasher.finalize()), size)
        } catch {
            throw MigrationError(.invalidField, "cannot read \(url.path): \(error.localizedDescription)", category: .io)
        }
    }
}
