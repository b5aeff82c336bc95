// swift-did: decentralized identity for Swift. Apache-2.0.

/// The media types of DID documents and of resolution results (DID Core 1.0 §6; DID Resolution).
public enum DIDMediaType {
    /// `application/did+json`: a DID document in JSON (DID Core 1.0 §6.2).
    public static let didJSON = "application/did+json"
    /// `application/did+ld+json`: a DID document in JSON-LD; `@context` is required (DID Core 1.0 §6.3).
    public static let didLDJSON = "application/did+ld+json"
    /// `application/did`: a DID document (DID 1.1).
    public static let did = "application/did"
    /// `application/json`: tolerated for a DID document.
    public static let json = "application/json"
    /// `application/ld+json`: tolerated for a DID document with `@context`.
    public static let ldJSON = "application/ld+json"
    /// `application/did-resolution`: a whole resolution result (DID Resolution).
    public static let didResolution = "application/did-resolution"
    /// `application/did-url-dereferencing`: a whole dereferencing result (DID Resolution).
    public static let didURLDereferencing = "application/did-url-dereferencing"
    /// `text/uri-list`: service endpoint URLs from a dereference (RFC 2483).
    public static let uriList = "text/uri-list"

    /// The media types a DID document can be written as, in order of preference.
    public static let documentTypes = [didJSON, didLDJSON, did, json, ldJSON]
}

/// The output of `resolve` (DID Core 1.0 §7.1): the document (or `nil` on error or deactivation) and the two
/// metadata structures.
///
/// Written as `{"didDocument": …|null, "didResolutionMetadata": {…}, "didDocumentMetadata": {…}}`
/// (`application/did-resolution`, DID Resolution §"DID Resolution Result").
public struct ResolutionResult: Sendable, Hashable {
    /// The DID document, or `nil` when resolution failed (or the DID is deactivated and the method returns no
    /// document).
    public var didDocument: DIDDocument?
    /// About the resolution: `error`, and `contentType` for representations.
    public var didResolutionMetadata: DIDResolutionMetadata
    /// About the document: `created`, `updated`, `deactivated`, …; empty on error.
    public var didDocumentMetadata: DIDDocumentMetadata

    /// Creates a result.
    /// - Parameters:
    ///   - didDocument: The document.
    ///   - didResolutionMetadata: Resolution metadata; a library `resolve` leaves `contentType` out.
    ///   - didDocumentMetadata: Document metadata.
    public init(
        didDocument: DIDDocument?,
        didResolutionMetadata: DIDResolutionMetadata = DIDResolutionMetadata(),
        didDocumentMetadata: DIDDocumentMetadata = DIDDocumentMetadata()
    ) {
        self.didDocument = didDocument
        self.didResolutionMetadata = didResolutionMetadata
        self.didDocumentMetadata = didDocumentMetadata
    }

    /// Creates the result of a failed resolution: no document, metadata with the error, empty document
    /// metadata (DID Core 1.0 §7.1.2).
    /// - Parameter error: The error.
    public init(error: ResolutionError) {
        self.init(didDocument: nil, didResolutionMetadata: DIDResolutionMetadata(error: error))
    }

    /// The error, when resolution failed.
    public var error: ResolutionError? { didResolutionMetadata.error }

    /// The HTTP status of the DID Resolution HTTP(S) binding: the error's status, 410 when the document
    /// metadata says `deactivated: true`, else 200.
    public var httpStatus: Int {
        if let error { return error.code.httpStatus }
        return didDocumentMetadata.isDeactivated ? 410 : 200
    }

    /// The result as JSON: `didDocument` (or `null`), `didResolutionMetadata`, `didDocumentMetadata`.
    /// - Parameter errorStyle: How to write `didResolutionMetadata.error`.
    /// - Returns: The result object.
    public func json(errorStyle: ResolutionError.Style = .problemDetails) -> JSONValue {
        .object(
            DocumentSupport.object([
                .init(key: "didDocument", value: didDocument?.json ?? .null),
                .init(key: "didResolutionMetadata", value: .object(didResolutionMetadata.json(errorStyle: errorStyle))),
                .init(key: "didDocumentMetadata", value: .object(didDocumentMetadata.json)),
            ])
        )
    }

    /// The result as JSON (errors as RFC 9457 problem objects).
    public var json: JSONValue { json(errorStyle: .problemDetails) }

    /// The result as bytes (`application/did-resolution`).
    /// - Parameters:
    ///   - style: The JSON writing style.
    ///   - errorStyle: How to write `didResolutionMetadata.error`.
    /// - Returns: The UTF-8 JSON bytes.
    /// - Throws: ``DIDError`` with code ``DIDError/Code/unrepresentableJSON`` when an unknown member holds a
    ///   non-finite number.
    public func serialized(
        _ style: JSONValue.WritingStyle = .compact,
        errorStyle: ResolutionError.Style = .problemDetails
    ) throws(DIDError) -> [UInt8] {
        try json(errorStyle: errorStyle).serialized(style)
    }

