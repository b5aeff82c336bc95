// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDCrypto
import Foundation

// Hashing one regular file while it streams in, under the per-entry and total limits.
extension ArchiveReader {
    /// Hashes one regular file while it streams in, enforcing the per-entry and total limits on actual bytes.
    struct Sink {
        let path: String
        let keep: Bool
        let limits: ArchiveLimits
        var hasher = SHA256Hasher()
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
            hasher.update(chunk)
            if keep {
                guard size <= limits.maxJSONBytes else {
                    throw MigrationError(.archiveTooLarge, "\(path) is larger than \(limits.maxJSONBytes) bytes")
                }
                bytes.append(contentsOf: chunk)
            }
        }
    }

    func sink(for path: String) -> Sink {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return Sink(path: path, keep: wanted.contains(name) && path.split(separator: "/").count <= 2, limits: limits)
    }

    mutating func finish(_ sink: Sink) {
        let digest = sink.hasher.finalize()
        scan.files[BytewiseString(sink.path)] = .init(
            cid: ContentIdentifier(codec: .raw, sha256Digest: digest),
            size: sink.size
        )
        if sink.keep { scan.documents[BytewiseString(sink.path)] = sink.bytes }
    }
}
