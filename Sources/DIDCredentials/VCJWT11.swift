// swift-did: decentralized identity for Swift. Apache-2.0.

public import DIDCore
import DIDCrypto
import Foundation

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

    /// Checks the signature of a VC-JWT 1.1 that names no `kid` against the keys the issuer (holder) lists under
    /// `relationship`, which VC Data Model 1.1 §6.3.1 allows (`kid` is optional there).
    /// - Parameters:
    ///   - jws: The JWS.
    ///   - did: The issuer's (holder's) DID.
    ///   - relationship: `assertionMethod` for a credential, `authentication` for a presentation.
    ///   - resolver: Resolves `did`.
    /// - Returns: The problems; empty when a key of that relationship verifies the signature.
    static func signatureProblems(
        of jws: JWS,
        byKeysOf did: DID,
        for relationship: VerificationRelationship,
        resolver: some DIDResolver
    ) async -> [VerificationProblem] {
        let keys: [PublicKey]
        switch await VerificationMethodRetrieval.candidates(of: did, for: relationship, resolver: resolver) {
        case .failure(let failure): return [failure]
        case .success(let found): keys = found
        }
        let algorithm = jws.algorithm.rawValue
        let usable = keys.filter { $0.keyType == jws.algorithm.keyType }
        if usable.isEmpty {
            return [
                VerificationProblem(
                    .invalidVerificationMethod,
                    "\(did) has no \(algorithm) key under \(relationship.rawValue) and the JWT names no kid"
                )
            ]
        }
        if !usable.contains(where: { (try? jws.isValidSignature(using: $0)) == true }) {
            return [
                VerificationProblem(
                    .signature,
                    "the \(algorithm) signature verifies with no \(relationship.rawValue) key of \(did)"
                )
            ]
        }
        return []
    }

    /// Decodes JWT claims into a credential (see `document(fromClaims:presentation:)`), for reading a VC-JWT
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
