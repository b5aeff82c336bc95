// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
public import DIDMethodWeb

/// The HTTPS fetcher for did:web: libcurl's multi interface driven by one background thread, with an async API,
/// connection reuse and cancellation (`Specs/resolver.md` §2).
///
/// Policy, all on by default:
/// - HTTPS only (also for redirects), TLS 1.2 or later with peer and host name verification against the system CA
///   store or ``Configuration/caFile``.
/// - No IP-literal hosts. The host name is resolved once (`getaddrinfo`); every address is checked against
///   ``NetworkAddress/restriction`` (loopback, private, link-local, multicast, unspecified, cloud metadata,
///   reserved) unless ``Configuration/allowPrivateNetwork`` is set; libcurl is then pinned to exactly those
///   addresses (`CURLOPT_RESOLVE`), so there is no second lookup and no DNS rebinding, and the address actually
///   connected to is checked again after the transfer.
/// - Redirects refused (``RedirectPolicy/refuse``) unless same-origin HTTPS redirects are allowed (at most 3).
/// - Connect timeout 3 s, total timeout 10 s, body cap 1 MiB.
/// - No cookies, no credentials (no `.netrc`), no `Referer`; `User-Agent` names the project.
public final class HTTPSFetcher: DIDWebFetcher {
    /// What to do with 3xx answers.
    public enum RedirectPolicy: Sendable, Hashable {
        /// Any redirect fails with `DIDWebFetchError.Code.redirectRefused`.
        case refuse
        /// Follow redirects to the same scheme, host and port, at most `maximum` times.
        case sameOrigin(maximum: Int)
    }

    /// Fetcher settings.
    public struct Configuration: Sendable, Hashable {
        /// A PEM file of trusted CA certificates instead of the system store (tests, private PKI).
        public var caFile: String?
        /// Allow hosts that resolve to loopback, private, link-local and other restricted addresses
        /// (local development and tests only).
        public var allowPrivateNetwork: Bool
        /// The redirect policy.
        public var redirectPolicy: RedirectPolicy
        /// The connect timeout.
        public var connectTimeout: Duration
        /// The total time allowed per request (including redirects followed).
        public var totalTimeout: Duration
        /// The largest body accepted, in bytes.
        public var maximumBodySize: Int
        /// The `User-Agent` header.
        public var userAgent: String

        /// The project's `User-Agent`.
        public static let defaultUserAgent = "swift-did/0.1 (did:web resolver; +https://github.com/swift-did)"

        /// Creates a configuration; the defaults are those of `Specs/resolver.md` §2.4.
        /// - Parameters:
        ///   - caFile: A PEM CA bundle, or `nil` for the system store.
        ///   - allowPrivateNetwork: Whether restricted addresses are allowed.
        ///   - redirectPolicy: The redirect policy.
        ///   - connectTimeout: Connect timeout, default 3 s.
        ///   - totalTimeout: Total timeout, default 10 s.
        ///   - maximumBodySize: Body cap, default 1 MiB.
        ///   - userAgent: The `User-Agent`.
        public init(
            caFile: String? = nil,
            allowPrivateNetwork: Bool = false,
            redirectPolicy: RedirectPolicy = .refuse,
            connectTimeout: Duration = .seconds(3),
            totalTimeout: Duration = .seconds(10),
            maximumBodySize: Int = 1 << 20,
            userAgent: String = Configuration.defaultUserAgent
        ) {
            self.caFile = caFile
            self.allowPrivateNetwork = allowPrivateNetwork
            self.redirectPolicy = redirectPolicy
            self.connectTimeout = connectTimeout
            self.totalTimeout = totalTimeout
            self.maximumBodySize = maximumBodySize
            self.userAgent = userAgent
        }
    }

    /// Counters, for tests and tracing.
    public struct Statistics: Sendable, Hashable {
        /// Transfers started.
        public var transfers: Int
        /// New TCP connections opened (a reused connection adds none).
        public var connectionsOpened: Int
    }

    /// The settings.
    public let configuration: Configuration
    let engine: CurlEngine

