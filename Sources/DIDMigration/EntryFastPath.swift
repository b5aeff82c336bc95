// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCredentials

/// A fast path for §14.2 step 11d on the common shape of relationship entries: one pass over the line's bytes that
/// accepts only text that is certainly the RFC 8785 JCS of a valid entry, without building a JSON tree.
///
/// It is conservative: it answers `nil` ("not sure") for anything outside a narrow shape — a content entry, a
/// non-ASCII or escaped string, a number, `null`, an attestation, an unknown `options` member, any deviation from
/// JCS — and the caller then runs the full checks, which give the precise verdict and message. So a line this
/// accepts is one the full checks accept, with the same sort key; a test mutates lines byte by byte to hold it to
/// that.
///
/// The shape: an object whose members, strictly increasing bytewise (JCS order for ASCII names, §5.1), are among
/// `acct`, `handle`, `id`, `list` (`graph.lists` only), `options`, `protocol`, `since`, each a string of printable
/// ASCII other than `"` and `\`, except `options`: an object whose members are `hideNotifications`, `notify`,
/// `showBoosts` (`true`/`false`) and `languages` (an array of distinct such strings), in the same order rule.
enum EntryFastPath {
    /// The sort key of the line when it is certainly the JCS of a valid entry of `collection`; `nil` when unsure.
    /// - Parameters:
    ///   - line: One page line, without its LF.
    ///   - collection: The collection of the page.
    static func sortKey(of line: UnsafeRawBufferPointer, in collection: MigrationCollectionName) -> [String]? {
        guard collection != .content else { return nil }
        var scanner = Scanner(bytes: line)
        var id: String?
        var hasProtocol = false
        var list: String?
        guard scanner.take(0x7B), scanner.peek != 0x7D else { return nil }  // `{`, and not `{}`
        var previousName: Range<Int>?
        while true {
            guard let name = scanner.string(), !name.isEmpty else { return nil }
            if let previousName, !scanner.precedes(previousName, name) { return nil }
            previousName = name
            guard scanner.take(0x3A) else { return nil }  // `:`
            switch scanner.name(name) {
            case .id:
                guard let value = scanner.nonEmptyString() else { return nil }
                let text = scanner.text(value)
                guard FieldRules.isDID(text) || FieldRules.isURI(text) else { return nil }
                id = text
            case .protocolToken:
                // `[a-z][a-z0-9.-]*` (FieldRules.isProtocolToken, byte for byte).
                guard let value = scanner.nonEmptyString(),
                    scanner.all(in: value.prefix(1), { (0x61...0x7A).contains($0) }),
                    scanner.all(
                        in: value,
                        { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2E || $0 == 0x2D }
                    )
                else { return nil }
                hasProtocol = true
            case .acct:
                // `user@host`: one '@', text on both sides, no white space (FieldRules.isAcct; in printable ASCII
                // the only white space is U+0020).
                guard let value = scanner.nonEmptyString(),
                    let at = scanner.bytes[value].firstIndex(of: 0x40), at != value.lowerBound,
                    at != value.upperBound - 1, !scanner.contains(0x40, in: (at + 1)..<value.upperBound),
                    !scanner.contains(0x20, in: value)
                else { return nil }
            case .handle:
                guard let value = scanner.nonEmptyString(), !scanner.contains(0x40, in: value) else { return nil }
            case .since:
                guard let value = scanner.nonEmptyString() else { return nil }
                let text = scanner.text(value)
                guard FieldRules.isTimestamp(text) else { return nil }
            case .list:
                guard collection == .lists, let value = scanner.nonEmptyString() else { return nil }
                list = scanner.text(value)
            case .options:
                guard scanner.options() else { return nil }
            case .other:
                return nil
            }
            if scanner.take(0x2C) { continue }  // `,`
            guard scanner.take(0x7D), scanner.isAtEnd else { return nil }  // `}` and nothing after it
            break
        }
        guard let id, hasProtocol else { return nil }
        if collection == .lists {
            guard let list else { return nil }
            return [list, id]
        }
        return [id]
    }

