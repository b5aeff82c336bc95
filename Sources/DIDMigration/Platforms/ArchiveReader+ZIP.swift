// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import Foundation
import ZIPFoundation

// Reading a `.zip` archive through ZIPFoundation.
extension ArchiveReader {
    mutating func readZip(_ url: URL) throws(MigrationError) {
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
}
