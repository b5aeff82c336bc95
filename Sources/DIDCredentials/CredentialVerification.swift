// swift-did: decentralized identity for Swift. Apache-2.0.

public import DIDCore
public import Foundation

extension VerifiableCredential {
    /// Verifies a credential secured with Data Integrity proofs (VC Data Model 2.0 §7.1; Data Integrity 1.0 §4.5).
    ///
    /// Checks, each failure a problem in the result: the core data model rules; every proof (signature, the
    /// verification method resolved and listed under `assertionMethod`, key type, `expires`); that every proof's
    /// verification method belongs to the issuer; `validFrom`/`validUntil` (`issuanceDate`/`expirationDate` in 1.1)
    /// against `now`.
    /// - Parameters:
    ///   - resolver: Resolves the issuer's DID.
    ///   - now: The current time.
    /// - Returns: The result.
    public func verify(resolver: some DIDResolver, now: Date) async -> VerificationResult {
        var result = VerificationResult(problems: validate())
        let proofs = await DataIntegrity.verify(json, resolver: resolver, now: now)
        result.problems += proofs.problems
        result.warnings += proofs.warnings
        result.problems += issuerProblems(proofs: self.proofs)
        result.problems += timeProblems(now: now)
        return result
    }

    /// Problems of proofs whose verification method is not the issuer's.
    func issuerProblems(proofs: [JSONObject]) -> [VerificationProblem] {
        guard let issuer else { return [] }
        var problems: [VerificationProblem] = []
        for (index, proof) in proofs.enumerated() {
            guard let method = proof["verificationMethod"]?.stringValue,
                let url = try? DIDURL(method)
            else { continue }
            if url.did.description != issuer {
                problems.append(
                    VerificationProblem(
                        .keyNotAuthorized,
                        "proof verification method \(method) does not belong to the issuer \(issuer)",
                        proofIndex: proofs.count > 1 ? index : nil
                    )
                )
            }
        }
        return problems
    }

    /// `notYetValid` / `expired` problems for `now` (VC Data Model 2.0 §4.9).
    func timeProblems(now: Date) -> [VerificationProblem] {
        var problems: [VerificationProblem] = []
        let (fromName, untilName) = version == .v1_1 ? ("issuanceDate", "expirationDate") : ("validFrom", "validUntil")
        if let validFrom, validFrom > now {
            problems.append(VerificationProblem(.notYetValid, "\(fromName) is after now"))
        }
        if let validUntil, validUntil < now {
            problems.append(VerificationProblem(.expired, "\(untilName) has passed"))
        }
        return problems
    }
}

extension VerifiablePresentation {
    /// Verifies a presentation secured with Data Integrity proofs, and every credential in it (VC Data Model 2.0
    /// §7.1, §4.13).
    ///
    /// The presentation's proofs must be made for `authentication` by a verification method of the holder (when a
    /// holder is named), and carry the expected `challenge` and `domain`. Each embedded credential is verified as
    /// ``VerifiableCredential/verify(resolver:now:)`` does, an `EnvelopedVerifiableCredential` with
    /// ``JOSE/verify(_:resolver:now:)``; their problems are reported with a `verifiableCredential[i]` prefix.
    /// - Parameters:
    ///   - resolver: Resolves the holder's and issuers' DIDs.
    ///   - challenge: The challenge the verifier sent, or `nil`.
    ///   - domain: The domain the verifier expects, or `nil`.
    ///   - now: The current time.
    /// - Returns: The result.
    public func verify(
        resolver: some DIDResolver,
        challenge: String? = nil,
        domain: [String]? = nil,
        now: Date
    ) async -> VerificationResult {
        var result = VerificationResult(problems: validate())
        let expectations = DataIntegrity.Expectations(
            proofPurpose: .authentication,
            domain: domain,
            challenge: challenge
        )
        let proofs = await DataIntegrity.verify(json, expecting: expectations, resolver: resolver, now: now)
        result.problems += proofs.problems
        if let holder {
            for (index, proof) in self.proofs.enumerated() {
                guard let method = proof["verificationMethod"]?.stringValue, let url = try? DIDURL(method),
                    url.did.description != holder
                else { continue }
                result.problems.append(
                    VerificationProblem(
                        .keyNotAuthorized,
                        "proof verification method \(method) does not belong to the holder \(holder)",
                        proofIndex: self.proofs.count > 1 ? index : nil
                    )
                )
            }
        }
        for (index, embedded) in verifiableCredentials.enumerated() {
            let types = embedded["type"].map { $0.arrayValue ?? [$0] } ?? []
            let inner: VerificationResult
            if types.contains("EnvelopedVerifiableCredential") {
                guard let id = embedded["id"]?.stringValue, let jwt = JOSE.envelopedJWT(id) else {
                    result.problems.append(
                        VerificationProblem(
                            .unsupportedCryptosuite,
                            "verifiableCredential[\(index)]: only application/vc+jwt enveloped credentials are supported"
                        )
                    )
                    continue
                }
                inner = await JOSE.verify(jwt, resolver: resolver, now: now).result
            } else {
                inner = await VerifiableCredential(json: embedded).verify(resolver: resolver, now: now)
            }
            for problem in inner.problems {
                result.problems.append(
                    VerificationProblem(problem.kind, "verifiableCredential[\(index)]: \(problem.reason)")
                )
            }
        }
        return result
    }
}
