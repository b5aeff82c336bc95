// swift-did: decentralized identity for Swift. Apache-2.0.

public import DIDCore
import DIDCrypto
public import Foundation

/// A secured credential or presentation: the JSON document carrying its proof, or a compact JWS.
public enum SecuredDocument: Sendable, Hashable {
    /// What a secured document is expected to be.
    public enum Kind: String, Sendable, Hashable {
        /// A verifiable credential.
        case credential
        /// A verifiable presentation.
        case presentation
    }

    /// A JSON document secured with Data Integrity proofs.
    case json(JSONObject)
    /// A compact JWS (`vc+jwt`, `vp+jwt` or VC-JWT 1.1).
    case jwt(String)

    /// Reads a secured document as received: a compact JWS (text starting with `ey`, the base64url of `{"`) or a
    /// JSON object; surrounding whitespace is ignored.
    /// - Parameter bytes: The received bytes.
    /// - Throws: ``CredentialError/Code/invalidJSON`` when the bytes are neither a compact JWS (RFC 7515 §7.1) nor
    ///   a JSON object.
    public init(bytes: [UInt8]) throws(CredentialError) {
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("ey") else {
            self = .json(try VerifiableCredential.parseObject(bytes))
            return
        }
        do {
            _ = try JWS(compactSerialization: text)
        } catch {
            throw CredentialError(.invalidJSON, "not a usable compact JWS: \(error.reason)")
        }
        self = .jwt(text)
    }

    /// Verifies the document as a credential or a presentation, with its proofs or JWS (VC Data Model 2.0 §7.1):
    /// ``VerifiableCredential/verify(resolver:now:)``, ``VerifiablePresentation/verify(resolver:challenge:domain:now:)``
    /// or ``JOSE/verify(_:resolver:now:challenge:domain:)``.
    ///
    /// Input that cannot be read as the kind asked for throws; a document that can be read but breaks a rule or
    /// fails a signature is a result with problems.
    /// - Parameters:
    ///   - kind: What the document must be.
    ///   - resolver: Resolves the DIDs of the keys.
    ///   - now: The current time.
    ///   - challenge: For a presentation, the challenge it must carry.
    ///   - domain: For a presentation, the domain it must carry.
    /// - Returns: The result with the document (for VC-JWT 1.1, decoded from the claims).
    /// - Throws: ``CredentialError/Code/invalidJSON`` when the JWT's payload or claims are not a credential or
    ///   presentation at all, or the document is the other kind (a presentation given as a credential).
    public func verify(
        as kind: Kind,
        resolver: some DIDResolver,
        now: Date,
        challenge: String? = nil,
        domain: String? = nil
    ) async throws(CredentialError) -> EnvelopeVerification {
        switch self {
        case .jwt(let compact):
            let verification = await JOSE.verify(
                compact,
                resolver: resolver,
                now: now,
                challenge: challenge,
                domain: domain
            )
            guard let document = verification.document else {
                let reason = verification.result.problems.first?.reason ?? "the JWT carries no document"
                throw CredentialError(.invalidJSON, reason)
            }
            try Self.expect(kind, isPresentation: verification.mediaType == "application/vp", document: document)
            return verification
        case .json(let object):
            try Self.expect(kind, isPresentation: VerifiablePresentationMarker.isPresentation(object), document: object)
            let result: VerificationResult
            switch kind {
            case .credential:
                result = await VerifiableCredential(json: object).verify(resolver: resolver, now: now)
            case .presentation:
                result = await VerifiablePresentation(json: object).verify(
                    resolver: resolver,
                    challenge: challenge,
                    domain: domain.map { [$0] },
                    now: now
                )
            }
            return EnvelopeVerification(result: result, document: object)
        }
    }

    /// Throws when the document is the other kind: a presentation given as a credential, or a document typed only
    /// as a credential given as a presentation.
    private static func expect(_ kind: Kind, isPresentation: Bool, document: JSONObject) throws(CredentialError) {
        let isCredential = VerifiableCredential(json: document).types.contains("VerifiableCredential")
        switch kind {
        case .credential where isPresentation:
            throw CredentialError(.invalidJSON, "this is a verifiable presentation, not a credential")
        case .presentation where !isPresentation && isCredential:
            throw CredentialError(.invalidJSON, "this is a verifiable credential, not a presentation")
        default:
            break
        }
    }
}
