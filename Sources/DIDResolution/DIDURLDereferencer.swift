// swift-did: decentralized identity for Swift. Apache-2.0.

public import DIDCore
import Foundation

/// Options of DID URL dereferencing (DID Core 1.0 §7.2; DID Resolution §"DID URL Dereferencing").
public struct DereferencingOptions: Sendable, Hashable {
    /// The media type wanted: a DID document type (default) or `text/uri-list` for service endpoints.
    public var accept: String?
    /// When set, a fragment must name a verification method associated with this relationship
    /// (DID Resolution §"Dereferencing the Fragment").
    public var verificationRelationship: VerificationRelationship?
    /// Options passed to the resolution of the DID (the DID URL's DID parameters are added to them).
    public var resolutionOptions: ResolutionOptions

    /// Creates options.
    /// - Parameters:
    ///   - accept: The media type wanted.
    ///   - verificationRelationship: The relationship a fragment's verification method must have.
    ///   - resolutionOptions: Options for resolving the DID.
    public init(
        accept: String? = nil,
        verificationRelationship: VerificationRelationship? = nil,
        resolutionOptions: ResolutionOptions = ResolutionOptions()
    ) {
        self.accept = accept
        self.verificationRelationship = verificationRelationship
        self.resolutionOptions = resolutionOptions
    }
}

/// DID URL dereferencing on top of any `DIDResolver` (DID Core 1.0 §7.2, DID Resolution §"Dereferencing the
/// Resource" and §"Dereferencing the Fragment").
///
/// - No path and no query: the DID document; with a fragment, the node with that id: a verification method
///   (checked against ``DereferencingOptions/verificationRelationship`` when given), a service, or any map whose
///   `id` is the absolute or relative fragment id.
/// - `service` and/or `serviceType` (optionally `relativeRef`): the selected services' endpoints, each with
///   `relativeRef` resolved by RFC 3986 §5 and the fragment appended; `accept: text/uri-list` gives the URLs,
///   a DID document type (or none) the document with `service` reduced to the selection. A `relativeRef` with a
///   dot-dot segment (also percent-encoded) or one that leaves the endpoint's origin is `INVALID_DID_URL`.
/// - Any other path or query: `NOT_FOUND` (no method-defined dereferencing is built in).
public struct DIDURLDereferencer: Sendable {
    /// The resolver used for the DID.
    public let resolver: any DIDResolver

    /// Creates a dereferencer.
    /// - Parameter resolver: The resolver used for the DID part.
    public init(resolver: any DIDResolver) {
        self.resolver = resolver
    }

    /// Dereferences a DID URL given as text; never throws: errors are in the result's metadata.
    /// - Parameters:
    ///   - text: The DID URL.
    ///   - options: Dereferencing options.
    /// - Returns: The dereferencing result.
    public func dereference(
        _ text: String,
        options: DereferencingOptions = DereferencingOptions()
    ) async
        -> DereferencingResult
    {
        let url: DIDURL
        do {
            url = try DIDURL(text)
        } catch {
            return DereferencingResult(error: ResolutionError(.invalidDidUrl, error.reason))
        }
        return await dereference(url, options: options)
    }

    /// Dereferences a DID URL; never throws: errors are in the result's metadata.
    /// - Parameters:
    ///   - url: The DID URL.
    ///   - options: Dereferencing options.
    /// - Returns: The dereferencing result.
    public func dereference(
        _ url: DIDURL,
        options: DereferencingOptions = DereferencingOptions()
    ) async
        -> DereferencingResult
    {
        do {
            return try await dereferenceThrowing(url, options: options)
        } catch {
            return DereferencingResult(error: error)
        }
    }

