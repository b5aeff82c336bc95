// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import Foundation

// The path rules of archive entries: safe relative paths, links resolved inside the archive, entry and size limits.
extension ArchiveReader {
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

    mutating func countEntry(_ name: String, declaredSize: Int) throws(MigrationError) {
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
}
