// swift-did: decentralized identity for Swift. Apache-2.0.

/// Something that resolves DIDs to DID documents (DID Core 1.0 §7.1 `resolve`).
///
/// Conformers: one per DID method (``DIDMethodResolver``), and resolvers that combine methods, cache or call a
/// remote resolver. Library code that needs documents (credential verification, dereferencing) takes
/// `some DIDResolver`.
public protocol DIDResolver: Sendable {
    /// Resolves a DID.
    ///
    /// A deactivated DID is not an error: the result has `didDocumentMetadata.deactivated == true`. A library
    /// `resolve` leaves `didResolutionMetadata.contentType` out (DID Core 1.0 §7.1.2).
    /// - Parameters:
    ///   - did: The DID (already syntax-checked by its type).
    ///   - options: Resolution options.
    /// - Returns: The document and its metadata.
    /// - Throws: ``ResolutionError``: ``ResolutionError/Code/notFound``, ``ResolutionError/Code/methodNotSupported``,
    ///   ``ResolutionError/Code/invalidDid`` for a method-specific id the method rejects, and so on.
    func resolve(_ did: DID, options: ResolutionOptions) async throws(ResolutionError) -> ResolutionResult
}

/// The resolver of one DID method (did:key, did:web, …).
public protocol DIDMethodResolver: DIDResolver {
    /// The method this resolver handles, such as ``DID/Method/key`` (DID Core 1.0 §3.1 `method-name`).
    var method: DID.Method { get }
}

extension DIDResolver {
    /// Resolves a DID with no options.
    /// - Parameter did: The DID.
    /// - Returns: The document and its metadata.
    /// - Throws: ``ResolutionError``, as ``resolve(_:options:)``.
    public func resolve(_ did: DID) async throws(ResolutionError) -> ResolutionResult {
        try await resolve(did, options: ResolutionOptions())
    }

    /// Parses and resolves a DID given as text.
    /// - Parameters:
    ///   - text: The DID text.
    ///   - options: Resolution options.
    /// - Returns: The document and its metadata.
    /// - Throws: ``ResolutionError`` with code ``ResolutionError/Code/invalidDid`` (detail: what and where) when
    ///   the text is not a DID, else as ``resolve(_:options:)``.
    public func resolve(
        _ text: String,
        options: ResolutionOptions = ResolutionOptions()
    ) async throws(ResolutionError) -> ResolutionResult {
        let did: DID
        do {
            did = try DID(text)
        } catch {
            throw ResolutionError(error)
        }
        return try await resolve(did, options: options)
    }

    /// Resolves a DID given as text and returns errors as an error result instead of throwing: the
    /// `{didDocument: null, didResolutionMetadata: {error}, didDocumentMetadata: {}}` form of DID Core 1.0 §7.1.
    /// - Parameters:
    ///   - text: The DID text.
    ///   - options: Resolution options.
    /// - Returns: The result, successful or not.
    public func resolveResult(
        _ text: String,
        options: ResolutionOptions = ResolutionOptions()
    ) async -> ResolutionResult {
        do {
            return try await resolve(text, options: options)
        } catch {
            return ResolutionResult(error: error)
        }
    }

    /// Resolves a DID to a representation (DID Core 1.0 §7.1 `resolveRepresentation`) in the media type of
    /// `options.accept` (``DIDMediaType/didJSON`` when absent or `*/*`). `accept` is one media type here; full
    /// `Accept` header negotiation (lists, q-values) belongs to the HTTP service.
    /// - Parameters:
    ///   - did: The DID.
    ///   - options: Resolution options; `accept` picks the media type.
    /// - Returns: The bytes with `contentType` set.
    /// - Throws: ``ResolutionError``, as ``resolve(_:options:)``, or
    ///   ``ResolutionError/Code/representationNotSupported``.
    public func resolveRepresentation(
        _ did: DID,
        options: ResolutionOptions = ResolutionOptions()
    ) async throws(ResolutionError) -> RepresentationResult {
        var resolveOptions = options
        resolveOptions.accept = nil
        let result = try await resolve(did, options: resolveOptions)
        let mediaType = options.accept.flatMap { $0 == "*/*" ? nil : $0 } ?? DIDMediaType.didJSON
        return try result.representation(mediaType: mediaType)
    }
}