    private func dereferenceThrowing(
        _ url: DIDURL,
        options: DereferencingOptions
    ) async throws(ResolutionError) -> DereferencingResult {
        do {
            try url.validateDIDParameters()
        } catch {
            throw ResolutionError(.invalidDidUrl, error.reason)
        }
        if !url.duplicateParameterNames.isEmpty {
            throw ResolutionError(
                .invalidDidUrl,
                "repeated query parameters: \(url.duplicateParameterNames.joined(separator: ", "))"
            )
        }
        var resolutionOptions = options.resolutionOptions
        if let versionId = url.versionId { resolutionOptions.versionId = versionId }
        if let versionTime = url.versionTime { resolutionOptions.versionTime = versionTime }
        resolutionOptions.accept = nil
        let resolution = try await resolver.resolve(url.did, options: resolutionOptions)
        if let error = resolution.error { throw error }
        guard let resolved = resolution.didDocument else {
            throw ResolutionError(.notFound, "the DID resolved to no document")
        }
        let document = resolved.expandingRelativeURLs
        let documentType = resolution.didResolutionMetadata.contentType ?? DIDMediaType.didJSON
        var metadata = DereferencingMetadata(contentType: documentType)

        let serviceID = url.service
        let serviceType = url.parameter("serviceType")
        if serviceID != nil || serviceType != nil {
            return try dereferenceService(
                url,
                document: document,
                id: serviceID,
                type: serviceType,
                options: options,
                documentType: documentType,
                documentMetadata: resolution.didDocumentMetadata
            )
        }
        let otherParameters = url.queryParameters.filter {
            !["versionId", "versionTime", "hl"].contains($0.name)
        }
        guard url.path.isEmpty, otherParameters.isEmpty else {
            throw ResolutionError(.notFound, "no resource at '\(url)': paths and other queries are not supported")
        }
        if let accept = options.accept, !DIDMediaType.documentTypes.contains(accept), accept != "*/*" {
            throw ResolutionError(.representationNotSupported, "cannot return a DID document as '\(accept)'")
        }
        guard let fragment = url.fragment else {
            return DereferencingResult(
                content: .didDocument(resolved),
                dereferencingMetadata: metadata,
                contentMetadata: resolution.didDocumentMetadata
            )
        }
        let absolute = url.did.description + "#" + fragment
        if let relationship = options.verificationRelationship {
            guard let method = document.verificationMethod(withID: absolute) else {
                if Self.node(in: document.json, id: absolute, relative: "#" + fragment) != nil {
                    throw ResolutionError(
                        .invalidVerificationMethod,
                        "'\(absolute)' is not a verification method"
                    )
                }
                throw ResolutionError(.notFound, "the document has no verification method '\(absolute)'")
            }
            guard document.isAuthorized(absolute, for: relationship) else {
                throw ResolutionError(
                    .invalidRelationshipForVerificationMethod,
                    "'\(absolute)' is not associated with \(relationship.rawValue)"
                )
            }
            return DereferencingResult(content: .verificationMethod(method), dereferencingMetadata: metadata)
        }
        if let method = document.verificationMethod(withID: absolute) {
            return DereferencingResult(content: .verificationMethod(method), dereferencingMetadata: metadata)
        }
        if let node = Self.node(in: document.json, id: absolute, relative: "#" + fragment) {
            metadata.contentType = documentType
            return DereferencingResult(content: .json(node), dereferencingMetadata: metadata)
        }
        throw ResolutionError(.notFound, "the document has no node with id '\(absolute)'")
    }

