// swift-did: decentralized identity for Swift. Apache-2.0.

/// `didResolutionMetadata` (DID Core 1.0 §7.1.2): about the resolution process, not the document.
///
/// `contentType`, `error` and a caching resolver's `cache` (``CacheOutcome``) are typed; every other member (such
/// as a resolver's `retrieved`, `duration`) is kept in ``additionalProperties`` in its order and shape. The same structure serves as
/// `dereferencingMetadata` (DID Core 1.0 §7.2.2), see ``DereferencingMetadata``.
public struct DIDResolutionMetadata: Sendable, Hashable {
    /// `contentType`: the media type of the representation. Required by `resolveRepresentation`; a library
    /// `resolve` leaves it out (DID Core 1.0 §7.1.2).
    public var contentType: String?
    /// `error`: why resolution failed, or `nil` on success.
    public var error: ResolutionError?
    /// `cache`: how a caching resolver answered, or `nil` when no cache took part.
    public var cache: CacheOutcome?
    /// Every other member, in order.
    public var additionalProperties: JSONObject

    /// Creates metadata.
    /// - Parameters:
    ///   - contentType: The media type of the representation.
    ///   - error: The error, when resolution failed.
    ///   - cache: How a caching resolver answered.
    ///   - additionalProperties: Other members.
    public init(
        contentType: String? = nil,
        error: ResolutionError? = nil,
        cache: CacheOutcome? = nil,
        additionalProperties: JSONObject = [:]
    ) {
        self.contentType = contentType
        self.error = error
        self.cache = cache
        self.additionalProperties = additionalProperties
    }

    /// Reads metadata; `error` may be a keyword string or a problem object in any spelling.
    /// - Parameter json: The metadata object.
    /// - Throws: ``DIDError`` with code ``DIDError/Code/invalidDocument`` when `contentType` is not a string or
    ///   `error` is malformed.
    public init(json: JSONObject) throws(DIDError) {
        self.init()
        var others: [JSONObject.Member] = []
        for member in json {
            switch member.key {
            case "contentType":
                guard case .string(let type) = member.value else {
                    throw DIDError(.invalidDocument, "didResolutionMetadata.contentType: must be a string")
                }
                contentType = type
            case "error":
                error = try ResolutionError(problemJSON: member.value)
            case "cache" where CacheOutcome(json: member.value) != nil:
                cache = CacheOutcome(json: member.value)
            default:
                others.append(member)
            }
        }
        additionalProperties = JSONObject(others)
    }

    /// The metadata object: `contentType`, `error`, the other members, then `cache`.
    /// - Parameter errorStyle: How to write `error`.
    /// - Returns: The object.
    public func json(errorStyle: ResolutionError.Style = .problemDetails) -> JSONObject {
        var members: [JSONObject.Member] = []
        if let contentType { members.append(.init(key: "contentType", value: .string(contentType))) }
        if let error { members.append(.init(key: "error", value: error.problemJSON(style: errorStyle))) }
        for member in additionalProperties
        where member.key != "contentType" && member.key != "error" && (cache == nil || member.key != "cache") {
            members.append(member)
        }
        if let cache { members.append(.init(key: "cache", value: .object(cache.json))) }
        return DocumentSupport.object(members)
    }
}

/// `dereferencingMetadata` (DID Core 1.0 §7.2.2): the same members as ``DIDResolutionMetadata``.
public typealias DereferencingMetadata = DIDResolutionMetadata

/// `didDocumentMetadata` (DID Core 1.0 §7.1.3): about the document, such as when it was created or whether the
/// DID is deactivated. On error it is empty.
///
/// The properties of DID Core 1.0 §7.1.3 are typed; every other member (`proof`, method-specific members) is
/// kept in ``additionalProperties``. Date-times are kept as the strings they were (XML Schema dateTime, UTC).
public struct DIDDocumentMetadata: Sendable, Hashable {
    /// `created`: when the document was created.
    public var created: String?
    /// `updated`: when the document was last updated; absent when never updated.
    public var updated: String?
    /// `deactivated`: `true` when the DID is deactivated (DID Core 1.0 §7.1.3).
    public var deactivated: Bool?
    /// `nextUpdate`: when the next version takes effect, for a resolved version that is not the latest.
    public var nextUpdate: String?
    /// `versionId`: the version of the resolved document.
    public var versionId: String?
    /// `nextVersionId`: the version after the resolved one.
    public var nextVersionId: String?
    /// `equivalentId`: other DIDs, of the same method, for the same subject.
    public var equivalentId: [String]?
    /// `canonicalId`: the canonical DID, of the same method, for the subject.
    public var canonicalId: String?
    /// Every other member, in order.
    public var additionalProperties: JSONObject

