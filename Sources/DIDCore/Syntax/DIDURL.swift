// swift-did: decentralized identity for Swift. Apache-2.0.

/// A DID URL: a DID followed by an optional path, query and fragment.
///
/// Parsing follows [DID Core 1.0 §3.2](https://www.w3.org/TR/did-core/#did-url-syntax):
///
/// ```
/// did-url = did path-abempty [ "?" query ] [ "#" fragment ]
/// ```
///
/// with `path-abempty`, `query` and `fragment` as in RFC 3986 §3.3–3.5. Every `%` must start a two-hex-digit
/// triplet, and a second `#` is invalid. A DID without extras is a valid DID URL. The text is kept exactly as
/// written; ``queryParameters`` holds the percent-decoded `name=value` pairs of the query.
public struct DIDURL: Sendable, Hashable, CustomStringConvertible {
    /// One `name=value` pair of the query, percent-decoded (RFC 3986 §2.1; `+` is not a space).
    public struct QueryParameter: Sendable, Hashable {
        /// The parameter name, percent-decoded.
        public let name: String
        /// The parameter value, percent-decoded; empty when the pair has no `=`.
        public let value: String

        /// Creates a parameter.
        /// - Parameters:
        ///   - name: The decoded name.
        ///   - value: The decoded value.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }

        /// Parameters are equal when their decoded names and values have the same UTF-8 bytes (no normalization).
        public static func == (lhs: QueryParameter, rhs: QueryParameter) -> Bool {
            BytewiseString.equal(lhs.name, rhs.name) && BytewiseString.equal(lhs.value, rhs.value)
        }

        /// Hashes the UTF-8 bytes of the name and the value, consistently with ``==(_:_:)``.
        public func hash(into hasher: inout Hasher) {
            hasher.combine(BytewiseString(name))
            hasher.combine(BytewiseString(value))
        }
    }

    /// The DID parameters defined by DID Core 1.0 §3.2.1 and DID Resolution (`serviceType`).
    public enum DIDParameter: String, Sendable, Hashable, CaseIterable {
        /// `service`: selects a service from the DID document by its id.
        case service
        /// `serviceType`: selects services by type (DID Resolution).
        case serviceType
        /// `relativeRef`: a relative URI reference resolved against the selected service endpoint.
        case relativeRef
        /// `versionId`: a specific version of the DID document.
        case versionId
        /// `versionTime`: the version of the DID document valid at this time (`YYYY-MM-DDThh:mm:ssZ`).
        case versionTime
        /// `hl`: a hashlink of the DID document (non-normative).
        case hl
    }

    /// The DID URL text, exactly as parsed.
    public let description: String
    /// The DID this URL starts with.
    public let did: DID
    /// The path (`path-abempty`), starting with `/`; `""` when there is none.
    public let path: String
    /// The query without the `?`, still percent-encoded; `nil` when there is no `?`.
    public let query: String?
    /// The fragment without the `#`, still percent-encoded; `nil` when there is no `#`.
    public let fragment: String?
    /// The `&`-separated `name=value` pairs of ``query``, in order, percent-decoded. Empty pairs are skipped.
    /// Duplicates are kept: see ``duplicateParameterNames``.
    public let queryParameters: [QueryParameter]

    /// Parses a DID URL.
    /// - Parameter text: The DID URL text, such as `did:example:123/path?service=agent#key-1`.
    /// - Throws: ``DIDError`` with code ``DIDError/Code/invalidDIDURL`` when `text` does not match the DID URL ABNF
    ///   (DID Core 1.0 §3.2), or when a query parameter does not percent-decode to UTF-8. The reason names what is
    ///   wrong and the offset says where.
    public init(_ text: String) throws(DIDError) {
        var copy = text
        let result: Result<DIDURL, SyntaxScanner.Failure> = copy.withUTF8 { bytes in
            switch SyntaxScanner.scan(bytes, allowURLParts: true) {
            case .failure(let failure):
                return .failure(failure)
            case .success(let boundaries):
                return DIDURL.build(text, bytes, boundaries)
            }
        }
        switch result {
        case .success(let url): self = url
        case .failure(let failure): throw SyntaxScanner.error(for: failure, in: text, code: .invalidDIDURL)
        }
    }

    /// Builds a DID URL from its parts.
    /// - Parameters:
    ///   - did: The DID.
    ///   - path: The path: empty, or starting with `/` (percent-encoded where needed).
    ///   - query: The query without `?` (percent-encoded), or `nil`.
    ///   - fragment: The fragment without `#` (percent-encoded), or `nil`.
    /// - Throws: ``DIDError`` with code ``DIDError/Code/invalidDIDURL`` when a part has characters its component
    ///   does not allow (RFC 3986 §3.3–3.5). Offsets count from the start of the assembled text.
    public init(did: DID, path: String = "", query: String? = nil, fragment: String? = nil) throws(DIDError) {
        if !path.isEmpty && !path.hasPrefix("/") {
            throw DIDError(.invalidDIDURL, "the path must be empty or start with '/'", offset: did.description.count)
        }
        var text = did.description + path
        if let query { text += "?" + query }
        if let fragment { text += "#" + fragment }
        try self.init(text)
        guard self.did == did, self.path == path, self.query == query, self.fragment == fragment else {
            throw DIDError(.invalidDIDURL, "the parts do not re-parse as the same DID URL ('\(text)')")
        }
    }

