// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore

/// What the service writes for a request, chosen from `Accept` (`Specs/resolver.md` §4, content
/// negotiation; Universal Resolver `ResolveServlet`).
enum ResolverRepresentation: Sendable, Hashable {
    /// The full resolution (or dereferencing) result, written with this media type.
    case result(mediaType: String)
    /// The DID document (or dereferenced content) alone, written with this media type.
    case document(mediaType: String)
    /// The service endpoint URLs (`text/uri-list`): 303 with `Location`.
    case uriList
}

/// `Accept` header parsing and matching.
enum ResolverContentNegotiation {
    /// The legacy resolution-result media type of the Universal Resolver.
    static let legacyResultType = "application/ld+json;profile=\"https://w3id.org/did-resolution\""

    private static let legacyProfile = "https://w3id.org/did-resolution"

    struct MediaRange: Hashable {
        var type: String
        var profile: String?
        var quality: Double
        var order: Int
    }

    /// Parses an `Accept` value into media ranges, best first (by `q`, then by specificity, then by order).
    static func parse(_ accept: String) -> [MediaRange] {
        var ranges: [MediaRange] = []
        for (index, part) in accept.split(separator: ",").enumerated() {
            let pieces = part.split(separator: ";")
            guard let first = pieces.first else { continue }
            let type = first.trimmingSpaces.lowercased()
            guard !type.isEmpty else { continue }
            var range = MediaRange(type: type, profile: nil, quality: 1, order: index)
            for parameter in pieces.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1)
                guard pair.count == 2 else { continue }
                let name = pair[0].trimmingSpaces.lowercased()
                var value = pair[1].trimmingSpaces
                if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                    value = String(value.dropFirst().dropLast())
                }
                if name == "q" {
                    range.quality = Double(value).map { min(1, max(0, $0)) } ?? 0
                } else if name == "profile" {
                    range.profile = value
                }
            }
            ranges.append(range)
        }
        func specificity(_ range: MediaRange) -> Int {
            if range.type == "*/*" { return 0 }
            if range.type.hasSuffix("/*") { return 1 }
            return range.profile == nil ? 2 : 3
        }
        return ranges.sorted {
            if $0.quality != $1.quality { return $0.quality > $1.quality }
            if specificity($0) != specificity($1) { return specificity($0) > specificity($1) }
            return $0.order < $1.order
        }
    }

    /// Chooses the representation of a resolution.
    /// - Parameter accept: The `Accept` value, `nil` when absent.
    /// - Returns: The representation, or `nil` when nothing acceptable can be produced (406).
    static func forResolution(accept: String?) -> ResolverRepresentation? {
        choose(accept: accept, dereferencing: false)
    }

    /// Chooses the representation of a DID URL dereference.
    /// - Parameter accept: The `Accept` value, `nil` when absent.
    /// - Returns: The representation, or `nil` when nothing acceptable can be produced (406).
    static func forDereferencing(accept: String?) -> ResolverRepresentation? {
        choose(accept: accept, dereferencing: true)
    }

    private static func choose(accept: String?, dereferencing: Bool) -> ResolverRepresentation? {
        let defaultType = dereferencing ? DIDMediaType.didURLDereferencing : DIDMediaType.didResolution
        guard let accept, !accept.allSatisfy({ $0 == " " || $0 == "\t" }) else {
            return .result(mediaType: defaultType)
        }
        for range in parse(accept) where range.quality > 0 {
            switch range.type {
            case "*/*", "application/*":
                return .result(mediaType: defaultType)
            case DIDMediaType.didResolution where !dereferencing:
                return .result(mediaType: DIDMediaType.didResolution)
            case DIDMediaType.didURLDereferencing where dereferencing:
                return .result(mediaType: DIDMediaType.didURLDereferencing)
            case DIDMediaType.ldJSON where range.profile == legacyProfile && !dereferencing:
                // Both resolution-result types name a resolution result; a dereferencing result is not one.
                return .result(mediaType: legacyResultType)
            case DIDMediaType.didJSON, DIDMediaType.didLDJSON, DIDMediaType.did, DIDMediaType.json:
                return .document(mediaType: range.type)
            case DIDMediaType.uriList where dereferencing, "text/*" where dereferencing:
                return .uriList
            default:
                continue
            }
        }
        return nil
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
