// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore

/// The HTTP status the service answers a failure with, decided once from its ``DIDCore/ErrorCategory``.
///
/// | category | status |
/// | --- | --- |
/// | malformed input | 400 Bad Request |
/// | rejected | 422 Unprocessable Content |
/// | not found | 404 Not Found |
/// | unsupported | 501 Not Implemented |
/// | refused by policy, permission denied | 403 Forbidden |
/// | conflict | 409 Conflict |
/// | network | 502 Bad Gateway (an origin failed) |
/// | overloaded | 503 Service Unavailable (with `Retry-After`) |
/// | I/O, internal failure | 500 Internal Server Error |
///
/// The one override: a ``DIDCore/ResolutionError`` keeps the status the DID Resolution HTTP(S) binding fixes for
/// its code (``DIDCore/ResolutionError/Code/httpStatus``: 400, 404, 406, 501, and 500 for any other error), unless
/// its cause says more than the code (network 502, refused address 403, overloaded 503) or its code is malformed
/// input the binding leaves at 500 (the did:key public-key codes: the client's DID is malformed, 400).
enum ResolverHTTPStatus {
    /// The status of a failure of `category` (the table above).
    /// - Parameter category: The kind of failure.
    /// - Returns: An HTTP status code (RFC 9110 §15).
    static func status(for category: ErrorCategory) -> Int {
        switch category {
        case .malformedInput: 400
        case .rejected: 422
        case .notFound: 404
        case .unsupported: 501
        case .refusedByPolicy, .permissionDenied: 403
        case .conflict: 409
        case .network: 502
        case .overloaded: 503
        case .io, .internalFailure: 500
        }
    }

    /// The status of a resolution or dereferencing error: the binding's for its code, or its category's where the
    /// cause or the category says more (see the type's documentation).
    /// - Parameter error: The error.
    /// - Returns: An HTTP status code.
    static func status(for error: ResolutionError) -> Int {
        if error.cause != nil || error.category == .malformedInput { return status(for: error.category) }
        return error.code.httpStatus
    }
}
