// swift-did: decentralized identity for Swift. Apache-2.0.

public import DIDCore

/// The did:web method (w3c-ccg/did-method-web): read through an injected ``DIDWebFetcher``, plus the document
/// checks of `Specs/resolver.md` §2 and creation (see ``create(host:path:keys:services:deriveKeyAgreement:)``).
public struct DIDWebMethod: DIDMethodResolver {
    /// The fetcher that performs HTTPS GET requests.
    public let fetcher: any DIDWebFetcher

    /// `DID.Method.web`.
    public var method: DID.Method { .web }

    /// Creates the method.
    /// - Parameter fetcher: The HTTPS fetcher (DIDResolution's libcurl fetcher, or a test double).
    public init(fetcher: any DIDWebFetcher) {
        self.fetcher = fetcher
    }

    /// Resolves a did:web DID (did:web spec §"Read (Resolve)").
    ///
    /// Maps the DID to its URL, fetches it, and checks the answer: 404/410 → `NOT_FOUND`; other non-2xx
    /// statuses and transport failures → `INTERNAL_ERROR` naming the cause; a body that is not an I-JSON object,
    /// not a conforming DID document, whose `id` is not the DID, with a relative DID URL, or with a private `d`
    /// member in a JWK → `INVALID_DID_DOCUMENT`. The content type is `application/did+ld+json` when the document
    /// has `@context`, else `application/did+json`.
    /// - Parameters:
    ///   - did: The DID.
    ///   - options: Resolution options (`expandRelativeUrls` has nothing to do: did:web documents are absolute).
    /// - Returns: The resolution result.
    /// - Throws: `ResolutionError` as above; `invalidDid` when the DID does not map to a URL.
    public func resolve(_ did: DID, options: ResolutionOptions) async throws(ResolutionError) -> ResolutionResult {
        let location = try DIDWebURL(did: did)
        let response: DIDWebResponse
        do {
            response = try await fetcher.fetch(DIDWebRequest(location: location))
        } catch {
            throw Self.resolutionError(error, url: location.url)
        }
        return try Self.result(response, for: did, url: location.url)
    }

    /// Fetches a did:web document with extra request headers (such as `If-None-Match` for a cache revalidating an
    /// entry) and returns the raw response with its checked result.
    /// - Parameters:
    ///   - did: The DID.
    ///   - headers: Extra request headers.
    /// - Returns: The response, and the resolution result unless the status is 304 (Not Modified).
    /// - Throws: `ResolutionError` as ``resolve(_:options:)``.
    public func fetch(
        _ did: DID,
        headers: [DIDWebHeader]
    ) async throws(ResolutionError) -> (
        response: DIDWebResponse, result: ResolutionResult?
    ) {
        let location = try DIDWebURL(did: did)
        let response: DIDWebResponse
        do {
            response = try await fetcher.fetch(DIDWebRequest(location: location, headers: headers))
        } catch {
            throw Self.resolutionError(error, url: location.url)
        }
        if response.status == 304 { return (response, nil) }
        return (response, try Self.result(response, for: did, url: location.url))
    }

    /// Turns an HTTP response for `did` into a resolution result, applying the status rules and document checks
    /// of ``resolve(_:options:)``.
    /// - Parameters:
    ///   - response: The HTTP response.
    ///   - did: The DID that was resolved.
    ///   - url: The URL fetched, for error messages.
    /// - Returns: The resolution result.
    /// - Throws: `ResolutionError` as ``resolve(_:options:)``.
    public static func result(
        _ response: DIDWebResponse,
        for did: DID,
        url: String
    ) throws(ResolutionError)
        -> ResolutionResult
    {
        switch response.status {
        case 200...299:
            break
        case 404, 410:
            throw ResolutionError(.notFound, "\(url) answered HTTP \(response.status)")
        default:
            // A 5xx is the origin failing (worth a retry); another status is an answer we cannot use.
            throw ResolutionError(
                .internalError,
                "\(url) answered HTTP \(response.status)",
                cause: response.status >= 500 ? .networkFailure : nil
            )
        }
        let document = try document(from: response.body, for: did)
        let contentType = document.context == nil ? DIDMediaType.didJSON : DIDMediaType.didLDJSON
        return ResolutionResult(
            didDocument: document,
            didResolutionMetadata: DIDResolutionMetadata(contentType: contentType)
        )
    }

