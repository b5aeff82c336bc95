// swift-did: decentralized identity for Swift. Apache-2.0.

public import DIDCore
public import DIDCrypto
public import Foundation

/// The outcome of verifying an enveloped (JWT) credential or presentation: the result, and the document it carried.
public struct EnvelopeVerification: Sendable, Hashable {
    /// The verification result.
    public var result: VerificationResult
    /// The credential or presentation the JWT carried (for VC-JWT 1.1, decoded from the claims), or `nil` when the
    /// JWT could not be read.
    public var document: JSONObject?
    /// `application/vc` or `application/vp` when the document was read (VC-JOSE-COSE §3.1.1 verification output).
    public var mediaType: String?

    /// Whether it verified.
    public var verified: Bool { result.verified }
}

/// Securing credentials and presentations with JOSE: VC-JOSE-COSE `application/vc+jwt` / `application/vp+jwt`
/// (the JWS payload is the credential itself) and the VC Data Model 1.1 JWT encoding (`vc`/`vp` claims).
///
/// Keys are found through the header's `kid`, a DID URL resolved with any ``DIDResolver`` and checked against
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

    // MARK: Issuing

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

    // MARK: Verifying

    /// Verifies a compact JWS carrying a credential or presentation, in either encoding.
    ///
    /// The encoding is told apart by `typ` (`vc+jwt`, `vp+jwt`, or `JWT`/absent with a `vc`/`vp` claim). Checks,
    /// each failure a problem: the header (`typ`, `cty`, `kid`), the key found through `kid` and listed under the
    /// relationship the purpose needs, the key belonging to the issuer (holder), `iss` consistency, the signature,
    /// `exp`/`nbf`, the data model rules and validity period of the document; the credentials of a presentation
    /// are verified too (enveloped ones this way, embedded ones with their Data Integrity proofs).
    /// - Parameters:
    ///   - compact: The compact JWS.
    ///   - resolver: Resolves the DID in `kid`.
    ///   - now: The current time.
    /// - Returns: The result with the document.
    public static func verify(_ compact: String, resolver: some DIDResolver, now: Date) async -> EnvelopeVerification {
        await verify(compact, resolver: resolver, now: now, depth: 0)
    }

    private static func verify(
        _ compact: String,
        resolver: some DIDResolver,
        now: Date,
        depth: Int
    ) async -> EnvelopeVerification {
        func failed(_ kind: VerificationProblem.Kind, _ reason: String) -> EnvelopeVerification {
            EnvelopeVerification(result: VerificationResult(problems: [VerificationProblem(kind, reason)]))
        }
        let jws: JWS
        do {
            jws = try JWS(compactSerialization: compact)
        } catch {
            return failed(.malformed, "not a usable compact JWS: \(error.reason)")
        }
        guard case .object(let payload)? = try? JSONValue(parsing: jws.payload) else {
            return failed(.malformed, "the JWS payload is not a JSON object")
        }
        var problems: [VerificationProblem] = []
        var warnings: [VerificationProblem] = []
        func problem(_ kind: VerificationProblem.Kind, _ reason: String) {
            problems.append(VerificationProblem(kind, reason))
        }

        // Which encoding, and what the document is.
        let typ = jws.type
        let isLegacy: Bool
        let isPresentation: Bool
        switch typ {
        case "vc+jwt"?, "application/vc+jwt"?:
            (isLegacy, isPresentation) = (false, false)
        case "vp+jwt"?, "application/vp+jwt"?:
            (isLegacy, isPresentation) = (false, true)
        case nil, "JWT"?:
            if payload["vc"] != nil || payload["vp"] != nil {
                (isLegacy, isPresentation) = (true, payload["vp"] != nil)
            } else {
                (isLegacy, isPresentation) = (false, VerifiablePresentationMarker.isPresentation(payload))
                warnings.append(VerificationProblem(.malformed, "typ should be vc+jwt or vp+jwt (VC-JOSE-COSE §3.1)"))
            }
        case .some(let other):
            return failed(.malformed, "typ '\(other)' is neither vc+jwt, vp+jwt nor JWT (VC-JOSE-COSE §3.1)")
        }
        if !isLegacy, let cty = jws.header["cty"] {
            let expected = isPresentation ? ["vp", "application/vp"] : ["vc", "application/vc"]
            if !expected.contains(cty.stringValue ?? "") {
                problem(.malformed, "cty must be \(expected[0]) (VC-JOSE-COSE §3.1)")
            }
        }
        let document: JSONObject
        if isLegacy {
            switch VCJWT11.document(fromClaims: payload, presentation: isPresentation) {
            case .success(let decoded): document = decoded
            case .failure(let failure): return failed(failure.kind, failure.reason)
            }
        } else {
            if payload["vc"] != nil || payload["vp"] != nil {
                problem(.malformed, "a vc+jwt/vp+jwt payload must not have vc or vp claims (VC-JOSE-COSE §3.1)")
            }
            document = payload
        }
        let mediaType = isPresentation ? "application/vp" : "application/vc"

        // The controller the key must belong to.
        let controller: String? =
            isPresentation
            ? (document["holder"]?.stringValue ?? document["holder"]?["id"]?.stringValue)
            : (document["issuer"]?.stringValue ?? document["issuer"]?["id"]?.stringValue)
        if !isLegacy, let iss = payload["iss"], iss.stringValue != controller {
            problem(.malformed, "iss does not match the \(isPresentation ? "holder" : "issuer") (VC-JOSE-COSE §3.1)")
        }

        // The key: kid, made absolute against iss or the issuer when relative.
        if var kid = jws.keyID {
            if kid.hasPrefix("#"), let base = payload["iss"]?.stringValue ?? controller,
                let baseURL = try? DIDURL(base), let absolute = try? DIDURL(resolving: kid, against: baseURL)
            {
                kid = absolute.description
            }
            switch await VerificationMethodRetrieval.retrieve(
                kid,
                for: isPresentation ? .authentication : .assertionMethod,
                resolver: resolver
            ) {
            case .failure(let failure): problems.append(failure)
            case .success(let retrieved):
                if let controller, let url = try? DIDURL(kid), url.did.description != controller {
                    problem(
                        .keyNotAuthorized,
                        "kid \(kid) does not belong to the \(isPresentation ? "holder" : "issuer") \(controller)"
                    )
                }
                do {
                    if try !jws.isValidSignature(using: retrieved.key) {
                        problem(.signature, "the \(jws.algorithm.rawValue) signature does not verify with \(kid)")
                    }
                } catch {
                    problem(
                        .invalidVerificationMethod,
                        "\(kid) cannot check \(jws.algorithm.rawValue): \(error.reason)"
                    )
                }
            }
        } else if isLegacy, let controller, let did = try? DID(controller) {
            // VC Data Model 1.1 §6.3.1: kid is optional; try the issuer's (holder's) keys for the purpose.
            let relationship: VerificationRelationship = isPresentation ? .authentication : .assertionMethod
            switch await VerificationMethodRetrieval.candidates(of: did, for: relationship, resolver: resolver) {
            case .failure(let failure): problems.append(failure)
            case .success(let keys):
                let usable = keys.filter { $0.keyType == jws.algorithm.keyType }
                if usable.isEmpty {
                    problem(
                        .invalidVerificationMethod,
                        "\(did) has no \(jws.algorithm.rawValue) key under \(relationship.rawValue) and the JWT names no kid"
                    )
                } else if !usable.contains(where: { (try? jws.isValidSignature(using: $0)) == true }) {
                    problem(
                        .signature,
                        "the \(jws.algorithm.rawValue) signature verifies with no \(relationship.rawValue) key of \(did)"
                    )
                }
            }
        } else {
            problem(.malformed, "the JOSE header has no kid naming the key (VC-JOSE-COSE §3.1.3)")
        }

        // JWT validity (RFC 7519 §4.1.4, §4.1.5).
        if let exp = payload["exp"] {
            if let seconds = exp.numberValue {
                if Date(timeIntervalSince1970: seconds) < now { problem(.expired, "the JWT expired (exp)") }
            } else {
                problem(.malformed, "exp is not a NumericDate")
            }
        }
        if let nbf = payload["nbf"] {
            if let seconds = nbf.numberValue {
                if Date(timeIntervalSince1970: seconds) > now {
                    problem(.notYetValid, "the JWT is not valid yet (nbf)")
                }
            } else {
                problem(.malformed, "nbf is not a NumericDate")
            }
        }

        // The document itself.
        if isPresentation {
            let presentation = VerifiablePresentation(json: document)
            problems += presentation.validate()
            if depth == 0 {
                for (index, embedded) in presentation.verifiableCredentials.enumerated() {
                    let inner: VerificationResult
                    let types = embedded["type"].map { $0.arrayValue ?? [$0] } ?? []
                    if types.contains("EnvelopedVerifiableCredential") {
                        guard let id = embedded["id"]?.stringValue, let jwt = envelopedJWT(id) else {
                            problem(
                                .unsupportedCryptosuite,
                                "verifiableCredential[\(index)]: only application/vc+jwt enveloped credentials are supported"
                            )
                            continue
                        }
                        inner = await verify(jwt, resolver: resolver, now: now, depth: depth + 1).result
                    } else {
                        inner = await VerifiableCredential(json: embedded).verify(resolver: resolver, now: now)
                    }
                    for failure in inner.problems {
                        problems.append(
                            VerificationProblem(failure.kind, "verifiableCredential[\(index)]: \(failure.reason)")
                        )
                    }
                }
            }
        } else {
            let credential = VerifiableCredential(json: document)
            problems += credential.validate()
            // For VC-JWT 1.1 the dates were taken from exp/nbf, already checked above.
            if !isLegacy { problems += credential.timeProblems(now: now) }
        }
        return EnvelopeVerification(
            result: VerificationResult(problems: problems, warnings: warnings),
            document: document,
            mediaType: mediaType
        )
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

/// Tells a presentation from a credential by its `type`.
enum VerifiablePresentationMarker {
    static func isPresentation(_ object: JSONObject) -> Bool {
        let types = object["type"].map { $0.arrayValue ?? [$0] } ?? []
        return types.contains("VerifiablePresentation")
    }
}

/// The VC Data Model 1.1 §6.3.1 JWT encoding: which properties become registered claims and back.
public enum VCJWT11 {
    /// Encodes a credential as JWT claims: `iss` ← `issuer`, `sub` ← the single subject's `id`, `jti` ← `id`,
    /// `nbf` ← `issuanceDate` (or `validFrom`), `exp` ← `expirationDate` (or `validUntil`); the mapped properties
    /// leave the `vc` claim ("instead of"), everything else stays in it.
    /// - Parameter credential: The credential.
    /// - Returns: The claims, in the order `iss`, `sub`, `jti`, `nbf`, `exp`, `vc`.
    /// - Throws: ``CredentialError/Code/malformedDocument`` when a date is not a valid dateTime.
    public static func claims(credential: JSONObject) throws(CredentialError) -> JSONObject {
        var vc = credential
        var claims = JSONObject()
        if let issuer = credential["issuer"]?.stringValue ?? credential["issuer"]?["id"]?.stringValue {
            claims.append("iss", .string(issuer))
            if credential["issuer"]?.stringValue != nil {
                vc["issuer"] = nil
            } else if case .object(var object)? = credential["issuer"] {
                object["id"] = nil
                vc["issuer"] = object.isEmpty ? nil : .object(object)
            }
        }
        if case .object(var subject)? = credential["credentialSubject"], let id = subject["id"]?.stringValue {
            claims.append("sub", .string(id))
            subject["id"] = nil
            vc["credentialSubject"] = .object(subject)
        }
        if let id = credential["id"]?.stringValue {
            claims.append("jti", .string(id))
            vc["id"] = nil
        }
        for (member, claim) in [
            ("issuanceDate", "nbf"), ("validFrom", "nbf"), ("expirationDate", "exp"), ("validUntil", "exp"),
        ]
        where claims[claim] == nil {
            guard let text = credential[member]?.stringValue else { continue }
            guard let date = try? DateTime(text, rules: .dateTimeStamp).date else {
                throw CredentialError(.malformedDocument, "\(member) is not an XML Schema dateTimeStamp")
            }
            claims.append(claim, .number(date.timeIntervalSince1970.rounded(.down)))
            vc[member] = nil
        }
        claims.append("vc", .object(vc))
        return claims
    }

    /// Encodes a presentation as JWT claims: `iss` ← `holder`, `jti` ← `id`, `aud`, `nonce`, and `vp`.
    /// - Parameters:
    ///   - presentation: The presentation.
    ///   - audience: `aud`, the intended verifier.
    ///   - nonce: `nonce`.
    /// - Returns: The claims.
    public static func claims(presentation: JSONObject, audience: String? = nil, nonce: String? = nil) -> JSONObject {
        var vp = presentation
        var claims = JSONObject()
        if let holder = presentation["holder"]?.stringValue {
            claims.append("iss", .string(holder))
            vp["holder"] = nil
        }
        if let id = presentation["id"]?.stringValue {
            claims.append("jti", .string(id))
            vp["id"] = nil
        }
        if let audience { claims.append("aud", .string(audience)) }
        if let nonce { claims.append("nonce", .string(nonce)) }
        claims.append("vp", .object(vp))
        return claims
    }

    /// Decodes JWT claims into the credential or presentation (VC Data Model 1.1 §6.3.1 "JWT decoding"): the `vc`
    /// (`vp`) claim, then `iss` → `issuer` (`holder`), `sub` → `credentialSubject.id`, `jti` → `id`, `nbf` →
    /// `issuanceDate`, `exp` → `expirationDate` (credential level; the 1.1 text's `credentialSubject.expirationDate`
    /// is a known erratum; a 2.0 credential gets `validFrom`/`validUntil`). A property present both ways must agree.
    /// - Parameters:
    ///   - claims: The JWT claims set.
    ///   - presentation: Whether to read `vp` rather than `vc`.
    /// - Returns: The document, or the problem (malformed) that prevents reading it.
    static func document(fromClaims claims: JSONObject, presentation: Bool) -> Outcome<JSONObject> {
        guard case .object(var document)? = claims[presentation ? "vp" : "vc"] else {
            return .failure(VerificationProblem(.malformed, "the \(presentation ? "vp" : "vc") claim is not an object"))
        }
        func set(_ member: String, _ value: JSONValue, in object: inout JSONObject) -> Bool {
            if let existing = object[member], existing != value { return false }
            object[member] = value
            return true
        }
        var consistent = true
        if let iss = claims["iss"] {
            if presentation {
                consistent = consistent && set("holder", iss, in: &document)
            } else if case .object(var issuer)? = document["issuer"] {
                consistent = consistent && set("id", iss, in: &issuer)
                document["issuer"] = .object(issuer)
            } else {
                consistent = consistent && set("issuer", iss, in: &document)
            }
        }
        if let jti = claims["jti"] { consistent = consistent && set("id", jti, in: &document) }
        if !presentation {
            if let sub = claims["sub"] {
                guard case .object(var subject)? = document["credentialSubject"] else {
                    return .failure(
                        VerificationProblem(.malformed, "sub needs a single credentialSubject object (VCDM 1.1 §6.3.1)")
                    )
                }
                consistent = consistent && set("id", sub, in: &subject)
                document["credentialSubject"] = .object(subject)
            }
            // A 2.0 credential carried in a 1.1-style JWT gets its own names back (validFrom/validUntil).
            let firstContext = document["@context"].flatMap { $0.arrayValue?.first ?? $0 }
            let isV2 = firstContext == .string(DataModelValidation.v2Context)
            let dateMembers =
                isV2
                ? [("nbf", "validFrom"), ("exp", "validUntil")] : [("nbf", "issuanceDate"), ("exp", "expirationDate")]
            for (claim, member) in dateMembers {
                guard let value = claims[claim] else { continue }
                guard let seconds = value.numberValue else {
                    return .failure(VerificationProblem(.malformed, "\(claim) is not a NumericDate"))
                }
                let text = DateTime(Date(timeIntervalSince1970: seconds)).text
                if let existing = document[member]?.stringValue,
                    (try? DateTime(existing, rules: .dateTimeStamp).date)?.timeIntervalSince1970.rounded(.down)
                        == seconds.rounded(.down)
                {
                    continue
                }
                consistent = consistent && set(member, .string(text), in: &document)
            }
        }
        guard consistent else {
            return .failure(
                VerificationProblem(
                    .malformed,
                    "a registered claim disagrees with the same property in the vc/vp claim"
                )
            )
        }
        return .success(document)
    }

    /// Decodes JWT claims into a credential (see ``document(fromClaims:presentation:)``), for reading a VC-JWT
    /// without verifying it.
    /// - Parameter claims: The claims.
    /// - Returns: The credential, or `nil` when `vc` is missing or a claim conflicts.
    public static func credential(fromClaims claims: JSONObject) -> JSONObject? {
        if case .success(let document) = document(fromClaims: claims, presentation: false) { return document }
        return nil
    }

    /// Decodes JWT claims into a presentation.
    /// - Parameter claims: The claims.
    /// - Returns: The presentation, or `nil` when `vp` is missing or a claim conflicts.
    public static func presentation(fromClaims claims: JSONObject) -> JSONObject? {
        if case .success(let document) = document(fromClaims: claims, presentation: true) { return document }
        return nil
    }
}
