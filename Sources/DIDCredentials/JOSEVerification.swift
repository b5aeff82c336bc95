// swift-did: decentralized identity for Swift. Apache-2.0.

public import DIDCore
import DIDCrypto
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

    /// The JWT claims set (the JWS payload) when it was a JSON object the document could be read from.
    var claims: JSONObject?

    /// Whether it verified.
    public var verified: Bool { result.verified }
}

extension JOSE {
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
    ///   - challenge: The challenge the verifier sent: the `nonce` claim must equal it (VC-JOSE-COSE §3.1.2 and VC
    ///     Data Model 1.1 §6.3.1 carry it as `nonce`), else an ``VerificationProblem/Kind/invalidChallenge`` problem.
    ///   - domain: The verifier's own identifier: it must be `aud` or one of its values (RFC 7519 §4.1.3), else an
    ///     ``VerificationProblem/Kind/invalidDomain`` problem.
    /// - Returns: The result with the document.
    public static func verify(
        _ compact: String,
        resolver: some DIDResolver,
        now: Date,
        challenge: String? = nil,
        domain: String? = nil
    ) async -> EnvelopeVerification {
        var verification = await verify(compact, resolver: resolver, now: now, depth: 0)
        if let claims = verification.claims {
            verification.result.problems += bindingProblems(claims, challenge: challenge, domain: domain)
        }
        return verification
    }

    /// The problems of a presentation's binding to a verifier: `nonce` against the challenge, `aud` (a string or an
    /// array of strings, RFC 7519 §4.1.3) against the domain.
    /// - Parameters:
    ///   - claims: The JWT claims set.
    ///   - challenge: The expected `nonce`, or `nil` to skip the check.
    ///   - domain: The audience that must be named, or `nil` to skip the check.
    /// - Returns: The problems; empty when the binding holds.
    static func bindingProblems(_ claims: JSONObject, challenge: String?, domain: String?) -> [VerificationProblem] {
        var problems: [VerificationProblem] = []
        if let challenge, claims["nonce"] != .string(challenge) {
            problems.append(VerificationProblem(.invalidChallenge, "nonce is not the challenge"))
        }
        if let domain {
            let audiences = claims["aud"].map { $0.arrayValue ?? [$0] } ?? []
            if !audiences.contains(.string(domain)) {
                problems.append(VerificationProblem(.invalidDomain, "aud does not name the domain \(domain)"))
            }
        }
        return problems
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
            problems += await VCJWT11.signatureProblems(of: jws, byKeysOf: did, for: relationship, resolver: resolver)
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
            mediaType: mediaType,
            claims: payload
        )
    }
}

/// Tells a presentation from a credential by its `type`.
enum VerifiablePresentationMarker {
    static func isPresentation(_ object: JSONObject) -> Bool {
        let types = object["type"].map { $0.arrayValue ?? [$0] } ?? []
        return types.contains("VerifiablePresentation")
    }
}
