// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDCrypto
import Synchronization

/// Finds the public key a proof or JWS names, through any resolver, and checks that its controller allows it for the
/// purpose (Controlled Identifiers 1.0 §3.3 "Retrieve Verification Method"; Data Integrity 1.0 §4.4 step 5).
struct VerificationMethodRetrieval {
    /// A verification method found and authorised, with its key.
    struct Retrieved {
        /// The verification method.
        let method: VerificationMethod
        /// Its public key.
        let key: PublicKey
    }

    /// Decoded Multikey public keys by their `publicKeyMultibase` text: decoding checks the curve point (a square
    /// root for Ed25519, a decompression for the NIST curves and secp256k1), which would otherwise cost as much as
    /// the JSON work of a verification. Bounded: emptied when it reaches 512 keys. Keys are immutable values, so a
    /// hit returns exactly what decoding the same text returns.
    private static let keyCache = Mutex<[String: PublicKey]>([:])

    /// The public key of a `publicKeyMultibase` value, decoded once per text.
    /// - Parameter multibase: The Multikey text.
    /// - Returns: The key.
    /// - Throws: ``DIDCryptoError`` as `PublicKey(multibase:)`.
    static func publicKey(multibase: String) throws(DIDCryptoError) -> PublicKey {
        if let key = keyCache.withLock({ $0[multibase] }) { return key }
        let key = try PublicKey(multibase: multibase)
        keyCache.withLock { cache in
            if cache.count >= 512 { cache.removeAll(keepingCapacity: true) }
            cache[multibase] = key
        }
        return key
    }

    /// The keys a DID document lists under a relationship, for JWTs that name no `kid` (VC Data Model 1.1 §6.3.1).
    /// Methods whose key cannot be read are skipped.
    /// - Parameters:
    ///   - did: The issuer's or holder's DID.
    ///   - relationship: The relationship.
    ///   - resolver: The resolver.
    /// - Returns: The keys, or the problem that stopped resolution.
    static func candidates(
        of did: DID,
        for relationship: VerificationRelationship,
        resolver: some DIDResolver
    ) async -> Outcome<[PublicKey]> {
        let result: ResolutionResult
        do {
            result = try await resolver.resolve(did, options: ResolutionOptions())
        } catch {
            return .failure(
                VerificationProblem(.unresolvableIssuer, "\(did) could not be resolved: \(error.code.legacyKeyword)")
            )
        }
        guard let document = result.didDocument, result.didDocumentMetadata.deactivated != true else {
            return .failure(VerificationProblem(.unresolvableIssuer, "\(did) has no usable document"))
        }
        return .success(
            document.verificationMethods(for: relationship).compactMap { method in
                if let multibase = method.publicKeyMultibase { return try? publicKey(multibase: multibase) }
                if let jwk = method.publicKeyJwk { return try? PublicKey(jwk: jwk) }
                return nil
            }
        )
    }

    /// Resolves the DID of `verificationMethod`, finds the method, checks the relationship, and reads its key.
    /// - Parameters:
    ///   - verificationMethod: The absolute DID URL of the verification method.
    ///   - relationship: The relationship the method must be listed under.
    ///   - resolver: The resolver.
    ///   - proofIndex: The proof index problems are reported at.
    /// - Returns: The method and key, or the problem that stopped it.
    static func retrieve(
        _ verificationMethod: String,
        for relationship: VerificationRelationship,
        resolver: some DIDResolver,
        proofIndex: Int? = nil
    ) async -> Outcome<Retrieved> {
        func problem(_ kind: VerificationProblem.Kind, _ reason: String) -> Outcome<Retrieved> {
            .failure(VerificationProblem(kind, reason, proofIndex: proofIndex))
        }
        let url: DIDURL
        do {
            url = try DIDURL(verificationMethod)
        } catch {
            return problem(
                .invalidVerificationMethod,
                "verification method '\(verificationMethod)' is not a DID URL (\(error.reason))"
            )
        }
        guard url.fragment != nil else {
            return problem(
                .invalidVerificationMethod,
                "verification method '\(verificationMethod)' has no fragment naming a method"
            )
        }
        let result: ResolutionResult
        do {
            result = try await resolver.resolve(url.did, options: ResolutionOptions())
        } catch {
            return problem(.unresolvableIssuer, "\(url.did) could not be resolved: \(error.code.legacyKeyword)")
        }
        guard let document = result.didDocument else {
            let keyword = result.error?.code.legacyKeyword ?? "no document"
            return problem(.unresolvableIssuer, "\(url.did) could not be resolved: \(keyword)")
        }
        if result.didDocumentMetadata.deactivated == true {
            return problem(.unresolvableIssuer, "\(url.did) is deactivated")
        }
        guard document.id == url.did else {
            return problem(
                .invalidVerificationMethod,
                "the document resolved for \(url.did) has id \(document.id) (Controlled Identifiers 1.0 §3.3)"
            )
        }
        guard let method = document.verificationMethod(withID: verificationMethod) else {
            return problem(.invalidVerificationMethod, "\(url.did) has no verification method '\(verificationMethod)'")
        }
        guard method.controller == document.id else {
            return problem(
                .invalidVerificationMethod,
                "verification method '\(verificationMethod)' is controlled by \(method.controller), not \(document.id)"
            )
        }
        guard document.isAuthorized(verificationMethod, for: relationship) else {
            return problem(
                .keyNotAuthorized,
                "verification method '\(verificationMethod)' is not listed under \(relationship.rawValue) of \(url.did)"
            )
        }
        let key: PublicKey
        do {
            if let multibase = method.publicKeyMultibase {
                key = try publicKey(multibase: multibase)
            } else if let jwk = method.publicKeyJwk {
                key = try PublicKey(jwk: jwk)
            } else {
                return problem(.invalidVerificationMethod, "verification method '\(verificationMethod)' has no key")
            }
        } catch {
            return problem(
                .invalidVerificationMethod,
                "verification method '\(verificationMethod)' has an unusable key: \(error.reason)"
            )
        }
        return .success(Retrieved(method: method, key: key))
    }
}
