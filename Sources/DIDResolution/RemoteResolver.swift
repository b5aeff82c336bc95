// swift-did: decentralized identity for Swift. Apache-2.0.

public import DIDCore
import DIDMethodWeb

/// A client of a remote Universal-Resolver-compatible endpoint (DID Resolution §"HTTP(S) Binding"), for methods
/// that are not built in: `GET {base}/1.0/identifiers/{url-encoded DID}` with `Accept: application/did-resolution`,
/// through ``HTTPSFetcher`` (same TLS, SSRF, redirect, timeout and size policy as did:web).
///
/// The answer may be a DID resolution result (errors in its metadata, in any spelling, are returned as
/// `ResolutionError`) or a bare DID document. Without a readable body, HTTP 404/410 → `NOT_FOUND`,
/// 400 → `INVALID_DID`, 406 → `REPRESENTATION_NOT_SUPPORTED`, 501 → `METHOD_NOT_SUPPORTED`, others → `INTERNAL_ERROR`.
public struct RemoteResolver: DIDResolver {
    /// The endpoint host.
    public let host: String
    /// The endpoint port.
    public let port: Int
    /// The path before `/1.0/identifiers/` (empty for the root).
    public let basePath: String
    private let fetcher: HTTPSFetcher

    /// Creates a client.
    /// - Parameters:
    ///   - url: The endpoint, `https://host[:port][/base]`; a trailing `/1.0/identifiers/` is accepted too.
    ///   - fetcher: The HTTPS fetcher to use.
    /// - Throws: `ResolutionError` with code `invalidOptions` when the URL is not such an HTTPS URL.
    public init(url: String, fetcher: HTTPSFetcher) throws(ResolutionError) {
        guard url.hasPrefix("https://") else {
            throw ResolutionError(.invalidOptions, "the resolver URL must be https://host[:port][/path], not '\(url)'")
        }
        let rest = url.dropFirst("https://".count)
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<slash]
        var path = String(rest[slash...])
        for suffix in ["/1.0/identifiers/", "/1.0/identifiers", "/"] where path.hasSuffix(suffix) {
            path.removeLast(suffix.count)
        }
        var host = String(authority)
        var port = 443
        if let colon = authority.lastIndex(of: ":") {
            guard let value = Int(authority[authority.index(after: colon)...]), (1...65535).contains(value) else {
                throw ResolutionError(.invalidOptions, "the resolver URL '\(url)' has a malformed port")
            }
            host = String(authority[..<colon])
            port = value
        }
        guard !host.isEmpty, !path.contains("?"), !path.contains("#") else {
            throw ResolutionError(.invalidOptions, "the resolver URL '\(url)' is not https://host[:port][/path]")
        }
        self.host = host
        self.port = port
        self.basePath = path
        self.fetcher = fetcher
    }

    /// Resolves a DID at the remote endpoint.
    /// - Parameters:
    ///   - did: The DID.
    ///   - options: Resolution options, sent as query parameters (all but `accept`).
    /// - Returns: The remote resolution result.
    /// - Throws: `ResolutionError` from the answer, or for transport failures (`INTERNAL_ERROR`).
    public func resolve(_ did: DID, options: ResolutionOptions) async throws(ResolutionError) -> ResolutionResult {
        var query: [String] = []
        for member in options.json where member.key != "accept" {
            let value: String
            switch member.value {
            case .string(let text): value = text
            case .bool(let flag): value = flag ? "true" : "false"
            default: continue
            }
            query.append(Self.encode(member.key) + "=" + Self.encode(value))
        }
        let path =
            basePath + "/1.0/identifiers/" + Self.encode(did.description)
            + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
        let response: DIDWebResponse
        do {
            response = try await fetcher.get(
                host: host,
                port: port,
                path: path,
                headers: [DIDWebHeader(name: "Accept", value: "application/did-resolution, application/did+json;q=0.5")]
            )
        } catch {
            throw ResolutionError(
                .internalError,
                "the remote resolver failed (\(error.code)): \(error.reason)",
                cause: error.code.resolutionCause
            )
        }
        if let json = try? JSONValue(parsing: response.body), case .object(let object) = json {
            if object["didResolutionMetadata"] != nil || object["didDocument"] != nil {
                let result: ResolutionResult
                do {
                    result = try ResolutionResult(json: json)
                } catch {
                    throw ResolutionError(.internalError, "the remote resolver's answer is malformed: \(error.reason)")
                }
                if let error = result.error { throw error }
                if (200...299).contains(response.status) { return result }
            } else if (200...299).contains(response.status), object["id"] != nil {
                do {
                    return ResolutionResult(didDocument: try DIDDocument(json: json))
                } catch {
                    throw ResolutionError(.invalidDidDocument, error.reason)
                }
            }
        }
        let code: ResolutionError.Code =
            switch response.status {
            case 404, 410: .notFound
            case 400: .invalidDid
            case 406: .representationNotSupported
            case 501: .methodNotSupported
            default: .internalError
            }
        throw ResolutionError(code, "the remote resolver answered HTTP \(response.status)")
    }

    /// Percent-encodes everything but RFC 3986 unreserved characters (so `:` becomes `%3A`).
    static func encode(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x5F, 0x7E: out.append(byte)
            default: out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
