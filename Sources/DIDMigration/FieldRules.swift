// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import Foundation

/// The value types of IMB v0.1 §4 and the JCS profile of §5.1, as checks that name the offending JSON Pointer.
enum FieldRules {
    /// The largest integer the profile allows, 2^53 − 1 (§5.1).
    static let maxInteger = 9_007_199_254_740_991.0

    /// A JSON Pointer (RFC 6901) with one more reference token.
    static func pointer(_ base: String, _ token: String) -> String {
        // Most tokens need no escaping; skip the Foundation replacements for them (the exporter and the page
        // checks build pointers for every member).
        guard token.utf8.contains(where: { $0 == 0x7E || $0 == 0x2F }) else { return base + "/" + token }
        return base + "/"
            + token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    /// §5.1: every number an integer of magnitude ≤ 2^53 − 1, every property name printable ASCII.
    static func checkProfile(_ value: JSONValue, at pointer: String = "") throws(MigrationError) {
        switch value {
        case .number(let number):
            guard number.rounded(.towardZero) == number, abs(number) <= maxInteger else {
                throw MigrationError(.nonConformingJSON, "\(display(pointer)) is not an integer within ±(2^53 − 1)")
            }
        case .array(let items):
            for (index, item) in items.enumerated() { try checkProfile(item, at: pointer + "/\(index)") }
        case .object(let object):
            for member in object {
                let path = Self.pointer(pointer, member.key)
                guard member.key.utf8.allSatisfy({ $0 >= 0x20 && $0 <= 0x7E }) else {
                    throw MigrationError(.nonConformingJSON, "\(path) is a property name that is not printable ASCII")
                }
                try checkProfile(member.value, at: path)
            }
        default: break
        }
    }

    /// The pointer as shown in messages: `/` for the root.
    static func display(_ pointer: String) -> String { pointer.isEmpty ? "/" : pointer }

    static func invalid(_ pointer: String, _ what: String) -> MigrationError {
        MigrationError(.invalidField, "\(display(pointer)) \(what)")
    }

    /// Rejects members outside a closed set (`unknown-member`). Names match by their bytes: `Set<String>` also finds
    /// a canonically equivalent name (`"also\u{212A}nownAs"`, with a KELVIN SIGN, for `alsoKnownAs`).
    static func closed(_ object: JSONObject, _ allowed: Set<String>, at pointer: String) throws(MigrationError) {
        for key in object.keys
        where !allowed.contains(key) || !allowed.contains(where: { BytewiseString.equal($0, key) }) {
            throw MigrationError(.unknownMember, "\(Self.pointer(pointer, key)) is not allowed")
        }
    }

    static func object(_ value: JSONValue?, at pointer: String) throws(MigrationError) -> JSONObject {
        guard case .object(let object)? = value else { throw invalid(pointer, "must be an object") }
        return object
    }

    static func array(_ value: JSONValue?, at pointer: String) throws(MigrationError) -> [JSONValue] {
        guard case .array(let items)? = value else { throw invalid(pointer, "must be an array") }
        return items
    }

    static func string(_ value: JSONValue?, at pointer: String) throws(MigrationError) -> String {
        guard case .string(let text)? = value, !text.isEmpty else {
            throw invalid(pointer, "must be a non-empty string")
        }
        return text
    }

    static func integer(
        _ value: JSONValue?,
        at pointer: String,
        in range: ClosedRange<Double> = 0...maxInteger
    ) throws(MigrationError) -> Int {
        guard case .number(let number)? = value, number.rounded(.towardZero) == number, range.contains(number) else {
            throw invalid(pointer, "must be an integer in \(Int(range.lowerBound))…\(Int(range.upperBound))")
        }
        return Int(number)
    }

    static func boolean(_ value: JSONValue?, at pointer: String) throws(MigrationError) -> Bool {
        guard case .bool(let flag)? = value else { throw invalid(pointer, "must be a boolean") }
        return flag
    }

    /// §4 timestamp: RFC 3339 §5.6 `date-time` restricted to UTC with upper-case `T` and `Z`, seconds 00–59 (no
    /// leap second), an optional fraction of 1–9 digits.
    static let timestampRules = DateTime.Rules(grammar: .rfc3339, timeZone: .utc, maximumFractionDigits: 9)

    /// Reads a §4 timestamp.
    static func timestamp(_ value: JSONValue?, at pointer: String) throws(MigrationError) -> Date {
        let text = try string(value, at: pointer)
        guard let timestamp = try? DateTime(text, rules: timestampRules) else {
            throw invalid(pointer, "must be a UTC timestamp such as 2026-11-27T12:00:00Z")
        }
        return timestamp.date
    }

    /// Whether `text` is a §4 timestamp.
    static func isTimestamp(_ text: String) -> Bool {
        (try? DateTime(text, rules: timestampRules)) != nil
    }

    /// §4 URI: an absolute URI (scheme ":" …) with no whitespace or controls; a fragment only when allowed.
    static func isURI(_ text: String, allowingFragment: Bool = false) -> Bool {
        let utf8 = text.utf8
        if utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII: one byte per scalar and per character, so the byte test below is the scalar test.
            guard let colon = utf8.firstIndex(of: 0x3A), colon != utf8.startIndex,
                utf8.index(after: colon) != utf8.endIndex
            else { return false }
            let scheme = utf8[..<colon]
            guard let first = scheme.first, (0x61...0x7A).contains(first | 0x20),
                scheme.allSatisfy({
                    (0x61...0x7A).contains($0 | 0x20) || (0x30...0x39).contains($0) || $0 == 0x2B || $0 == 0x2D
                        || $0 == 0x2E
                })
            else { return false }
            for byte in utf8 {
                switch byte {
                case 0x00...0x20, 0x7F, 0x3C, 0x3E, 0x22, 0x7B, 0x7D, 0x7C, 0x5C, 0x5E, 0x60: return false
                case 0x23 where !allowingFragment: return false
                default: continue
                }
            }
            return true
        }
        guard let colon = text.firstIndex(of: ":"), colon != text.startIndex, text.index(after: colon) != text.endIndex
        else { return false }
        let scheme = text[..<colon].utf8
        guard let first = scheme.first, (0x61...0x7A).contains(first | 0x20),
            scheme.allSatisfy({
                (0x61...0x7A).contains($0 | 0x20) || (0x30...0x39).contains($0) || $0 == 0x2B || $0 == 0x2D
                    || $0 == 0x2E
            })
        else { return false }
        guard
            text.unicodeScalars.allSatisfy({
                $0.value > 0x20 && $0.value != 0x7F && !"<>\"{}|\\^`".unicodeScalars.contains($0)
            })
        else { return false }
        return allowingFragment || !text.contains("#")
    }

