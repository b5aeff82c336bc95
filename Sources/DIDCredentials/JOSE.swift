// swift-did: decentralized identity for Swift. Apache-2.0.

public import DIDCore
public import DIDCrypto

/// Securing credentials and presentations with JOSE: VC-JOSE-COSE `application/vc+jwt` / `application/vp+jwt`
/// (the JWS payload is the credential itself) and the VC Data Model 1.1 JWT encoding (`vc`/`vp` claims).
///
/// Keys are found through the header's `kid`, a DID URL resolved with any `DIDResolver` and checked against
/// `assertionMethod` (credentials) or `authentication` (presentations); a VC-JWT 1.1 without `kid` is checked against
/// the issuer's (holder's) keys for that relationship. Algorithms: EdDSA, ES256, ES384, ES256K.
public enum JOSE {
    /// Which of the two JWT encodings.
    public enum Encoding: Sendable, Hashable {
        /// VC-JOSE-COSE (VC Data Model 2.0): payload = the credential or presentation, `typ` `vc+jwt`/`vp+jwt`.
        case joseCose
        /// VC Data Model 1.1 §6.3.1: claims `iss`, `sub`, `jti`, `nbf`, `exp`, `aud` + `vc`/`vp`, `typ` `JWT`.
        case vcJWT11
    }

    /// `application/vc+jwt` (VC-JOSE-COSE §3.1.1).
    public static let credentialMediaType = "application/vc+jwt"
    /// `application/vp+jwt` (VC-JOSE-COSE §3.1.2).
    public static let presentationMediaType = "application/vp+jwt"

    /// Secures a credential as a compact JWS.
    /// - Parameters:
    ///   - credential: The unsecured credential.
    ///   - encoding: VC-JOSE-COSE (`vc+jwt`) or VC-JWT 1.1.
    ///   - key: The issuer's private key (Ed25519, P-256, P-384 or secp256k1).
    ///   - keyID: The absolute DID URL of the key's verification method, sent as `kid`.
    /// - Returns: The compact JWS.
    /// - Throws: ``CredentialError/Code/invalidKey`` for a key that cannot sign a JWS,
    ///   ``CredentialError/Code/malformedDocument`` when a VC-JOSE-COSE credential has `vc`/`vp` members or a date
    ///   that cannot be mapped to a NumericDate.
    public static func secure(
        credential: JSONObject,
        encoding: Encoding = .joseCose,
        key: PrivateKey,
        keyID: String
    ) throws(CredentialError) -> String {
        switch encoding {
        case .joseCose:
            return try sign(
                payload: credential,
                header: ["kid": .string(keyID), "typ": "vc+jwt", "cty": "vc"],
                key: key
            )
        case .vcJWT11:
            let claims = try VCJWT11.claims(credential: credential)
            return try sign(payload: claims, header: ["typ": "JWT", "kid": .string(keyID)], key: key)
        }
    }

    /// Secures a presentation as a compact JWS.
    /// - Parameters:
    ///   - presentation: The unsecured presentation.
    ///   - encoding: VC-JOSE-COSE (`vp+jwt`) or VC-JWT 1.1.
    ///   - key: The holder's private key.
    ///   - keyID: The absolute DID URL of the key's verification method, sent as `kid`.
    ///   - audience: VC-JWT 1.1 `aud`, the intended verifier.
    ///   - nonce: VC-JWT 1.1 `nonce`.
    /// - Returns: The compact JWS.
    /// - Throws: As ``secure(credential:encoding:key:keyID:)``.
    public static func secure(
        presentation: JSONObject,
        encoding: Encoding = .joseCose,
        key: PrivateKey,
        keyID: String,
        audience: String? = nil,
        nonce: String? = nil
    ) throws(CredentialError) -> String {
        switch encoding {
        case .joseCose:
            var payload = presentation
            if let audience { payload["aud"] = .string(audience) }
            if let nonce { payload["nonce"] = .string(nonce) }
            return try sign(payload: payload, header: ["kid": .string(keyID), "typ": "vp+jwt", "cty": "vp"], key: key)
        case .vcJWT11:
            let claims = VCJWT11.claims(presentation: presentation, audience: audience, nonce: nonce)
            return try sign(payload: claims, header: ["typ": "JWT", "kid": .string(keyID)], key: key)
        }
    }

    private static func sign(
        payload: JSONObject,
        header: JSONObject,
        key: PrivateKey
    ) throws(CredentialError)
        -> String
    {
        if header["typ"] != "JWT", payload["vc"] != nil || payload["vp"] != nil {
            throw CredentialError(.malformedDocument, "a vc+jwt/vp+jwt payload must not have vc or vp members")
        }
        do {
            let bytes = try JSONValue.object(payload).serialized(.compact)
            return try JWS.sign(payload: bytes, header: header, using: key).compactSerialization
        } catch let error as DIDCryptoError {
            throw CredentialError(.invalidKey, error.reason)
        } catch {
            throw CredentialError(.malformedDocument, "\(error)")
        }
    }

    /// The compact JWS inside an `EnvelopedVerifiableCredential` id: `data:application/vc+jwt,<jws>` (also the
    /// `vc-ld+jwt` spelling and a `;base64url` marker as seen in the wild).
    /// - Parameter dataURL: The `id`.
    /// - Returns: The compact JWS, or `nil` when it is not such a data URL.
    public static func envelopedJWT(_ dataURL: String) -> String? {
        guard dataURL.hasPrefix("data:"), let comma = dataURL.firstIndex(of: ",") else { return nil }
        let mediaType = dataURL[dataURL.index(dataURL.startIndex, offsetBy: 5)..<comma]
        let base = mediaType.split(separator: ";").first.map(String.init) ?? ""
        guard ["application/vc+jwt", "application/vc-ld+jwt", "application/vp+jwt"].contains(base) else { return nil }
        return String(dataURL[dataURL.index(after: comma)...])
    }
}