    /// The member names the fast path knows.
    enum Name {
        case id, protocolToken, acct, handle, since, list, options, other
    }

    /// A cursor over the line's bytes.
    struct Scanner {
        let bytes: UnsafeRawBufferPointer
        var position = 0

        var isAtEnd: Bool { position == bytes.count }
        var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

        /// Consumes `byte` when it is next.
        mutating func take(_ byte: UInt8) -> Bool {
            guard position < bytes.count, bytes[position] == byte else { return false }
            position += 1
            return true
        }

        /// Consumes a string of printable ASCII without `"` or `\` (so without escapes: its JCS is itself) and
        /// returns the range of its contents.
        mutating func string() -> Range<Int>? {
            guard take(0x22) else { return nil }
            let start = position
            while position < bytes.count {
                let byte = bytes[position]
                if byte == 0x22 {
                    position += 1
                    return start..<(position - 1)
                }
                guard byte >= 0x20, byte < 0x7F, byte != 0x5C else { return nil }
                position += 1
            }
            return nil
        }

        mutating func nonEmptyString() -> Range<Int>? {
            guard let range = string(), !range.isEmpty else { return nil }
            return range
        }

        func text(_ range: Range<Int>) -> String {
            String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }

        func all(in range: Range<Int>, _ predicate: (UInt8) -> Bool) -> Bool {
            bytes[range].allSatisfy(predicate)
        }

        func contains(_ byte: UInt8, in range: Range<Int>) -> Bool {
            bytes[range].contains(byte)
        }

        func equals(_ range: Range<Int>, _ text: StaticString) -> Bool {
            guard range.count == text.utf8CodeUnitCount else { return false }
            let expected = UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
            return bytes[range].elementsEqual(expected)
        }

        /// Whether the contents at `left` sort strictly before those at `right`, bytewise.
        func precedes(_ left: Range<Int>, _ right: Range<Int>) -> Bool {
            bytes[left].lexicographicallyPrecedes(bytes[right])
        }

        func name(_ range: Range<Int>) -> Name {
            if equals(range, "id") { return .id }
            if equals(range, "protocol") { return .protocolToken }
            if equals(range, "acct") { return .acct }
            if equals(range, "handle") { return .handle }
            if equals(range, "since") { return .since }
            if equals(range, "list") { return .list }
            if equals(range, "options") { return .options }
            return .other
        }

        /// Consumes `true` or `false`.
        mutating func boolean() -> Bool {
            for literal: StaticString in ["true", "false"] {
                let end = position + literal.utf8CodeUnitCount
                if end <= bytes.count, equals(position..<end, literal) {
                    position = end
                    return true
                }
            }
            return false
        }

        /// Consumes an `options` object of the fast shape.
        mutating func options() -> Bool {
            guard take(0x7B) else { return false }
            if take(0x7D) { return true }
            var previousName: Range<Int>?
            while true {
                guard let name = string() else { return false }
                if let previousName, !precedes(previousName, name) { return false }
                previousName = name
                guard take(0x3A) else { return false }
                if equals(name, "showBoosts") || equals(name, "notify") || equals(name, "hideNotifications") {
                    guard boolean() else { return false }
                } else if equals(name, "languages") {
                    guard languages() else { return false }
                } else {
                    return false
                }
                if take(0x2C) { continue }
                return take(0x7D)
            }
        }

        /// Consumes an array of distinct non-empty strings.
        mutating func languages() -> Bool {
            guard take(0x5B) else { return false }
            if take(0x5D) { return true }
            var seen: [Range<Int>] = []
            while true {
                guard let item = nonEmptyString() else { return false }
                if seen.contains(where: { bytes[$0].elementsEqual(bytes[item]) }) { return false }
                seen.append(item)
                if take(0x2C) { continue }
                return take(0x5D)
            }
        }
    }
}
