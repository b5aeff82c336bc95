// swift-did: decentralized identity for Swift. Apache-2.0.

/// Resolution options (DID Core 1.0 §7.1.1; DID Resolution §"DID Resolution Options").
///
/// The options DID Resolution defines are typed; any other option is kept in ``additionalProperties`` and passed to
/// the method. `ResolutionOptions()` is the empty set.
public struct ResolutionOptions: Sendable, Hashable {
    /// `accept`: the preferred media type of the representation (RFC 9110 §12.5.1 syntax). Only for
    /// `resolveRepresentation`: DID Core 1.0 §7.1.1 says it must not be used with `resolve`.
    public var accept: String?
    /// `noCache`: bypass (and refresh) any cache. A resolver that cannot answers ``ResolutionError/Code/featureNotSupported``.
    public var noCache: Bool
    /// `expandRelativeUrls`: make every relative DID URL in the document absolute (``DIDDocument/expandingRelativeURLs``).
    public var expandRelativeURLs: Bool
    /// `versionId`: resolve this version of the document.
    public var versionId: String?
    /// `versionTime`: resolve the version valid at this time (`YYYY-MM-DDThh:mm:ssZ`).
    public var versionTime: String?
    /// Every other option, in order.
    public var additionalProperties: JSONObject

    /// Creates options; the defaults are the empty set.
    /// - Parameters:
    ///   - accept: The preferred media type.
    ///   - noCache: Bypass any cache.
    ///   - expandRelativeURLs: Make relative DID URLs absolute.
    ///   - versionId: The version to resolve.
    ///   - versionTime: The time whose version to resolve.
    ///   - additionalProperties: Other options.
    public init(
        accept: String? = nil,
        noCache: Bool = false,
        expandRelativeURLs: Bool = false,
        versionId: String? = nil,
        versionTime: String? = nil,
        additionalProperties: JSONObject = [:]
    ) {
        self.accept = accept
        self.noCache = noCache
        self.expandRelativeURLs = expandRelativeURLs
        self.versionId = versionId
        self.versionTime = versionTime
        self.additionalProperties = additionalProperties
    }

    /// Reads options from a JSON object (a POST body, or query parameters as strings). Boolean options accept
    /// `true`/`false` and the strings `"true"`/`"false"` (DID Resolution HTTP(S) binding).
    /// - Parameter json: The options.
    /// - Throws: ``ResolutionError`` with code ``ResolutionError/Code/invalidOptions`` when a typed option has
    ///   the wrong type, or when ``validate()`` fails.
    public init(json: JSONObject) throws(ResolutionError) {
        self.init()
        var others: [JSONObject.Member] = []
        for member in json {
            switch member.key {
            case "accept": accept = try Self.string(member)
            case "versionId": versionId = try Self.string(member)
            case "versionTime": versionTime = try Self.string(member)
            case "noCache": noCache = try Self.bool(member)
            case "expandRelativeUrls": expandRelativeURLs = try Self.bool(member)
            default: others.append(member)
            }
        }
        additionalProperties = JSONObject(others)
        try validate()
    }

    private static func string(_ member: JSONObject.Member) throws(ResolutionError) -> String {
        guard case .string(let text) = member.value else {
            throw ResolutionError(.invalidOptions, "option '\(member.key)' must be a string")
        }
        return text
    }

    private static func bool(_ member: JSONObject.Member) throws(ResolutionError) -> Bool {
        switch member.value {
        case .bool(let flag): return flag
        case .string("true"): return true
        case .string("false"): return false
        default: throw ResolutionError(.invalidOptions, "option '\(member.key)' must be true or false")
        }
    }

    /// Checks the typed options: `accept`, `versionId` and `versionTime` are ASCII; `versionTime` is an XML Schema
    /// dateTime in UTC without fractions (``DateTime/Rules/didVersionTime``, such as `2020-12-20T19:17:47Z`);
    /// `versionId` and `versionTime` are not both set.
    /// - Throws: ``ResolutionError`` with code ``ResolutionError/Code/invalidOptions``.
    public func validate() throws(ResolutionError) {
        for (name, value) in [("accept", accept), ("versionId", versionId), ("versionTime", versionTime)] {
            if let value, !value.utf8.allSatisfy({ $0 < 0x80 }) {
                throw ResolutionError(.invalidOptions, "option '\(name)' must be ASCII")
            }
        }
        if let versionTime, let problem = DIDURL.versionTimeProblem(versionTime) {
            throw ResolutionError(.invalidOptions, "option 'versionTime' " + problem)
        }
        if versionId != nil && versionTime != nil {
            throw ResolutionError(.invalidOptions, "options 'versionId' and 'versionTime' are mutually exclusive")
        }
    }

    private static let typedNames: Set<String> = [
        "accept", "noCache", "expandRelativeUrls", "versionId", "versionTime",
    ]

    /// The options as JSON: only the options that are set (`noCache` and `expandRelativeUrls` when `true`), then
    /// the other options.
    public var json: JSONObject {
        var members: [JSONObject.Member] = []
        if let accept { members.append(.init(key: "accept", value: .string(accept))) }
        if noCache { members.append(.init(key: "noCache", value: true)) }
        if expandRelativeURLs { members.append(.init(key: "expandRelativeUrls", value: true)) }
        if let versionId { members.append(.init(key: "versionId", value: .string(versionId))) }
        if let versionTime { members.append(.init(key: "versionTime", value: .string(versionTime))) }
        for member in additionalProperties where !Self.typedNames.contains(member.key) { members.append(member) }
        return DocumentSupport.object(members)
    }
}
