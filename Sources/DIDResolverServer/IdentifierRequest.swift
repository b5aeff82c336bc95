// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import Foundation

/// The identifier and options of a `/1.0/identifiers/…` request (Universal Resolver `ResolveServlet`, `Specs/resolver.md` §4.1).
///
/// - URL-encoded form (`did%3A…`): the path is percent-decoded and the query holds resolution options, as
///   `name=value` pairs or as one URL-encoded JSON object.
/// - Plain form (`did:…`): the path plus the query is the DID URL; since `#` never reaches a server, the first
///   `%23` in the plain form stands for the fragment delimiter.
/// - A DID alone (no `/`, `?`, `#`) is resolved; anything else is dereferenced.
struct IdentifierRequest: Sendable, Hashable {
    /// The DID or DID URL.
    var identifier: String
    /// Options from the query (URL-encoded form only).
    var options: JSONObject
    /// Whether the identifier is a DID URL to dereference rather than a DID to resolve.
    var isDereference: Bool { identifier.contains { $0 == "/" || $0 == "?" || $0 == "#" } }

    static let prefix = "/1.0/identifiers/"

    /// Parses the request target after ``prefix``.
    /// - Parameter target: Path and query after the prefix, as received.
    /// - Throws: `ResolutionError` (`invalidDidUrl`/`invalidOptions`, 400) for bad percent-encoding, bad UTF-8,
    ///   NUL or control characters, or malformed options.
    init(target: Substring) throws(ResolutionError) {
        let rawPath: Substring
        let rawQuery: Substring?
        if let mark = target.firstIndex(of: "?") {
            rawPath = target[..<mark]
            rawQuery = target[target.index(after: mark)...]
        } else {
            rawPath = target
            rawQuery = nil
        }
        guard !rawPath.isEmpty else { throw ResolutionError(.invalidDid, "no identifier found in the request") }
        if rawPath.utf8.count >= 6, rawPath.prefix(6).lowercased() == "did%3a" {
            identifier = try Self.percentDecode(rawPath, what: "identifier")
            options = try rawQuery.map { query throws(ResolutionError) in try Self.options(query) } ?? [:]
        } else {
            var text = String(rawPath)
            if let hash = text.range(of: "%23") { text.replaceSubrange(hash, with: "#") }
            if let rawQuery { text += "?" + rawQuery }
            // The raw form must still be valid text: percent-encodings are checked (no NUL or control character
            // hides behind one), not decoded.
            try Self.checkCharacters(try Self.percentDecode(Substring(text), what: "identifier"))
            identifier = text
            options = [:]
        }
        try Self.checkCharacters(identifier)
    }

    private static func checkCharacters(_ text: String) throws(ResolutionError) {
        for scalar in text.unicodeScalars where scalar.value < 0x20 || scalar.value == 0x7F {
            throw ResolutionError(.invalidDidUrl, "the identifier holds a control character (U+\(hex(scalar.value)))")
        }
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// Options from a query: a URL-encoded JSON object, or `name=value` pairs (values as strings).
    static func options(_ query: Substring) throws(ResolutionError) -> JSONObject {
        if query.isEmpty { return [:] }
        let decodedWhole = try percentDecode(query, what: "query", plusIsSpace: false)
        if decodedWhole.hasPrefix("{") {
            let value: JSONValue
            do {
                value = try JSONValue(parsing: decodedWhole)
            } catch {
                throw ResolutionError(.invalidOptions, "the options are not valid JSON: \(error.reason)")
            }
            guard case .object(let object) = value else {
                throw ResolutionError(.invalidOptions, "the options must be a JSON object")
            }
            return object
        }
        var object = JSONObject()
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = try percentDecode(parts[0], what: "option name", plusIsSpace: true)
            let value = parts.count > 1 ? try percentDecode(parts[1], what: "option value", plusIsSpace: true) : ""
            guard !name.isEmpty else { throw ResolutionError(.invalidOptions, "an option has no name") }
            guard object[name] == nil else { throw ResolutionError(.invalidOptions, "option '\(name)' is repeated") }
            try checkOption(name)
            try checkOption(value)
            object.append(name, .string(value))
        }
        return object
    }

    private static func checkOption(_ text: String) throws(ResolutionError) {
        if text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw ResolutionError(.invalidOptions, "an option holds a control character")
        }
    }

    /// Percent-decodes text (RFC 3986 §2.1), requiring well-formed escapes and UTF-8 in the result.
    static func percentDecode(
        _ text: Substring,
        what: String,
        plusIsSpace: Bool = false
    ) throws(ResolutionError) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    throw ResolutionError(.invalidDidUrl, "the \(what) has a malformed percent-encoding")
                }
                bytes.append(high << 4 | low)
            } else if plusIsSpace && byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else {
                bytes.append(byte)
            }
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw ResolutionError(.invalidDidUrl, "the \(what) is not valid UTF-8 after percent-decoding")
        }
        return decoded
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
