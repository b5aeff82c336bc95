// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import Foundation

/// A streaming RFC 4180 reader with the rules of IMB v0.1 §17.1: UTF-8 (a leading BOM ignored), `\n` or `\r\n` line
/// ends, quoted fields with commas, `""` and line breaks, blank lines skipped; any syntax error is
/// ``MigrationReason/csvMalformed`` with the file name and 1-based line.
struct CSVReader {
    /// One row: the 1-based line it starts on and its cells.
    struct Row {
        let line: Int
        let fields: [String]
    }

    private var file: ChunkedFile
    private var line = 1
    private var started = false
    /// The most bytes one row may have (a guard against a runaway quoted field).
    let maxRowBytes: Int

    var name: String { file.name }

    init(_ url: URL, maxRowBytes: Int = 1 << 20) throws(MigrationError) {
        file = try ChunkedFile(url)
        self.maxRowBytes = maxRowBytes
    }

    private func malformed(_ line: Int, _ what: String) -> MigrationError {
        MigrationError(.csvMalformed, "\(name) line \(line): \(what)")
    }

    /// The next non-blank row, or `nil` at the end.
    mutating func next() throws(MigrationError) -> Row? {
        if !started {
            started = true
            if try file.peek() == 0xEF {
                let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
                for expected in bom {
                    guard try file.next() == expected else { throw malformed(1, "invalid UTF-8 at the start") }
                }
            }
        }
        while true {
            let start = line
            guard let fields = try readRow(start) else { return nil }
            if fields.count == 1, fields[0].isEmpty { continue }  // blank line
            return Row(line: start, fields: fields)
        }
    }

    /// Reads one physical row (possibly spanning lines inside quotes); `nil` at the end of the file.
    private mutating func readRow(_ start: Int) throws(MigrationError) -> [String]? {
        guard try file.peek() != nil else { return nil }
        var fields: [String] = []
        var field: [UInt8] = []
        var total = 0
        var quoted = false  // inside a quoted field
        var wasQuoted = false  // the current field was quoted and its closing quote seen
        func finish() throws(MigrationError) {
            guard let text = String(validating: field, as: UTF8.self) else {
                throw malformed(line, "invalid UTF-8")
            }
            fields.append(text)
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
        }
        while let byte = try file.next() {
            total += 1
            guard total <= maxRowBytes else { throw malformed(start, "a row longer than \(maxRowBytes) bytes") }
            if quoted {
                if byte == 0x22 {
                    if try file.peek() == 0x22 {
                        _ = try file.next()
                        field.append(0x22)
                    } else {
                        quoted = false
                        wasQuoted = true
                    }
                } else {
                    if byte == 0x0A { line += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case 0x2C:
                try finish()
            case 0x0A:
                try finish()
                line += 1
                return fields
            case 0x0D:
                guard try file.next() == 0x0A else {
                    throw malformed(line, "a carriage return not followed by a line feed")
                }
                try finish()
                line += 1
                return fields
            case 0x22:
                guard field.isEmpty, !wasQuoted else { throw malformed(line, "a quote inside an unquoted field") }
                quoted = true
            default:
                guard !wasQuoted else { throw malformed(line, "text after a closing quote") }
                field.append(byte)
            }
        }
        if quoted { throw malformed(start, "unterminated quoted field") }
        try finish()
        return fields
    }
}
