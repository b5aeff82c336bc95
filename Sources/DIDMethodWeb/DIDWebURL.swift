// swift-did: decentralized identity for Swift. Apache-2.0.

public import DIDCore

/// The HTTPS location of a did:web DID document, and the mapping between it and the DID (did:web spec
/// §"Read (Resolve)" steps 1–5 and §"Create (Register)").
///
/// `did:web:example.com` ⇄ `https://example.com/.well-known/did.json`;
/// `did:web:example.com%3A3000:user:alice` ⇄ `https://example.com:3000/user/alice/did.json`.
/// The host must be a domain name: IP literals are refused (did:web spec §3.1: "MUST NOT include IP
/// addresses"), the only percent-escape allowed in it is the port colon `%3A`. Path segments are
/// percent-decoded, must not be empty, `.`, `..` or contain `/` once decoded, and are re-encoded for the URL.
public struct DIDWebURL: Sendable, Hashable, CustomStringConvertible {
    /// The host name (a DNS name, never an IP address), as written in the DID.
    public let host: String
    /// The port, when the DID names one (`%3A8443`).
    public let port: Int?
    /// The decoded path segments between the host and `did.json`; empty for `/.well-known/did.json`.
    public let pathSegments: [String]

    /// Creates a location from its parts, checking them as ``init(did:)`` does.
    /// - Parameters:
    ///   - host: A domain name (letters, digits, hyphens, dots); not an IP address.
    ///   - port: An optional port, 1–65535.
    ///   - pathSegments: Decoded path segments; none for the `.well-known` location.
    /// - Throws: `ResolutionError` with code `invalidDid` when a part cannot be used.
    public init(host: String, port: Int? = nil, pathSegments: [String] = []) throws(ResolutionError) {
        try Self.checkHost(host)
        if let port, !(1...65535).contains(port) {
            throw ResolutionError(.invalidDid, "did:web port \(port) is not in 1–65535")
        }
        for segment in pathSegments { try Self.checkSegment(segment) }
        self.host = host
        self.port = port
        self.pathSegments = pathSegments
    }

    /// Maps a did:web DID to the location of its document (did:web spec §"Read (Resolve)" steps 1–5).
    /// - Parameter did: A `did:web` DID.
    /// - Throws: `ResolutionError` with code `methodNotSupported` for another method, `invalidDid` when the
    ///   host is not a domain name (or an IP address), the port is malformed, or a path segment is empty,
    ///   undecodable or a dot segment.
    public init(did: DID) throws(ResolutionError) {
        guard did.method == .web else {
            throw ResolutionError(.methodNotSupported, "'\(did)' is not a did:web DID")
        }
        let parts = did.methodSpecificID.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        var authority = parts[0]
        var port: Int?
        if let range = Self.portColonRange(authority) {
            let portText = authority[range.upperBound...]
            guard !portText.isEmpty, portText.count <= 5, portText.allSatisfy({ $0.isASCII && $0.isNumber }),
                let value = Int(portText)
            else {
                throw ResolutionError(.invalidDid, "did:web port '\(portText)' is not a number (did:web spec §3.1)")
            }
            port = value
            authority = String(authority[..<range.lowerBound])
        }
        if authority.contains("%") {
            throw ResolutionError(
                .invalidDid,
                "did:web host '\(authority)' contains a percent-escape other than the port colon %3A (did:web spec §3.1)"
            )
        }
        var segments: [String] = []
        for raw in parts.dropFirst() {
            guard let decoded = Self.percentDecoded(raw) else {
                throw ResolutionError(.invalidDid, "did:web path segment '\(raw)' does not decode to UTF-8")
            }
            segments.append(decoded)
        }
        try self.init(host: authority, port: port, pathSegments: segments)
    }

    /// Reads an HTTPS URL of a did:web document (`https://host[:port]/path/did.json` or
    /// `https://host[:port]/.well-known/did.json`): the inverse of ``url``.
    /// - Parameter url: The URL text.
    /// - Throws: `ResolutionError` with code `invalidDid` when the URL is not such a location.
    public init(url: String) throws(ResolutionError) {
        guard url.hasPrefix("https://") else {
            throw ResolutionError(.invalidDid, "a did:web document URL must start with https:// (did:web spec §3.2)")
        }
        let rest = url.dropFirst("https://".count)
        guard let slash = rest.firstIndex(of: "/") else {
            throw ResolutionError(.invalidDid, "'\(url)' has no path ending in did.json")
        }
        let authority = rest[..<slash]
        var host = String(authority)
        var port: Int?
        if let colon = authority.lastIndex(of: ":") {
            guard let value = Int(authority[authority.index(after: colon)...]) else {
                throw ResolutionError(.invalidDid, "'\(url)' has a malformed port")
            }
            host = String(authority[..<colon])
            port = value
        }
        var segments = rest[slash...].split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(
            String.init
        )
        guard segments.last == "did.json" else {
            throw ResolutionError(.invalidDid, "'\(url)' does not end in /did.json (did:web spec §3.2 step 5)")
        }
        segments.removeLast()
        if segments == [".well-known"] { segments = [] }
        var decoded: [String] = []
        for segment in segments {
            guard let value = Self.percentDecoded(segment) else {
                throw ResolutionError(.invalidDid, "'\(url)' has an undecodable path segment '\(segment)'")
            }
            decoded.append(value)
        }
        try self.init(host: host, port: port, pathSegments: decoded)
    }

