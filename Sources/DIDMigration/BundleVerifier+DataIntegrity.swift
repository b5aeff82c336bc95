// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDCredentials
import Foundation

extension BundleVerifier {
    /// §11.2 through DIDCredentials' `eddsa-jcs-2022`, with the subject's already resolved document.
    func verifyDataIntegrity(
        _ manifest: MigrationManifest,
        document: DIDDocument,
        resolution: ResolutionResult
    ) async -> MigrationError? {
        var resolved = resolution
        resolved.didDocument = document
        let fixed = ResolvedSubject(did: manifest.subject, result: resolved)
        let expectations = DataIntegrity.Expectations(
            proofPurpose: .assertionMethod,
            cryptosuites: [.eddsaJcs2022]
        )
        // Validity is judged by this module with the skew allowance (§13.4); `now = created` keeps DIDCredentials'
        // own `expires` test out of the signature result.
        let result = await DataIntegrity.verify(
            manifest.json,
            expecting: expectations,
            resolver: fixed,
            now: manifest.created
        )
        guard let problem = result.problems.first else { return nil }
        let code: MigrationReason
        switch problem.kind {
        case .signature: code = .invalidSignature
        case .keyNotAuthorized: code = .keyNotAuthorized
        case .invalidVerificationMethod: code = .keyTypeMismatch
        case .unresolvableIssuer: code = .subjectUnresolvable
        default: code = .invalidProof
        }
        return MigrationError(code, problem.reason)
    }
}

/// A resolver that answers for one DID with a result already obtained, so the proof check uses the same document
/// as the key rule and resolves nothing twice.
struct ResolvedSubject: DIDResolver {
    let did: DID
    let result: ResolutionResult

    func resolve(_ did: DID, options: ResolutionOptions) async throws(ResolutionError) -> ResolutionResult {
        guard did == self.did else {
            throw ResolutionError(.notFound, "\(did) is not the bundle's subject")
        }
        return result
    }
}
