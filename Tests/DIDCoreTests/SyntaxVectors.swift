// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDTestSupport
import Foundation
import Testing

/// The vectors of `TestVectors/did-core/did-syntax.json` and `uri-references.json` (see the README there).
struct SyntaxVectors: Decodable {
    struct ValidDID: Decodable, Sendable, CustomTestStringConvertible {
        var did: String
        var method: String
        var methodSpecificID: String
        var source: String
        var testDescription: String { did }
    }

    struct Invalid: Decodable, Sendable, CustomTestStringConvertible {
        var text: String
        var offset: Int
        var reason: String
        var testDescription: String { "\(text.debugDescription) → \(reason)" }

        enum CodingKeys: String, CodingKey { case did, url, offset, reason }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            text =
                try container.decodeIfPresent(String.self, forKey: .did) ?? container.decode(String.self, forKey: .url)
            offset = try container.decode(Int.self, forKey: .offset)
            reason = try container.decode(String.self, forKey: .reason)
        }
    }

    struct ValidURL: Decodable, Sendable, CustomTestStringConvertible {
        var url: String
        var did: String
        var path: String
        var query: String?
        var fragment: String?
        var parameters: [[String]]
        var duplicates: [String]?
        var source: String
        var testDescription: String { url }
    }

    struct Parameters: Decodable, Sendable, CustomTestStringConvertible {
        var url: String
        var valid: Bool
        var reason: String?
        var testDescription: String { url }
    }

    var validDIDs: [ValidDID]
    var invalidDIDs: [Invalid]
    var validDIDURLs: [ValidURL]
    var invalidDIDURLs: [Invalid]
    var didParameters: [Parameters]

    static let shared: SyntaxVectors = loadLocal("did-core/did-syntax.json")
}

struct URIVectors: Decodable {
    struct RFC3986: Decodable {
        var base: String
        var cases: [[String]]
    }

    struct DIDCase: Decodable, Sendable, CustomTestStringConvertible {
        var base: String
        var reference: String
        var expected: String?
        var testDescription: String { "\(reference.debugDescription) against \(base)" }
    }

    struct URICase: Decodable, Sendable, CustomTestStringConvertible {
        var uri: String
        var valid: Bool
        var testDescription: String { uri.debugDescription }
    }

    var rfc3986: RFC3986
    var didURLs: [DIDCase]
    var uris: [URICase]

    static let shared: URIVectors = loadLocal("did-core/uri-references.json")
}

/// Decodes a file of the repository's `TestVectors/` with `JSONDecoder` (tests only; the library has its own
/// parser). A missing or malformed file is a programming error in the test target.
func loadLocal<T: Decodable>(_ path: String) -> T {
    do {
        return try JSONDecoder().decode(T.self, from: TestVectors.localData(path))
    } catch {
        fatalError("cannot load TestVectors/\(path): \(error)")
    }
}
