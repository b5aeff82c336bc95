// swift-did: decentralized identity for Swift. Apache-2.0.

public import DIDCore

/// Fetches did:web documents over HTTPS. DIDMethodWeb links no HTTP library: `DIDResolution` provides the
/// libcurl implementation, tests may provide their own.
///
/// Implementations must follow `Specs/resolver.md` §2: HTTPS only, verified TLS, no IP-literal hosts, the SSRF
/// guard on the resolved address, redirects refused by default, timeouts and a body cap, no cookies, credentials
/// or Referer.
public protocol DIDWebFetcher: Sendable {
    /// Performs one GET request.
    /// - Parameter request: The request.
    /// - Returns: The response, whatever its status.
    /// - Throws: ``DIDWebFetchError`` when no HTTP response was received or the response was refused.
    func fetch(_ request: DIDWebRequest) async throws(DIDWebFetchError) -> DIDWebResponse
}

/// One HTTP header field.
public struct DIDWebHeader: Sendable, Hashable {
    /// The field name, as sent or received.
    public var name: String
    /// The field value.
    public var value: String

    /// Creates a header field.
    /// - Parameters:
    ///   - name: The field name.
    ///   - value: The field value.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A GET request for a did:web document.
public struct DIDWebRequest: Sendable, Hashable {
    /// Where the document lives.
    public var location: DIDWebURL
    /// Extra request headers (such as `If-None-Match` for revalidation). The fetcher adds its own `Accept` and
    /// `User-Agent`.
    public var headers: [DIDWebHeader]

    /// Creates a request.
    /// - Parameters:
    ///   - location: Where the document lives.
    ///   - headers: Extra request headers.
    public init(location: DIDWebURL, headers: [DIDWebHeader] = []) {
        self.location = location
        self.headers = headers
    }
}

/// An HTTP response.
public struct DIDWebResponse: Sendable, Hashable {
    /// The HTTP status code.
    public var status: Int
    /// The response header fields, in order.
    public var headers: [DIDWebHeader]
    /// The response body.
    public var body: [UInt8]

    /// Creates a response.
    /// - Parameters:
    ///   - status: The HTTP status code.
    ///   - headers: The response header fields.
    ///   - body: The body bytes.
    public init(status: Int, headers: [DIDWebHeader] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of a header field, compared case-insensitively (RFC 9110 §5.1).
    /// - Parameter name: The field name.
    /// - Returns: The value, or `nil`.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }
}

/// Why a did:web fetch produced no usable HTTP response.
public struct DIDWebFetchError: CategorizedError {
    /// The kind of failure: an open set (match with a `default:` case).
    public struct Code: CategorizedErrorCode {
        private enum Backing: String {
            case invalidURL, refusedAddress, dnsFailure, connectionFailed, tlsFailure, timeout, bodyTooLarge
            case redirectRefused, overloaded, cancelled, transportFailure
        }

        private let backing: Backing
        private init(_ backing: Backing) { self.backing = backing }

        /// The URL cannot be fetched (not HTTPS, IP-literal host, malformed).
        public static let invalidURL = Code(.invalidURL)
        /// The host resolved to an address the SSRF guard refuses (loopback, private, link-local, multicast,
        /// unspecified, cloud metadata).
        public static let refusedAddress = Code(.refusedAddress)
        /// The host name did not resolve.
        public static let dnsFailure = Code(.dnsFailure)
        /// The TCP connection failed.
        public static let connectionFailed = Code(.connectionFailed)
        /// TLS failed (handshake, certificate verification).
        public static let tlsFailure = Code(.tlsFailure)
        /// The connect or total timeout passed.
        public static let timeout = Code(.timeout)
        /// The body exceeded the size cap.
        public static let bodyTooLarge = Code(.bodyTooLarge)
        /// The server answered with a redirect and the redirect policy refused it.
        public static let redirectRefused = Code(.redirectRefused)
        /// No fetch was started: the capacity for fetches stayed used up (every slot of a bound stayed busy).
        public static let overloaded = Code(.overloaded)
        /// The request was cancelled.
        public static let cancelled = Code(.cancelled)
        /// Any other transport failure.
        public static let transportFailure = Code(.transportFailure)

        /// A URL that is not fetchable is malformed input; refusals of the address, a redirect or the size are refused
        /// by policy; the network's failures are network; a cancellation is an internal failure (nobody waits for
        /// the answer any more).
        public var category: ErrorCategory {
            switch backing {
            case .invalidURL: .malformedInput
            case .refusedAddress, .bodyTooLarge, .redirectRefused: .refusedByPolicy
            case .dnsFailure, .connectionFailed, .tlsFailure, .timeout, .transportFailure: .network
            case .overloaded: .overloaded
            case .cancelled: .internalFailure
            }
        }

        /// The code's name, such as `invalidURL`.
        public var description: String { backing.rawValue }
    }

    /// The kind of failure.
    public let code: Code
    /// A human explanation.
    public let reason: String
    /// Where in this package the error was created.
    public let location: ErrorLocation

    /// Creates an error.
    /// - Parameters:
    ///   - code: The kind of failure.
    ///   - reason: A sentence for people; must not contain secret material.
    ///   - file: The source file that creates the error (the caller's by default).
    ///   - line: The source line that creates the error (the caller's by default).
    public init(_ code: Code, _ reason: String, file: String = #fileID, line: UInt = #line) {
        self.code = code
        self.reason = reason
        self.location = ErrorLocation(fileID: file, line: line)
    }

    /// `code: reason`.
    public var description: String { "\(code): \(reason)" }
}

extension DIDWebFetchError.Code {
    /// The resolution-error cause of this failure: the network's or the origin's (DNS, connect, TLS, timeout,
    /// transport), a refusal of the address by policy, the fetch capacity used up, or `nil` for the other refusals
    /// (redirect, size, URL) and a cancellation.
    public var resolutionCause: ResolutionError.Cause? {
        switch self {
        case .refusedAddress: .refusedAddress
        case .overloaded: .overloaded
        default: category == .network ? .networkFailure : nil
        }
    }
}
