// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import Foundation

// Reading an extracted archive folder.
extension ArchiveReader {
    mutating func readFolder(_ folder: URL) throws(MigrationError) {
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
}