    /// The DID URL of a bare DID; never fails.
    init(did: DID) {
        self.description = did.description
        self.did = did
        self.path = ""
        self.query = nil
        self.fragment = nil
        self.queryParameters = []
    }

    private init(
        description: String,
        did: DID,
        path: String,
        query: String?,
        fragment: String?,
        queryParameters: [QueryParameter]
    ) {
        self.description = description
        self.did = did
        self.path = path
        self.query = query
        self.fragment = fragment
        self.queryParameters = queryParameters
    }

    /// Resolves a relative DID URL against a base with RFC 3986 §5.2 (DID Core 1.0 §3.2.2).
    ///
    /// `#key-1` against `did:example:123` gives `did:example:123#key-1`; `?service=files` gives
    /// `did:example:123?service=files`; an absolute DID URL is returned as itself (dot segments removed).
    /// - Parameters:
    ///   - reference: A relative or absolute DID URL.
    ///   - base: The base DID URL, usually the DID document's `id`.
    /// - Throws: ``DIDError`` with code ``DIDError/Code/invalidDIDURL`` when the reference is not a URI reference
    ///   or the result is not a DID URL (for example `/path` resolves to `did:/path` under RFC 3986).
    public init(resolving reference: String, against base: DIDURL) throws(DIDError) {
        if reference.hasPrefix("#") && base.fragment == nil {
            try self.init(base.description + reference)
            return
        }
        let target = try URIReference.resolve(reference, against: base.description)
        do {
            try self.init(target)
        } catch {
            throw DIDError(
                .invalidDIDURL,
                "'\(reference)' resolved against '\(base)' gives '\(target)', which is not a DID URL: \(error.reason)"
            )
        }
    }

