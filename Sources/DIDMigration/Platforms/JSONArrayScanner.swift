// swift-did: decentralized identity for Swift. Apache-2.0.

/// Finds the byte ranges of the elements of one array member of a top-level JSON object without building the tree
/// (strings, escapes and nesting are tracked; values are not validated — each element is parsed afterwards).
enum JSONArrayScanner {
    /// - Returns: The element ranges, or `nil` when the bytes are not an object whose member `name` is an array
    ///   (the caller then parses the whole document and reports the error).
    static func elements(of name: String, in bytes: [UInt8]) -> [Range<Int>]? {
        let key = Array(name.utf8)
        var index = 0
        func skipSpace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }
        /// Moves past a string starting at `index` (a quote); false when unterminated.
        func skipString() -> Bool {
            index += 1
            while index < bytes.count {
                switch bytes[index] {
                case 0x5C: index += 2
                case 0x22:
                    index += 1
                    return true
                default: index += 1
                }
            }
            return false
        }
        /// Moves past one value; false when malformed.
        func skipValue() -> Bool {
            guard index < bytes.count else { return false }
            switch bytes[index] {
            case 0x22:
                return skipString()
            case 0x7B, 0x5B:
                var depth = 0
                while index < bytes.count {
                    switch bytes[index] {
                    case 0x22:
                        guard skipString() else { return false }
                        continue
                    case 0x7B, 0x5B: depth += 1
                    case 0x7D, 0x5D:
                        depth -= 1
                        if depth == 0 {
                            index += 1
                            return true
                        }
                    default: break
                    }
                    index += 1
                }
                return false
            default:
                let start = index
                while index < bytes.count, ![0x2C, 0x7D, 0x5D, 0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) {
                    index += 1
                }
                return index > start
            }
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        skipSpace()
        guard index < bytes.count, bytes[index] == 0x7B else { return nil }
        index += 1
        var result: [Range<Int>]?
        while true {
            skipSpace()
            guard index < bytes.count else { return nil }
            if bytes[index] == 0x7D { break }
            guard bytes[index] == 0x22 else { return nil }
            let keyStart = index + 1
            guard skipString() else { return nil }
            let isKey = bytes[keyStart..<(index - 1)].elementsEqual(key)
            skipSpace()
            guard index < bytes.count, bytes[index] == 0x3A else { return nil }
            index += 1
            skipSpace()
            if isKey {
                guard result == nil, index < bytes.count, bytes[index] == 0x5B else { return nil }
                index += 1
                var ranges: [Range<Int>] = []
                skipSpace()
                if index < bytes.count, bytes[index] == 0x5D {
                    index += 1
                } else {
                    while true {
                        skipSpace()
                        let start = index
                        guard skipValue() else { return nil }
                        ranges.append(start..<index)
                        skipSpace()
                        guard index < bytes.count else { return nil }
                        if bytes[index] == 0x2C {
                            index += 1
                            continue
                        }
                        guard bytes[index] == 0x5D else { return nil }
                        index += 1
                        break
                    }
                }
                result = ranges
            } else {
                guard skipValue() else { return nil }
            }
            skipSpace()
            guard index < bytes.count else { return nil }
            if bytes[index] == 0x2C {
                index += 1
                continue
            }
            guard bytes[index] == 0x7D else { return nil }
            break
        }
        index += 1
        skipSpace()
        return index == bytes.count ? result : nil
    }
}
