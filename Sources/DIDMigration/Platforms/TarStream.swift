// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import Foundation

// The tar parser (POSIX.1-2001 ustar/pax, GNU long names), fed with decompressed chunks.
extension ArchiveReader {
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
}
