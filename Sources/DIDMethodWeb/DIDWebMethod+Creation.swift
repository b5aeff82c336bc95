// swift-did: decentralized identity for Swift. Apache-2.0.

public import DIDCore
public import DIDCrypto

extension DIDWebMethod {
    /// A created did:web identity: the DID, its document, and where the document must be served.
    public struct Creation: Sendable, Hashable {
        /// The DID.
        public let did: DID
        /// The DID document to publish.
        public let document: DIDDocument
        /// The location that must serve ``document`` (``DIDWebURL/url``, ``DIDWebURL/filePath``).
        public let location: DIDWebURL
    }

    /// The `@context` of created documents: DID Core 1.0 and Multikey (CID 1.0 §2.2.2).
    public static let creationContext: JSONValue = [
        "https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1",
    ]

    /// Creates a did:web DID and its document (did:web spec §"Create (Register)").
    ///
    /// Each signing key becomes a Multikey verification method `#key-N` (N from 0, in order) referenced from
    /// `authentication` and `assertionMethod`. An X25519 key becomes `#key-N` referenced from `keyAgreement` only.
    /// With `deriveKeyAgreement`, each Ed25519 key also gets its X25519 counterpart as `#key-N-x25519` in
    /// `keyAgreement`. Services whose id is a fragment (`#files`) are made absolute.
    /// - Parameters:
    ///   - host: The host name, optionally with a port (`example.com`, `localhost:8443`); not an IP address.
    ///   - path: An optional path below the host (`user/alice`); none means `/.well-known/did.json`.
    ///   - keys: One or more public keys.
    ///   - services: Services to list.
    ///   - deriveKeyAgreement: Whether to add an X25519 key agreement method for each Ed25519 key.
    /// - Returns: The DID, its document and its location.
    /// - Throws: `ResolutionError` with code `invalidDid` for an unusable host, port or path, `invalidOptions`
    ///   when no key is given, `invalidDidDocument` when a service is malformed or ids repeat.
    public static func create(
        host: String,
        path: String? = nil,
        keys: [PublicKey],
        services: [DIDDocument.Service] = [],
        deriveKeyAgreement: Bool = false
    ) throws(ResolutionError) -> Creation {
        guard !keys.isEmpty else {
            throw ResolutionError(.invalidOptions, "a did:web DID needs at least one public key")
        }
        var hostName = host
        var port: Int?
        if let colon = host.lastIndex(of: ":") {
            let portText = host[host.index(after: colon)...]
            guard let value = Int(portText), portText.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw ResolutionError(.invalidDid, "'\(host)' has a malformed port (expected host or host:port)")
            }
            hostName = String(host[..<colon])
            port = value
        }
        var segments: [String] = []
        if let path {
            var trimmed = Substring(path)
            while trimmed.hasPrefix("/") { trimmed = trimmed.dropFirst() }
            while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
            if !trimmed.isEmpty {
                segments = trimmed.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            }
        }
        let location = try DIDWebURL(host: hostName, port: port, pathSegments: segments)
        let did = location.did
        var document = DIDDocument(id: did, context: creationContext)
        for (index, key) in keys.enumerated() {
            let id = "\(did)#key-\(index)"
            document.verificationMethod.append(
                VerificationMethod(
                    id: id,
                    type: .multikey,
                    controller: did,
                    publicKeyMultibase: key.multibaseRepresentation
                )
            )
            if key.keyType == .x25519 {
                document.keyAgreement.append(.reference(id))
                continue
            }
            document.authentication.append(.reference(id))
            document.assertionMethod.append(.reference(id))
            if deriveKeyAgreement && key.keyType == .ed25519 {
                let agreement: PublicKey
                do {
                    agreement = try key.x25519FromEd25519()
                } catch {
                    throw ResolutionError(.invalidPublicKey, "key \(index): \(error.reason)")
                }
                let agreementID = id + "-x25519"
                document.verificationMethod.append(
                    VerificationMethod(
                        id: agreementID,
                        type: .multikey,
                        controller: did,
                        publicKeyMultibase: agreement.multibaseRepresentation
                    )
                )
                document.keyAgreement.append(.reference(agreementID))
            }
        }
        for var service in services {
            if service.id.hasPrefix("#") { service.id = did.description + service.id }
            document.service.append(service)
        }
        do {
            try document.validate()
        } catch {
            throw ResolutionError(.invalidDidDocument, error.reason)
        }
        try checkAbsolute(document)
        return Creation(did: did, document: document, location: location)
    }
}