    /// Reads a resolution result, for example a remote resolver's answer. Errors may use any spelling; an
    /// `@context` member (older resolvers) is ignored; missing metadata reads as empty.
    /// - Parameter json: The result object.
    /// - Throws: ``DIDError`` with code ``DIDError/Code/invalidDocument`` when a member is malformed, including
    ///   an invalid DID document.
    public init(json: JSONValue) throws(DIDError) {
        guard case .object(let object) = json else {
            throw DIDError(.invalidDocument, "a DID resolution result must be a JSON object")
        }
        var document: DIDDocument?
        if let value = object["didDocument"], !value.isNull { document = try DIDDocument(json: value) }
        var resolutionMetadata = DIDResolutionMetadata()
        if let value = object["didResolutionMetadata"] {
            resolutionMetadata = try DIDResolutionMetadata(
                json: DocumentSupport.object(value, "didResolutionMetadata")
            )
        }
        var documentMetadata = DIDDocumentMetadata()
        if let value = object["didDocumentMetadata"], !value.isNull {
            documentMetadata = try DIDDocumentMetadata(json: DocumentSupport.object(value, "didDocumentMetadata"))
        }
        self.init(
            didDocument: document,
            didResolutionMetadata: resolutionMetadata,
            didDocumentMetadata: documentMetadata
        )
    }

    /// The `resolveRepresentation` form of this result: the document written in a media type.
    ///
    /// `application/did+json`, `application/did`, `application/json` write the document as it is;
    /// `application/did+ld+json` and `application/ld+json` need an `@context`. An error result gives an error
    /// representation (empty stream).
    /// - Parameter mediaType: The media type; ``DIDMediaType/didJSON`` by default.
    /// - Returns: The representation, with `contentType` set.
    /// - Throws: ``ResolutionError`` with code ``ResolutionError/Code/representationNotSupported`` for another
    ///   media type or a JSON-LD request on a document without `@context`.
    public func representation(
        mediaType: String = DIDMediaType.didJSON
    ) throws(ResolutionError) -> RepresentationResult {
        if let error { return RepresentationResult(error: error) }
        guard DIDMediaType.documentTypes.contains(mediaType) else {
            throw ResolutionError(.representationNotSupported, "cannot write a DID document as '\(mediaType)'")
        }
        var bytes: [UInt8] = []
        if let didDocument {
            if (mediaType == DIDMediaType.didLDJSON || mediaType == DIDMediaType.ldJSON) && didDocument.context == nil {
                throw ResolutionError(
                    .representationNotSupported,
                    "the document has no @context, so it cannot be written as '\(mediaType)'"
                )
            }
            do {
                bytes = try didDocument.json.serialized(.compact)
            } catch {
                throw ResolutionError(.internalError, error.description)
            }
        }
        var metadata = didResolutionMetadata
        metadata.contentType = mediaType
        return RepresentationResult(
            didResolutionMetadata: metadata,
            didDocumentStream: bytes,
            didDocumentMetadata: didDocumentMetadata
        )
    }
}

/// The output of `resolveRepresentation` (DID Core 1.0 §7.1): the document's bytes in a media type, with
/// `didResolutionMetadata.contentType` saying which.
public struct RepresentationResult: Sendable, Hashable {
    /// About the resolution; `contentType` is set on success.
    public var didResolutionMetadata: DIDResolutionMetadata
    /// The document's bytes; empty on error.
    public var didDocumentStream: [UInt8]
    /// About the document; empty on error.
    public var didDocumentMetadata: DIDDocumentMetadata

    /// Creates a representation.
    /// - Parameters:
    ///   - didResolutionMetadata: Resolution metadata, with `contentType` on success.
    ///   - didDocumentStream: The bytes.
    ///   - didDocumentMetadata: Document metadata.
    public init(
        didResolutionMetadata: DIDResolutionMetadata,
        didDocumentStream: [UInt8],
        didDocumentMetadata: DIDDocumentMetadata = DIDDocumentMetadata()
    ) {
        self.didResolutionMetadata = didResolutionMetadata
        self.didDocumentStream = didDocumentStream
        self.didDocumentMetadata = didDocumentMetadata
    }

    /// Creates the representation of a failed resolution: empty stream, the error, empty document metadata.
    /// - Parameter error: The error.
    public init(error: ResolutionError) {
        self.init(didResolutionMetadata: DIDResolutionMetadata(error: error), didDocumentStream: [])
    }

    /// The media type of ``didDocumentStream``.
    public var contentType: String? { didResolutionMetadata.contentType }

    /// The error, when resolution failed.
    public var error: ResolutionError? { didResolutionMetadata.error }
}
