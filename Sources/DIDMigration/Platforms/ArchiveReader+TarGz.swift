// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import Foundation
import ZIPFoundation

// Reading a `.tar.gz`/`.tgz` archive: each gzip member (RFC 1952) inflated by zlib through ZIPFoundation, the
// concatenated tar stream parsed as it arrives.
extension ArchiveReader {
    /// Reads a `.tar.gz`: every gzip member in turn (RFC 1952 §2.2; the package's one rule, `GZIPMember`), their
    /// concatenated data parsed as one tar stream.
    mutating func readTarGz(_ url: URL) throws(MigrationError) {
        let handle: FileHandle
        let fileSize: Int
        do {
            handle = try FileHandle(forReadingFrom: url)
            fileSize = Int(try handle.seekToEnd())
        } catch {
            throw MigrationError(.invalidField, "cannot read \(url.path): \(error.localizedDescription)", category: .io)
        }
        defer { try? handle.close() }
        var tar = TarStream(reader: self)
        var memberStart = 0
        repeat {
            memberStart = try Self.inflateMember(
                handle,
                at: memberStart,
                fileSize: fileSize,
                name: url.lastPathComponent,
                into: &tar
            )
        } while memberStart < fileSize
        try tar.end()
        self = tar.reader
    }

    /// Inflates the member at `memberStart` into `tar` and checks its trailer; returns the offset after it. zlib
    /// stops at the end of the DEFLATE data without saying where that was, so the trailer is found in the last
    /// chunk it was given (`GZIPMember/memberEnd(in:from:trailer:fileLength:)`).
    private static func inflateMember(
        _ handle: FileHandle,
        at memberStart: Int,
        fileSize: Int,
        name: String,
        into tar: inout TarStream
    ) throws(MigrationError) -> Int {
        func read(_ offset: Int, _ count: Int) throws(MigrationError) -> [UInt8] {
            do {
                try handle.seek(toOffset: UInt64(offset))
                return Array(try handle.read(upToCount: count) ?? Data())
            } catch {
                throw MigrationError(.invalidField, "cannot read \(name): \(error.localizedDescription)", category: .io)
            }
        }
        let head = try read(memberStart, 65_536 + 10)
        let dataStart: Int
        do {
            dataStart = memberStart + (try GZIPMember.headerLength(of: head))
        } catch {
            throw MigrationError(.invalidField, "\(name): \(error.reason)")
        }
        guard fileSize >= dataStart + 8 else { throw MigrationError(.invalidField, "\(name): truncated gzip stream") }
        _ = try read(dataStart, 0)  // positions the handle
        var consumed = 0
        var lastChunk = 0
        var pastEnd = 0
        var failure: MigrationError?
        let expandedBefore = tar.expanded
        let crc: UInt32
        do {
            crc = try Data.decompress(
                size: Int64(fileSize - dataStart),
                bufferSize: 1 << 16,
                skipCRC32: false,
                provider: { (_, size) in
                    // ZIPFoundation hands zlib `size` bytes whatever the chunk's length: always return exactly
                    // `size` bytes (zeros past the end) and stop a stream that does not end.
                    let data = (try handle.read(upToCount: size)) ?? Data()
                    consumed += data.count
                    lastChunk = data.count
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
                        try tar.feed(data, compressedSoFar: dataStart + consumed)
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
        let windowStart = dataStart + consumed - lastChunk
        let window = try read(windowStart, lastChunk + 10)
        do {
            return try GZIPMember.memberEnd(
                in: window,
                from: windowStart,
                trailer: GZIPMember.Trailer(crc32: crc, byteCount: tar.expanded - expandedBefore),
                fileLength: fileSize
            )
        } catch {
            throw MigrationError(.invalidField, "\(name): \(error.reason)")
        }
    }
}
