// swift-did: decentralized identity for Swift. Apache-2.0.

/// The output of `dereference` (DID Core 1.0 §7.2; DID Resolution §"DID URL Dereferencing"): the resource a DID
/// URL names, with metadata.
///
/// Written as `{"content": …, "dereferencingMetadata": {…}, "contentMetadata": {…}}`
/// (`application/did-url-dereferencing`). Reading also accepts the older member names `contentStream`,
/// `didUrlDereferencingMetadata` and `didDereferencingMetadata`.
public struct DereferencingResult: Sendable, Hashable {
    /// The resource.
    public enum Content: Sendable, Hashable {
        /// A DID document (no fragment, or a `service` selection that keeps the document form).
        case didDocument(DIDDocument)
        /// A verification method selected by a fragment.
        case verificationMethod(VerificationMethod)
        /// Service endpoint URLs (`text/uri-list`).
        case uriList([String])
        /// Any other JSON resource (a method- or extension-defined resource, or content read from JSON).
        case json(JSONValue)

        /// The content as JSON; a URI list is one string with the URLs separated by CRLF (RFC 2483).
        public var json: JSONValue {
            switch self {
            case .didDocument(let document): document.json
            case .verificationMethod(let method): method.json
            case .uriList(let uris): .string(uris.joined(separator: "\r\n"))
            case .json(let value): value
            }
        }
    }

    /// About the dereferencing: `contentType`, or `error`.
    public var dereferencingMetadata: DereferencingMetadata
    /// The resource, or `nil` on error.
    public var content: Content?
    /// About the content: the document metadata when the content is the DID document; empty on error.
    public var contentMetadata: DIDDocumentMetadata

    /// Creates a result.
    /// - Parameters:
    ///   - content: The resource.
    ///   - dereferencingMetadata: Metadata; usually with `contentType`.
    ///   - contentMetadata: Metadata about the content.
    public init(
        content: Content?,
        dereferencingMetadata: DereferencingMetadata = DereferencingMetadata(),
        contentMetadata: DIDDocumentMetadata = DIDDocumentMetadata()
    ) {
        self.content = content
        self.dereferencingMetadata = dereferencingMetadata
        self.contentMetadata = contentMetadata
    }

    /// Creates the result of a failed dereference: no content, the error, empty content metadata.
    /// - Parameter error: The error.
    public init(error: ResolutionError) {
        self.init(content: nil, dereferencingMetadata: DereferencingMetadata(error: error))
    }

    /// The error, when dereferencing failed.
    public var error: ResolutionError? { dereferencingMetadata.error }

    /// The HTTP status of the DID Resolution HTTP(S) binding: the error's status, 303 for a `text/uri-list`
    /// answer (the first URL goes in `Location`), 410 when the content metadata says `deactivated: true`,
    /// else 200.
    public var httpStatus: Int {
        if let error { return error.code.httpStatus }
        if case .uriList = content { return 303 }
        return contentMetadata.isDeactivated ? 410 : 200
    }

    /// The result as JSON: `content` (or `null`), `dereferencingMetadata`, `contentMetadata`.
    /// - Parameter errorStyle: How to write `dereferencingMetadata.error`.
    /// - Returns: The result object.
    public func json(errorStyle: ResolutionError.Style = .problemDetails) -> JSONValue {
        .object(
            DocumentSupport.object([
                .init(key: "content", value: content?.json ?? .null),
                .init(key: "dereferencingMetadata", value: .object(dereferencingMetadata.json(errorStyle: errorStyle))),
                .init(key: "contentMetadata", value: .object(contentMetadata.json)),
            ])
        )
    }

    /// Reads a dereferencing result, for example a remote resolver's answer. The content is kept as
    /// ``Content/json(_:)``; older member names are accepted.
    /// - Parameter json: The result object.
    /// - Throws: ``DIDError`` with code ``DIDError/Code/invalidDocument`` when a member is malformed.
    public init(json: JSONValue) throws(DIDError) {
        guard case .object(let object) = json else {
            throw DIDError(.invalidDocument, "a DID URL dereferencing result must be a JSON object")
        }
        let contentValue = object["content"] ?? object["contentStream"]
        let content: Content? = contentValue.flatMap { $0.isNull ? nil : .json($0) }
        var metadata = DereferencingMetadata()
        for name in ["dereferencingMetadata", "didUrlDereferencingMetadata", "didDereferencingMetadata"] {
            if let value = object[name] {
                metadata = try DereferencingMetadata(json: DocumentSupport.object(value, name))
                break
            }
        }
        var contentMetadata = DIDDocumentMetadata()
        if let value = object["contentMetadata"], !value.isNull {
            contentMetadata = try DIDDocumentMetadata(json: DocumentSupport.object(value, "contentMetadata"))
        }
        self.init(content: content, dereferencingMetadata: metadata, contentMetadata: contentMetadata)
    }
}