    private func dereferenceService(
        _ url: DIDURL,
        document: DIDDocument,
        id: String?,
        type: String?,
        options: DereferencingOptions,
        documentType: String,
        documentMetadata: DIDDocumentMetadata
    ) throws(ResolutionError) -> DereferencingResult {
        let did = url.did.description
        // A dot segment in relativeRef is refused whatever the representation asked for.
        let relativeRef = url.relativeRef
        if let relativeRef { try Self.checkRelativeRef(relativeRef) }
        let selected = document.service.filter { service in
            if let id {
                let wanted = id.hasPrefix("did:") ? id : did + (id.hasPrefix("#") ? id : "#" + id)
                guard service.id == wanted || service.id == id else { return false }
            }
            if let type, !service.types.contains(type) { return false }
            return true
        }
        guard !selected.isEmpty else {
            throw ResolutionError(.notFound, "no service matches '\(url)'")
        }
        let accept = options.accept
        if accept == nil || DIDMediaType.documentTypes.contains(accept!) {
            var reduced = document
            reduced.service = selected
            return DereferencingResult(
                content: .didDocument(reduced),
                dereferencingMetadata: DereferencingMetadata(contentType: documentType),
                contentMetadata: documentMetadata
            )
        }
        guard accept == DIDMediaType.uriList else {
            throw ResolutionError(.representationNotSupported, "cannot return service endpoints as '\(accept!)'")
        }
        var urls: [String] = []
        for service in selected {
            for endpoint in service.endpointURIs {
                var target = endpoint
                if let relativeRef {
                    do {
                        target = try URIReference.resolve(relativeRef, against: endpoint)
                    } catch {
                        throw ResolutionError(.invalidDidUrl, "relativeRef '\(relativeRef)': \(error.reason)")
                    }
                    guard Self.origin(of: target) == Self.origin(of: endpoint) else {
                        throw ResolutionError(
                            .invalidDidUrl,
                            "relativeRef '\(relativeRef)' leaves the service endpoint's origin"
                        )
                    }
                }
                if let fragment = url.fragment {
                    guard !target.contains("#") else {
                        throw ResolutionError(
                            .invalidDidUrl,
                            "the endpoint '\(target)' already has a fragment; cannot add '#\(fragment)'"
                        )
                    }
                    target += "#" + fragment
                }
                urls.append(target)
            }
        }
        guard !urls.isEmpty else {
            throw ResolutionError(.notFound, "the selected services have no URL endpoints")
        }
        return DereferencingResult(
            content: .uriList(urls),
            dereferencingMetadata: DereferencingMetadata(contentType: DIDMediaType.uriList)
        )
    }

    /// Refuses dot-dot segments in a `relativeRef`, also when percent-encoded (once or twice).
    static func checkRelativeRef(_ reference: String) throws(ResolutionError) {
        var text = reference
        for _ in 0..<3 {
            let decoded = text.replacingPercentEncodedDots()
            if decoded == text { break }
            text = decoded
        }
        let path = text.split(whereSeparator: { $0 == "?" || $0 == "#" }).first.map(String.init) ?? ""
        let segments = path.replacingOccurrences(of: "\\", with: "/").split(
            separator: "/",
            omittingEmptySubsequences: false
        )
        if segments.contains(where: { $0 == ".." || $0 == "." }) {
            throw ResolutionError(.invalidDidUrl, "relativeRef '\(reference)' contains a dot segment")
        }
    }

    /// `scheme://authority` of an absolute URI, lower-cased, or `nil`.
    static func origin(of uri: String) -> String? {
        guard let schemeEnd = uri.range(of: "://") else { return nil }
        let rest = uri[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        return String(uri[..<authorityEnd]).lowercased()
    }

    /// The first map (depth-first, document order) whose `id` is `id` or `relative` (CID 1.0 §"Fragment
    /// Resolution").
    static func node(in value: JSONValue, id: String, relative: String, depth: Int = 0) -> JSONValue? {
        guard depth < 64 else { return nil }
        switch value {
        case .object(let object):
            if depth > 0, let nodeID = object["id"]?.stringValue, nodeID == id || nodeID == relative { return value }
            for member in object {
                if let found = node(in: member.value, id: id, relative: relative, depth: depth + 1) { return found }
            }
        case .array(let items):
            for item in items {
                if let found = node(in: item, id: id, relative: relative, depth: depth + 1) { return found }
            }
        default:
            break
        }
        return nil
    }
}

extension String {
    /// Decodes `%2E` (dot), `%2F` (slash), `%5C` (backslash, read as a slash) and `%25` (so double encoding is
    /// seen), any case; leaves other escapes.
    fileprivate func replacingPercentEncodedDots() -> String {
        var out = ""
        var index = startIndex
        while index < endIndex {
            if self[index] == "%", let end = self.index(index, offsetBy: 3, limitedBy: endIndex) {
                let code = self[self.index(after: index)..<end].uppercased()
                if let decoded = ["2E": ".", "2F": "/", "5C": "/"][code] {
                    out.append(decoded)
                    index = end
                    continue
                }
                if code == "25" {
                    out.append("%")
                    index = end
                    continue
                }
            }
            out.append(self[index])
            index = self.index(after: index)
        }
        return out
    }
}