    static func uri(
        _ value: JSONValue?,
        at pointer: String,
        allowingFragment: Bool = false
    ) throws(MigrationError)
        -> String
    {
        let text = try string(value, at: pointer)
        guard isURI(text, allowingFragment: allowingFragment) else { throw invalid(pointer, "must be an absolute URI") }
        return text
    }

    /// §4 DID: DID Core 1.0 §3.1 (no path, query or fragment).
    static func isDID(_ text: String) -> Bool { text.hasPrefix("did:") && (try? DID(text)) != nil }

    static func did(_ value: JSONValue?, at pointer: String) throws(MigrationError) -> DID {
        let text = try string(value, at: pointer)
        guard text.hasPrefix("did:"), let did = try? DID(text) else { throw invalid(pointer, "must be a DID") }
        return did
    }

    /// §4 origin: `https://` + lower-case host + optional port other than 443; nothing else.
    static func isOrigin(_ text: String) -> Bool {
        guard text.hasPrefix("https://") else { return false }
        let rest = text.dropFirst(8)
        let parts = rest.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let host = parts[0]
        guard !host.isEmpty, !host.hasPrefix("."), !host.hasSuffix("."),
            host.utf8.allSatisfy({
                (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D || $0 == 0x2E
            })
        else { return false }
        if parts.count == 2 {
            let port = parts[1]
            guard !port.isEmpty, port.count <= 5, port.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
                port.first != "0", let number = Int(port), number <= 65535, number != 443
            else { return false }
        }
        return true
    }

    /// §4 URN UUID: `urn:uuid:` + 36 lower-case hex characters with hyphens.
    static func isURNUUID(_ text: String) -> Bool {
        guard text.hasPrefix("urn:uuid:") else { return false }
        let uuid = Array(text.utf8.dropFirst(9))
        guard uuid.count == 36 else { return false }
        for (index, byte) in uuid.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                guard byte == 0x2D else { return false }
            } else {
                guard (0x30...0x39).contains(byte) || (0x61...0x66).contains(byte) else { return false }
            }
        }
        return true
    }

    /// §4 nonce: canonical unpadded base64url decoding to 16–64 bytes.
    static func isNonce(_ text: String) -> Bool {
        guard let bytes = try? Base64URL.decode(text) else { return false }
        return (16...64).contains(bytes.count) && Base64URL.encode(bytes) == text
    }

    /// §10.1.1 protocol token `[a-z][a-z0-9.-]*`.
    static func isProtocolToken(_ text: String) -> Bool {
        guard let first = text.utf8.first, (0x61...0x7A).contains(first) else { return false }
        return text.utf8.allSatisfy {
            (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2E || $0 == 0x2D
        }
    }

    /// §7.3 relative path: segments of `[A-Za-z0-9._-]+`, neither `.` nor `..`, separated by `/`.
    static func isRelativePath(_ text: String) -> Bool {
        let segments = text.split(separator: "/", omittingEmptySubsequences: false)
        return segments.allSatisfy { segment in
            !segment.isEmpty && segment != "." && segment != ".."
                && segment.utf8.allSatisfy {
                    (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) || (0x30...0x39).contains($0)
                        || $0 == 0x2E || $0 == 0x5F || $0 == 0x2D
                }
        }
    }

    /// §7.3 href: a relative path or an `https` URI.
    static func isHref(_ text: String) -> Bool {
        isRelativePath(text) || (text.hasPrefix("https://") && isURI(text))
    }

    /// `user@host` without a leading `@`.
    static func isAcct(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty && !text.contains(where: \.isWhitespace)
    }
}
