// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import Foundation

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
