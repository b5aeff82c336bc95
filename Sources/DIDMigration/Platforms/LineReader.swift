// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import Foundation

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