    /// The document URL: `https://` + host (+ `:port`) + (`/.well-known` or the re-encoded path) + `/did.json`.
    public var url: String { origin + path }

    /// `https://host[:port]`.
    public var origin: String { "https://" + host + (port.map { ":\($0)" } ?? "") }

    /// The URL path: `/.well-known/did.json` or `/seg/…/did.json`, segments percent-encoded (RFC 3986 §3.3 pchar).
    public var path: String {
        if pathSegments.isEmpty { return "/.well-known/did.json" }
        return pathSegments.map { "/" + Self.percentEncoded($0, keeping: Self.pchar) }.joined() + "/did.json"
    }

    /// The file path below the web root that must hold the document (`.well-known/did.json`, `user/alice/did.json`).
    public var filePath: String {
        pathSegments.isEmpty ? ".well-known/did.json" : pathSegments.joined(separator: "/") + "/did.json"
    }

    /// The DID this location belongs to (did:web spec §"Create (Register)"): host, `%3A` + port, then the
    /// segments joined by `:`, each percent-encoded outside the DID `idchar` set.
    public var did: DID {
        var text = "did:web:" + host
        if let port { text += "%3A\(port)" }
        for segment in pathSegments { text += ":" + Self.percentEncoded(segment, keeping: Self.idchar) }
        // The parts were checked on creation, so the text is a DID.
        return try! DID(text)
    }

    /// The URL.
    public var description: String { url }

    // MARK: Rules

    /// Host names: DNS labels of letters, digits and hyphens (RFC 1123 §2.1), 1–63 bytes each, at most 253 in all;
    /// not all-numeric (an IPv4 address, or something a resolver might read as one).
    static func checkHost(_ host: String) throws(ResolutionError) {
        let bytes = Array(host.utf8)
        guard !bytes.isEmpty, bytes.count <= 253 else {
            throw ResolutionError(.invalidDid, "did:web host must be 1–253 characters")
        }
        let labels = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        for label in labels {
            guard !label.isEmpty, label.count <= 63 else {
                throw ResolutionError(.invalidDid, "did:web host '\(host)' has an empty or over-long label")
            }
            guard label.allSatisfy({ isAlphanumeric($0) || $0 == UInt8(ascii: "-") }) else {
                throw ResolutionError(
                    .invalidDid,
                    "did:web host '\(host)' is not a domain name (letters, digits, hyphens and dots only)"
                )
            }
            guard label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-") else {
                throw ResolutionError(.invalidDid, "did:web host '\(host)' has a label starting or ending with '-'")
            }
        }
        // RFC 3986 §3.2.2: a host that parses as an IPv4 address is one. Refuse all-numeric last labels as well,
        // since no top-level domain is numeric and resolvers read forms like 0x7f.1 or 2130706433 as addresses.
        let last = labels.last!
        if last.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
            || (last.count > 2 && last.first == UInt8(ascii: "0") && (last[last.startIndex + 1] | 0x20) == 0x78)
        {
            throw ResolutionError(
                .invalidDid,
                "did:web host '\(host)' is an IP address; did:web forbids IP addresses (did:web spec §3.1)"
            )
        }
    }

    static func checkSegment(_ segment: String) throws(ResolutionError) {
        guard !segment.isEmpty else {
            throw ResolutionError(.invalidDid, "did:web path segments must not be empty")
        }
        guard segment != ".", segment != "..", !segment.contains("/"), !segment.contains("\\") else {
            throw ResolutionError(.invalidDid, "did:web path segment '\(segment)' would change the URL path")
        }
        guard !segment.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw ResolutionError(.invalidDid, "did:web path segments must not contain control characters")
        }
    }

    /// The range of the first `%3A` (either case) in the host part.
    private static func portColonRange(_ text: String) -> Range<String.Index>? {
        var index = text.startIndex
        while let percent = text[index...].firstIndex(of: "%") {
            let next = text.index(after: percent)
            guard let end = text.index(next, offsetBy: 2, limitedBy: text.endIndex) else { return nil }
            if text[next..<end].uppercased() == "3A" { return percent..<end }
            index = next
        }
        return nil
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
    }

    /// RFC 3986 pchar without pct-encoded: unreserved, sub-delims, ":" and "@".
    static let pchar: Set<UInt8> = Set(Array("-._~!$&'()*+,;=:@".utf8))
    /// DID Core 1.0 §3.1 idchar without pct-encoded: ALPHA, DIGIT, ".", "-", "_".
    static let idchar: Set<UInt8> = Set(Array(".-_".utf8))

    static func percentEncoded(_ text: String, keeping extra: Set<UInt8>) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isAlphanumeric(byte) || extra.contains(byte) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func percentDecoded(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%") {
                guard index + 2 < bytes.count, let high = hexValue(bytes[index + 1]),
                    let low = hexValue(bytes[index + 2])
                else { return nil }
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return String(validating: out, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
}