    /// Creates metadata; everything is optional, so `DIDDocumentMetadata()` is the empty map.
    /// - Parameters:
    ///   - created: `created`.
    ///   - updated: `updated`.
    ///   - deactivated: `deactivated`.
    ///   - nextUpdate: `nextUpdate`.
    ///   - versionId: `versionId`.
    ///   - nextVersionId: `nextVersionId`.
    ///   - equivalentId: `equivalentId`.
    ///   - canonicalId: `canonicalId`.
    ///   - additionalProperties: Other members.
    public init(
        created: String? = nil,
        updated: String? = nil,
        deactivated: Bool? = nil,
        nextUpdate: String? = nil,
        versionId: String? = nil,
        nextVersionId: String? = nil,
        equivalentId: [String]? = nil,
        canonicalId: String? = nil,
        additionalProperties: JSONObject = [:]
    ) {
        self.created = created
        self.updated = updated
        self.deactivated = deactivated
        self.nextUpdate = nextUpdate
        self.versionId = versionId
        self.nextVersionId = nextVersionId
        self.equivalentId = equivalentId
        self.canonicalId = canonicalId
        self.additionalProperties = additionalProperties
    }

    /// `true` when `deactivated` is `true`.
    public var isDeactivated: Bool { deactivated == true }

    /// `true` when there is no member at all (the required form on error).
    public var isEmpty: Bool {
        created == nil && updated == nil && deactivated == nil && nextUpdate == nil && versionId == nil
            && nextVersionId == nil && equivalentId == nil && canonicalId == nil && additionalProperties.isEmpty
    }

    private static let stringMembers = [
        "created", "updated", "nextUpdate", "versionId", "nextVersionId", "canonicalId",
    ]

    /// Reads metadata.
    /// - Parameter json: The metadata object.
    /// - Throws: ``DIDError`` with code ``DIDError/Code/invalidDocument`` when a typed member has the wrong JSON type.
    public init(json: JSONObject) throws(DIDError) {
        self.init()
        var others: [JSONObject.Member] = []
        for member in json {
            let path = "didDocumentMetadata." + member.key
            switch member.key {
            case "created", "updated", "nextUpdate", "versionId", "nextVersionId", "canonicalId":
                guard case .string(let text) = member.value else {
                    throw DIDError(.invalidDocument, "\(path): must be a string")
                }
                switch member.key {
                case "created": created = text
                case "updated": updated = text
                case "nextUpdate": nextUpdate = text
                case "versionId": versionId = text
                case "nextVersionId": nextVersionId = text
                default: canonicalId = text
                }
            case "deactivated":
                guard case .bool(let flag) = member.value else {
                    throw DIDError(.invalidDocument, "\(path): must be true or false")
                }
                deactivated = flag
            case "equivalentId":
                guard case .array(let items) = member.value else {
                    throw DIDError(.invalidDocument, "\(path): must be an array of DIDs")
                }
                var ids: [String] = []
                for item in items {
                    guard case .string(let text) = item else {
                        throw DIDError(.invalidDocument, "\(path): must be an array of DIDs")
                    }
                    ids.append(text)
                }
                equivalentId = ids
            default:
                others.append(member)
            }
        }
        additionalProperties = JSONObject(others)
    }

    /// The metadata object: the typed members in DID Core order, then the other members.
    public var json: JSONObject {
        var members: [JSONObject.Member] = []
        func add(_ key: String, _ value: String?) {
            if let value { members.append(.init(key: key, value: .string(value))) }
        }
        add("created", created)
        add("updated", updated)
        if let deactivated { members.append(.init(key: "deactivated", value: .bool(deactivated))) }
        add("nextUpdate", nextUpdate)
        add("versionId", versionId)
        add("nextVersionId", nextVersionId)
        if let equivalentId {
            members.append(.init(key: "equivalentId", value: .array(equivalentId.map { .string($0) })))
        }
        add("canonicalId", canonicalId)
        for member in additionalProperties
        where !Self.stringMembers.contains(member.key) && member.key != "deactivated" && member.key != "equivalentId" {
            members.append(member)
        }
        return DocumentSupport.object(members)
    }
}