    private static func build(
        _ text: String,
        _ bytes: UnsafeBufferPointer<UInt8>,
        _ boundaries: SyntaxScanner.Boundaries
    ) -> Result<DIDURL, SyntaxScanner.Failure> {
        let count = bytes.count
        func string(_ start: Int, _ end: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
        let didText = boundaries.didEnd == count ? text : string(0, boundaries.didEnd)
        let did = DID(validated: didText, methodEnd: boundaries.methodEnd)
        let pathEnd = boundaries.queryMark ?? boundaries.fragmentMark ?? count
        let path = pathEnd == boundaries.didEnd ? "" : string(boundaries.didEnd, pathEnd)
        var query: String?
        var parameters: [QueryParameter] = []
        if let mark = boundaries.queryMark {
            let end = boundaries.fragmentMark ?? count
            query = string(mark + 1, end)
            var start = mark + 1
            while start <= end {
                var stop = start
                while stop < end, bytes[stop] != 0x26 { stop += 1 }
                if stop > start {
                    var equals = start
                    while equals < stop, bytes[equals] != 0x3D { equals += 1 }
                    guard let name = SyntaxScanner.percentDecoded(bytes, from: start, to: equals),
                        let value = SyntaxScanner.percentDecoded(bytes, from: min(equals + 1, stop), to: stop)
                    else {
                        return .failure(.init(offset: start, problem: .undecodableQueryParameter))
                    }
                    parameters.append(QueryParameter(name: name, value: value))
                }
                start = stop + 1
            }
        }
        let fragment = boundaries.fragmentMark.map { string($0 + 1, count) }
        return .success(
            DIDURL(
                description: text,
                did: did,
                path: path,
                query: query,
                fragment: fragment,
                queryParameters: parameters
            )
        )
    }

    // MARK: Accessors

    /// `true` when the URL is just a DID: no path, no query and no fragment.
    public var isDID: Bool { path.isEmpty && query == nil && fragment == nil }

    /// This URL without its fragment (the resource the fragment is dereferenced within).
    public var removingFragment: DIDURL {
        guard fragment != nil else { return self }
        let text = String(description.prefix(while: { $0 != "#" }))
        return DIDURL(
            description: text,
            did: did,
            path: path,
            query: query,
            fragment: nil,
            queryParameters: queryParameters
        )
    }

    /// The decoded value of the first query parameter with this name.
    ///
    /// When a name may appear more than once, check ``duplicateParameterNames`` or use ``parameters(named:)``;
    /// ``validateDIDParameters()`` rejects duplicated DID parameters.
    /// - Parameter name: The decoded parameter name, such as `service`.
    /// - Returns: The decoded value, or `nil` when the parameter is absent.
    public func parameter(_ name: String) -> String? {
        queryParameters.first(where: { BytewiseString.equal($0.name, name) })?.value
    }

    /// The decoded value of a DID parameter (DID Core 1.0 §3.2.1), from the first occurrence.
    /// - Parameter parameter: The DID parameter.
    /// - Returns: The decoded value, or `nil` when the parameter is absent.
    public func parameter(_ parameter: DIDParameter) -> String? { self.parameter(parameter.rawValue) }

    /// Every decoded value of the query parameters with this name, in order.
    /// - Parameter name: The decoded parameter name.
    /// - Returns: The values; empty when the parameter is absent.
    public func parameters(named name: String) -> [String] {
        queryParameters.compactMap { BytewiseString.equal($0.name, name) ? $0.value : nil }
    }

    /// The names that occur more than once in the query, in order of their first occurrence.
    public var duplicateParameterNames: [String] {
        var seen: Set<BytewiseString> = []
        var duplicates: [BytewiseString] = []
        for parameter in queryParameters where !seen.insert(BytewiseString(parameter.name)).inserted {
            if !duplicates.contains(BytewiseString(parameter.name)) {
                duplicates.append(BytewiseString(parameter.name))
            }
        }
        return duplicates.map(\.string)
    }

    /// The `service` DID parameter (DID Core 1.0 §3.2.1), decoded.
    public var service: String? { parameter(.service) }
    /// The `relativeRef` DID parameter (DID Core 1.0 §3.2.1), decoded once: a relative URI reference.
    public var relativeRef: String? { parameter(.relativeRef) }
    /// The `versionId` DID parameter (DID Core 1.0 §3.2.1), decoded.
    public var versionId: String? { parameter(.versionId) }
    /// The `versionTime` DID parameter (DID Core 1.0 §3.2.1), decoded.
    public var versionTime: String? { parameter(.versionTime) }
    /// The `hl` DID parameter (DID Core 1.0 §3.2.1), decoded.
    public var hl: String? { parameter(.hl) }

    /// Checks the DID parameters against DID Core 1.0 §3.2.1 and DID Resolution.
    ///
    /// Rules: each DID parameter appears at most once; values are ASCII; `relativeRef` is a relative reference
    /// (RFC 3986 §4.2); `versionTime` is an XML Schema dateTime in UTC without fractional seconds
    /// (``DateTime/Rules/didVersionTime``, such as `2020-12-20T19:17:47Z`); `versionId` and `versionTime` are not both present. Other query parameters are
    /// method- or extension-defined and are not checked.
    /// - Throws: ``DIDError`` with code ``DIDError/Code/invalidDIDURL`` naming the first broken rule.
    public func validateDIDParameters() throws(DIDError) {
        for name in DIDParameter.allCases {
            let values = parameters(named: name.rawValue)
            if values.count > 1 {
                throw DIDError(.invalidDIDURL, "DID parameter '\(name.rawValue)' appears \(values.count) times")
            }
            guard let value = values.first else { continue }
            if !value.utf8.allSatisfy({ $0 < 0x80 }) {
                throw DIDError(.invalidDIDURL, "DID parameter '\(name.rawValue)' must be ASCII")
            }
            switch name {
            case .relativeRef:
                if !URIReference.isValidRelativeReference(value) {
                    throw DIDError(
                        .invalidDIDURL,
                        "DID parameter 'relativeRef' is not a relative URI reference (RFC 3986 §4.2): '\(value)'"
                    )
                }
            case .versionTime:
                if let problem = Self.versionTimeProblem(value) {
                    throw DIDError(.invalidDIDURL, "DID parameter 'versionTime' " + problem)
                }
            default:
                break
            }
        }
        if parameter(.versionId) != nil && parameter(.versionTime) != nil {
            throw DIDError(.invalidDIDURL, "DID parameters 'versionId' and 'versionTime' are mutually exclusive")
        }
    }

    /// Why `text` is not a `versionTime` value (DID Core 1.0 §3.2.1, ``DateTime/Rules/didVersionTime``), or `nil`
    /// when it is one.
    static func versionTimeProblem(_ text: String) -> String? {
        do {
            _ = try DateTime(text, rules: .didVersionTime)
            return nil
        } catch {
            return "must be a UTC date-time without fractions, like 2020-12-20T19:17:47Z: " + error.reason
        }
    }

    /// Two DID URLs are equal when their texts have the same UTF-8 bytes (no normalization).
    public static func == (lhs: DIDURL, rhs: DIDURL) -> Bool { BytewiseString.equal(lhs.description, rhs.description) }

    /// Hashes the text's UTF-8 bytes, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(BytewiseString(description)) }
}