    /// The resolution error for a fetch failure: `INTERNAL_ERROR` with the failure's kind and reason.
    /// - Parameters:
    ///   - error: The fetch failure.
    ///   - url: The URL that was fetched.
    /// - Returns: The resolution error.
    public static func resolutionError(_ error: DIDWebFetchError, url: String) -> ResolutionError {
        ResolutionError(
            .internalError,
            "fetching \(url) failed (\(error.code)): \(error.reason)",
            cause: error.code.resolutionCause
        )
    }

    /// Reads and checks a fetched did:web document (`Specs/resolver.md` §2, did:web spec §3.2 step 7 and
    /// §"DID Document Handling").
    ///
    /// The body must be an I-JSON object (RFC 7493: UTF-8, no duplicate keys), a conforming DID document
    /// (DID Core 1.0 §5), with `id` equal to `did`; every DID URL in it (verification method ids and controllers,
    /// relationship references, service ids) must be absolute, and no JWK anywhere in it may carry the private
    /// member `d`.
    /// - Parameters:
    ///   - body: The response body.
    ///   - did: The DID being resolved.
    /// - Returns: The document.
    /// - Throws: `ResolutionError` with code `invalidDidDocument` naming the broken rule.
    public static func document(from body: [UInt8], for did: DID) throws(ResolutionError) -> DIDDocument {
        let json: JSONValue
        do {
            json = try JSONValue(parsing: body)
        } catch {
            throw ResolutionError(.invalidDidDocument, "the did:web document is not I-JSON: \(error.reason)")
        }
        guard case .object = json else {
            throw ResolutionError(.invalidDidDocument, "the did:web document is not a JSON object")
        }
        if let path = privateJWKPath(json, path: "") {
            throw ResolutionError(
                .invalidDidDocument,
                "the did:web document publishes a private key: \(path) has the JWK member 'd'"
            )
        }
        let document: DIDDocument
        do {
            document = try DIDDocument(json: json)
        } catch {
            throw ResolutionError(.invalidDidDocument, error.reason)
        }
        guard document.id == did else {
            throw ResolutionError(
                .invalidDidDocument,
                "the document's id '\(document.id)' is not the DID being resolved '\(did)' (did:web spec §3.2 step 7)"
            )
        }
        try checkAbsolute(document)
        return document
    }

    /// Every DID URL in a did:web document must be absolute (did:web spec §"DID Document Handling").
    static func checkAbsolute(_ document: DIDDocument) throws(ResolutionError) {
        func check(_ value: String, _ path: String) throws(ResolutionError) {
            guard URIReference.isValidURI(value) else {
                throw ResolutionError(
                    .invalidDidDocument,
                    "\(path) '\(value)' is relative; did:web documents must use absolute DID URLs"
                )
            }
        }
        for (index, method) in document.verificationMethod.enumerated() {
            try check(method.id, "verificationMethod[\(index)].id")
        }
        for relationship in VerificationRelationship.allCases {
            for (index, entry) in document[relationship].enumerated() {
                try check(entry.id, "\(relationship.rawValue)[\(index)]")
            }
        }
        for (index, service) in document.service.enumerated() {
            try check(service.id, "service[\(index)].id")
        }
    }

    /// The JSON path of the first object that looks like a JWK (has `kty`) and carries `d`, or `nil`.
    static func privateJWKPath(_ value: JSONValue, path: String) -> String? {
        switch value {
        case .object(let object):
            if object["kty"] != nil && object["d"] != nil { return path.isEmpty ? "(root)" : path }
            for member in object {
                let childPath = path.isEmpty ? member.key : path + "." + member.key
                if let found = privateJWKPath(member.value, path: childPath) { return found }
            }
            return nil
        case .array(let items):
            for (index, item) in items.enumerated() {
                if let found = privateJWKPath(item, path: "\(path)[\(index)]") { return found }
            }
            return nil
        default:
            return nil
        }
    }
}
