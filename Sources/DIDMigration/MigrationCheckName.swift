// swift-did: decentralized identity for Swift. Apache-2.0.

/// The name of a check of the receiver's algorithm, as IMB v0.1 §14.2 spells it (`manifest.parse`, `proof.key`,
/// `collections.followers.pages[2]`). The static members name every check this library makes.
public struct MigrationCheckName: RawRepresentable, Sendable, Hashable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The name as the spec spells it.
    public let rawValue: String

    /// Wraps a name.
    /// - Parameter rawValue: The name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Wraps a name written as a literal.
    /// - Parameter value: The name.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// The name.
    public var description: String { rawValue }

    /// Step 1: parse the manifest bytes.
    public static let manifestParse = Self(rawValue: "manifest.parse")
    /// Step 2: the JCS profile (§5.1).
    public static let manifestProfile = Self(rawValue: "manifest.profile")
    /// Step 3: the structure of §8–§11.
    public static let manifestStructure = Self(rawValue: "manifest.structure")
    /// Step 4: resolve `subject.id`.
    public static let subjectResolution = Self(rawValue: "subject.resolution")
    /// Step 5: the key rule of §12.
    public static let proofKey = Self(rawValue: "proof.key")
    /// Step 6: the signature.
    public static let proofSignature = Self(rawValue: "proof.signature")
    /// Step 6: `domain` and `challenge`.
    public static let proofAudience = Self(rawValue: "proof.audience")
    /// Step 6: `created` and `expires` against the clock.
    public static let proofValidity = Self(rawValue: "proof.validity")
    /// Step 7: replay (§13.1–§13.2).
    public static let replay = Self(rawValue: "replay")
    /// Step 7: the chain of bundles (§13.3).
    public static let chain = Self(rawValue: "chain")
    /// Step 14: follower consent, never provable.
    public static let followerConsent = Self(rawValue: "followerConsent")
    /// Step 14: completeness, never provable.
    public static let completeness = Self(rawValue: "completeness")

    /// Step 8: a collection's root.
    /// - Parameter collection: The collection.
    /// - Returns: `collections.<name>.root`.
    public static func collectionRoot(_ collection: MigrationCollectionName) -> Self {
        Self(rawValue: "collections.\(collection.rawValue).root")
    }

    /// Step 11: one page.
    /// - Parameters:
    ///   - collection: The collection.
    ///   - index: The 0-based page index.
    /// - Returns: `collections.<name>.pages[<index>]`.
    public static func page(_ collection: MigrationCollectionName, _ index: Int) -> Self {
        Self(rawValue: "collections.\(collection.rawValue).pages[\(index)]")
    }

    /// Step 12: the attestations of a collection, summarised.
    /// - Parameter collection: The collection.
    /// - Returns: `collections.<name>.attestations`.
    public static func attestations(_ collection: MigrationCollectionName) -> Self {
        Self(rawValue: "collections.\(collection.rawValue).attestations")
    }

    /// Step 12: one failed attestation.
    /// - Parameter location: Where the entry is (`href:line` or a JSON Pointer).
    /// - Returns: `attestation[<location>]`.
    public static func attestation(at location: String) -> Self { Self(rawValue: "attestation[\(location)]") }

    /// Step 9: one alias.
    /// - Parameter index: The alias's index.
    /// - Returns: `aliases[<index>]`.
    public static func alias(_ index: Int) -> Self { Self(rawValue: "aliases[\(index)]") }

    /// Step 10: one source binding.
    /// - Parameter index: The source's index.
    /// - Returns: `sources[<index>]`.
    public static func source(_ index: Int) -> Self { Self(rawValue: "sources[\(index)]") }

    /// Step 13: one content entry's bytes.
    /// - Parameters:
    ///   - uri: The entry's `uri`.
    ///   - rel: The entry's `rel`, when present.
    /// - Returns: `content[<uri> <rel>]`.
    public static func content(uri: String, rel: String?) -> Self { Self(rawValue: "content[\(uri) \(rel ?? "")]") }
}