    /// Creates a fetcher and starts its background thread.
    /// - Parameter configuration: The settings.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        self.engine = CurlEngine()
    }

    deinit {
        engine.shutdown()
    }

    /// The counters so far.
    public var statistics: Statistics { engine.statistics }

    /// Fetches a did:web document location with the policy above.
    /// - Parameter request: The request.
    /// - Returns: The final response (a 3xx only when it could not be followed is never returned: it throws).
    /// - Throws: `DIDWebFetchError`.
    public func fetch(_ request: DIDWebRequest) async throws(DIDWebFetchError) -> DIDWebResponse {
        let location = request.location
        return try await get(
            host: location.host,
            port: location.port ?? 443,
            path: location.path,
            headers: request.headers
        )
    }

    /// GETs `https://host:port/path` with the policy above.
    /// - Parameters:
    ///   - host: A host name (IP literals are refused).
    ///   - port: The port.
    ///   - path: The absolute path (and query), already percent-encoded.
    ///   - headers: Extra request headers.
    /// - Returns: The response.
    /// - Throws: `DIDWebFetchError`.
    public func get(
        host: String,
        port: Int = 443,
        path: String,
        headers: [DIDWebHeader] = []
    ) async throws(DIDWebFetchError) -> DIDWebResponse {
        if NetworkAddress(host) != nil || host.hasPrefix("[") {
            throw DIDWebFetchError(.invalidURL, "'\(host)' is an IP address; did:web forbids IP addresses")
        }
        guard !host.isEmpty, host.utf8.allSatisfy({ Self.isHostByte($0) }) else {
            throw DIDWebFetchError(.invalidURL, "'\(host)' is not a host name")
        }
        guard path.hasPrefix("/"), path.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw DIDWebFetchError(.invalidURL, "'\(path)' is not an encoded absolute path")
        }
        let addresses = try await CurlEngine.lookUp(host: host, port: port)
        if !configuration.allowPrivateNetwork {
            for address in addresses {
                if let restriction = address.restriction {
                    throw DIDWebFetchError(
                        .refusedAddress,
                        "\(host) resolves to \(address), a \(restriction.rawValue) address: refused as an SSRF risk "
                            + "(allow private networks only for local development)"
                    )
                }
            }
        }
        let deadline = ContinuousClock.now + configuration.totalTimeout
        var currentPath = path
        var redirects = 0
        while true {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else {
                throw DIDWebFetchError(.timeout, "the total timeout of \(configuration.totalTimeout) passed")
            }
            let response = try await engine.perform(
                CurlEngine.Request(
                    url: "https://\(host):\(port)\(currentPath)",
                    host: host,
                    port: port,
                    addresses: addresses,
                    headers: headers,
                    configuration: configuration,
                    timeout: remaining
                )
            )
            guard [301, 302, 303, 307, 308].contains(response.status) else { return response }
            let target = response.header("Location") ?? ""
            guard case .sameOrigin(let maximum) = configuration.redirectPolicy else {
                throw DIDWebFetchError(
                    .redirectRefused,
                    "https://\(host):\(port)\(currentPath) redirected (HTTP \(response.status)) to '\(target)'; "
                        + "redirects are refused"
                )
            }
            redirects += 1
            guard redirects <= maximum else {
                throw DIDWebFetchError(.redirectRefused, "more than \(maximum) redirects")
            }
            let origin = "https://\(host):\(port)"
            let resolved: String
            do {
                resolved = try URIReference.resolve(target, against: origin + currentPath)
            } catch {
                throw DIDWebFetchError(.redirectRefused, "the redirect target '\(target)' is not a URI reference")
            }
            let sameOrigins = [origin + "/"] + (port == 443 ? ["https://\(host)/"] : [])
            guard let prefix = sameOrigins.first(where: { resolved.lowercased().hasPrefix($0.lowercased()) }) else {
                throw DIDWebFetchError(
                    .redirectRefused,
                    "the redirect to '\(resolved)' leaves \(origin); only same-origin redirects are allowed"
                )
            }
            currentPath = "/" + resolved.dropFirst(prefix.count)
            if let hash = currentPath.firstIndex(of: "#") { currentPath = String(currentPath[..<hash]) }
        }
    }

    private static func isHostByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == 0x2D || byte == 0x2E
    }
}
