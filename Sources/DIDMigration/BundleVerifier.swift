// swift-did: decentralized identity for Swift. Apache-2.0.

public import DIDCore
import DIDCredentials
import DIDCrypto
public import Foundation

/// The receiver's verification of an Identity Migration Bundle (IMB v0.1 §14): the manifest first (parse, profile,
/// structure, subject resolution, key rule, proof, audience, validity, replay, collection roots), then each page as
/// its bytes arrive (``BundleVerification/verifyPage(_:collection:index:)``), then ``accept(_:into:now:)``.
///
/// Time is injected: every call takes `now`.
public struct BundleVerifier: Sendable {
    /// What the receiver expects.
    public struct Options: Sendable, Hashable {
        /// The receiver's own identity (origin or DID) when it acts as the destination; `nil` for inspection.
        public var expectedDomain: String?
        /// The challenge the receiver issued for this session, if any.
        public var expectedChallenge: String?
        /// Whether a receiver with an ``expectedDomain`` accepts portable bundles (no `domain`) (§13.4).
        public var acceptsPortableBundles: Bool
        /// The clock-skew allowance, at most 300 seconds (§13.4).
        public var clockSkew: TimeInterval
        /// The longest `expires − created` accepted, or `nil` for no limit (§11.1 `validity-too-long`).
        public var maximumValidity: TimeInterval?

        /// Creates options.
        /// - Parameters:
        ///   - expectedDomain: The receiver's identity, or `nil` for inspection.
        ///   - expectedChallenge: The issued challenge.
        ///   - acceptsPortableBundles: Whether portable bundles are accepted by a destination; `true` by default.
        ///   - clockSkew: The skew allowance; 300 seconds by default (the maximum).
        ///   - maximumValidity: The longest validity window accepted.
        public init(
            expectedDomain: String? = nil,
            expectedChallenge: String? = nil,
            acceptsPortableBundles: Bool = true,
            clockSkew: TimeInterval = 300,
            maximumValidity: TimeInterval? = nil
        ) {
            self.expectedDomain = expectedDomain
            self.expectedChallenge = expectedChallenge
            self.acceptsPortableBundles = acceptsPortableBundles
            self.clockSkew = min(max(clockSkew, 0), 300)
            self.maximumValidity = maximumValidity
        }
    }

    /// Resolves the subject DID.
    public let resolver: any DIDResolver
    /// What the receiver expects.
    public var options: Options

    /// Creates a verifier.
    /// - Parameters:
    ///   - resolver: Resolves the subject DID (any method; `MultiMethodResolver` for several).
    ///   - options: What the receiver expects.
    public init(resolver: any DIDResolver, options: Options = Options()) {
        self.resolver = resolver
        self.options = options
    }

    /// Verifies the manifest: §14.2 steps 1–8 (step 7 only with a replay store), without the pages.
    ///
    /// With a replay store, `replay` and `chain` are judged against the store's current state; nothing is recorded
    /// until ``accept(_:into:now:)``.
    /// - Parameters:
    ///   - bytes: The manifest bytes.
    ///   - now: The receiver's clock.
    ///   - replayStore: The receiver's replay state, or `nil` for inspection (replay is then `not-checked`).
    /// - Returns: The verification so far; feed it the pages next.
    public func verifyManifest(
        _ bytes: [UInt8],
        now: Date,
        replayStore: (any ReplayStore)? = nil
    ) async -> BundleVerification {
        let manifest: MigrationManifest
        do {
            manifest = try MigrationManifest(bytes: bytes)
        } catch {
            return BundleVerification(manifest: nil, checks: Self.structureFailure(error))
        }
        var checks = [
            MigrationCheck("manifest.parse", .verified),
            MigrationCheck("manifest.profile", .verified),
            MigrationCheck("manifest.structure", .verified),
        ]
        var qualifiers: [String] = []
        await checkProof(manifest, now: now, into: &checks, qualifiers: &qualifiers)
        checks += checkValidity(manifest, now: now)
        if let replayStore {
            let state = await replayStore.state(of: manifest.subject.description)
            if let reason = state.replayReason(sequence: manifest.sequence, nonce: manifest.nonce, now: now) {
                checks.append(MigrationCheck("replay", .failed, reason: reason, location: "/sequence"))
            } else {
                checks.append(MigrationCheck("replay", .verified))
            }
            if let previous = manifest.previousBundle, previous == state.lastBundle {
                checks.append(MigrationCheck("chain", .verified, isMandatory: false))
            } else {
                checks.append(
                    MigrationCheck(
                        "chain",
                        .notChecked,
                        reason: .chainGap,
                        location: "/previousBundle",
                        isMandatory: false
                    )
                )
            }
        }
        for collection in manifest.collections {
            let name = "collections.\(collection.name.rawValue).root"
            let computed: [UInt8]?
            switch collection.form {
            case .inline(let items):
                var accumulator = MerkleAccumulator()
                for item in items {
                    guard let bytes = try? JSONValue.object(item).serialized(.canonical) else { continue }
                    accumulator.append(MerkleTree.leafHash(bytes))
                }
                computed = accumulator.root
            case .paged(_, let pages):
                computed = MerkleTree.combine(pages.map(\.root))
            }
            checks.append(
                computed == collection.merkleRoot
                    ? MigrationCheck(name, .verified)
                    : MigrationCheck(
                        name,
                        .failed,
                        reason: .collectionRootMismatch,
                        location: collection.name.pointer + "/merkleRoot"
                    )
            )
        }
        checks += Self.checkAliases(manifest)
        var verification = BundleVerification(manifest: manifest, checks: checks)
        verification.qualifiers = qualifiers
        // Step 12 for inline items (pages: as each page is accepted).
        for collection in manifest.collections {
            guard case .inline(let items) = collection.form else { continue }
            var pending: [PendingAttestation] = []
            for (index, item) in items.enumerated() {
                guard case .object(let attestation)? = item["attestation"] else { continue }
                let location = collection.name.pointer + "/items/\(index)/attestation"
                pending.append(PendingAttestation(location: location, attestation: attestation))
            }
            await checkAttestations(pending, collection: collection.name, now: now, into: &verification)
        }
        return verification
    }

    /// Accepts a fully verified bundle into the replay store (§13.6, §14.2 step 15): checks replay again and
    /// records the bundle in one step of the store. Does nothing unless every other mandatory check verified.
    /// - Parameters:
    ///   - verification: The verification, with every page checked; its `replay` check is updated.
    ///   - store: The receiver's replay store.
    ///   - now: The receiver's clock.
    /// - Returns: The outcome after the attempt: ``BundleVerification/Outcome/accepted`` when recorded.
    @discardableResult
    public func accept(
        _ verification: inout BundleVerification,
        into store: any ReplayStore,
        now: Date
    ) async -> BundleVerification.Outcome {
        guard let manifest = verification.manifest else { return verification.outcome }
        let others = verification.report.filter { $0.isMandatory && $0.name != "replay" }
        guard others.allSatisfy({ $0.status == .verified }) else { return verification.outcome }
        let reason = await store.accept(
            subject: manifest.subject.description,
            sequence: manifest.sequence,
            nonce: manifest.nonce,
            keepNonceUntil: manifest.expires.addingTimeInterval(options.clockSkew),
            bundleCID: manifest.bundleCID,
            now: now
        )
        if let reason {
            verification.record(MigrationCheck("replay", .failed, reason: reason, location: "/sequence"))
        } else {
            verification.record(MigrationCheck("replay", .verified))
        }
        return verification.outcome
    }

    private static func structureFailure(_ error: MigrationError) -> [MigrationCheck] {
        let location = error.reason.hasPrefix("/") ? String(error.reason.prefix { $0 != " " }) : nil
        switch error.code {
        case .malformedJSON, .tooLarge:
            return [MigrationCheck("manifest.parse", .failed, reason: error.code, detail: error.reason)]
        case .nonConformingJSON:
            return [
                MigrationCheck("manifest.parse", .verified),
                MigrationCheck(
                    "manifest.profile",
                    .failed,
                    reason: error.code,
                    location: location,
                    detail: error.reason
                ),
            ]
        default:
            return [
                MigrationCheck("manifest.parse", .verified), MigrationCheck("manifest.profile", .verified),
                MigrationCheck(
                    "manifest.structure",
                    .failed,
                    reason: error.code,
                    location: location,
                    detail: error.reason
                ),
            ]
        }
    }

    private func checkValidity(_ manifest: MigrationManifest, now: Date) -> [MigrationCheck] {
        let skew = options.clockSkew
        let audience: MigrationCheck
        if let expected = options.expectedDomain {
            if let domain = manifest.domain, domain != expected {
                audience = MigrationCheck(
                    "proof.audience",
                    .failed,
                    reason: .domainMismatch,
                    location: "/proof/domain",
                    detail: "the bundle is for \(domain), not \(expected)"
                )
            } else if manifest.domain == nil, !options.acceptsPortableBundles {
                audience = MigrationCheck(
                    "proof.audience",
                    .failed,
                    reason: .domainMismatch,
                    location: "/proof/domain",
                    detail: "portable bundles are not accepted here"
                )
            } else if let challenge = options.expectedChallenge, manifest.challenge != challenge {
                audience = MigrationCheck(
                    "proof.audience",
                    .failed,
                    reason: .challengeMismatch,
                    location: "/proof/challenge"
                )
            } else {
                audience = MigrationCheck("proof.audience", .verified)
            }
        } else if let challenge = options.expectedChallenge, manifest.challenge != challenge {
            audience = MigrationCheck(
                "proof.audience",
                .failed,
                reason: .challengeMismatch,
                location: "/proof/challenge"
            )
        } else if manifest.domain != nil {
            audience = MigrationCheck(
                "proof.audience",
                .notChecked,
                reason: .domainMismatch,
                location: "/proof/domain",
                detail: "no expected domain was given (inspection)"
            )
        } else {
            audience = MigrationCheck("proof.audience", .verified)
        }
        let validity: MigrationCheck
        if manifest.created > now.addingTimeInterval(skew) {
            validity = MigrationCheck("proof.validity", .failed, reason: .notYetValid, location: "/proof/created")
        } else if now >= manifest.expires.addingTimeInterval(skew) {
            validity = MigrationCheck("proof.validity", .failed, reason: .expired, location: "/proof/expires")
        } else if let maximum = options.maximumValidity, manifest.expires.timeIntervalSince(manifest.created) > maximum
        {
            validity = MigrationCheck("proof.validity", .failed, reason: .validityTooLong, location: "/proof/expires")
        } else {
            validity = MigrationCheck("proof.validity", .verified)
        }
        return [audience, validity]
    }

    /// Steps 4–6 (resolution, key rule, signature).
    private func checkProof(
        _ manifest: MigrationManifest,
        now: Date,
        into checks: inout [MigrationCheck],
        qualifiers: inout [String]
    ) async {
        let subject = manifest.subject
        let vmPointer = "/proof/verificationMethod"
        let result: ResolutionResult
        do {
            result = try await resolver.resolve(subject, options: ResolutionOptions())
        } catch {
            let reason: MigrationReason =
                error.code == .methodNotSupported ? .unsupportedDIDMethod : .subjectUnresolvable
            let status: MigrationCheck.Status = error.code == .internalError ? .notChecked : .failed
            checks.append(
                MigrationCheck(
                    "subject.resolution",
                    status,
                    reason: reason,
                    location: "/subject/id",
                    detail: error.detail ?? error.code.rawValue
                )
            )
            checks.append(MigrationCheck("proof.key", .notChecked, reason: reason))
            checks.append(MigrationCheck("proof.signature", .notChecked, reason: reason))
            return
        }
        guard var document = result.didDocument, result.didDocumentMetadata.deactivated != true else {
            let reason: MigrationReason = result.didDocument == nil ? .subjectUnresolvable : .subjectDeactivated
            checks.append(MigrationCheck("subject.resolution", .failed, reason: reason, location: "/subject/id"))
            checks.append(MigrationCheck("proof.key", .notChecked, reason: reason))
            checks.append(MigrationCheck("proof.signature", .notChecked, reason: reason))
            return
        }
        checks.append(MigrationCheck("subject.resolution", .verified))
        // §12: the key rule per DID method.
        let keyCheck: Result<PublicKey, MigrationError> = checkKey(
            manifest,
            document: &document,
            qualifiers: &qualifiers
        )
        let key: PublicKey
        switch keyCheck {
        case .failure(let error):
            checks.append(
                MigrationCheck("proof.key", .failed, reason: error.code, location: vmPointer, detail: error.reason)
            )
            checks.append(MigrationCheck("proof.signature", .notChecked, reason: error.code))
            return
        case .success(let found):
            key = found
            checks.append(MigrationCheck("proof.key", .verified))
        }
        // §11: the signature.
        let signature: MigrationError?
        if manifest.proofType == "DetachedJws" {
            signature = DetachedJWS.verify(manifest, key: key)
        } else {
            signature = await verifyDataIntegrity(manifest, document: document, resolution: result)
        }
        if let signature {
            checks.append(
                MigrationCheck(
                    "proof.signature",
                    .failed,
                    reason: signature.code,
                    location: "/proof",
                    detail: signature.reason
                )
            )
        } else {
            checks.append(MigrationCheck("proof.signature", .verified))
        }
    }

    private func checkKey(
        _ manifest: MigrationManifest,
        document: inout DIDDocument,
        qualifiers: inout [String]
    ) -> Result<PublicKey, MigrationError> {
        let subject = manifest.subject
        let vm = manifest.verificationMethod
        guard let url = try? DIDURL(vm), url.did == subject, url.path.isEmpty, url.query == nil,
            let fragment = url.fragment
        else {
            return .failure(MigrationError(.vmNotSubject, "\(vm) is not a verification method of \(subject)"))
        }
        let isJWS = manifest.proofType == "DetachedJws"
        var key: PublicKey?
        switch subject.method {
        case .key:
            guard fragment == subject.methodSpecificID else {
                return .failure(
                    MigrationError(.keyNotAuthorized, "a did:key signs only with #\(subject.methodSpecificID)")
                )
            }
            key = try? PublicKey(multibase: subject.methodSpecificID)
        case .plc:
            guard (fragment == "migration" && !isJWS) || (fragment == "atproto" && isJWS) else {
                return .failure(
                    MigrationError(
                        .keyNotAuthorized,
                        "did:plc allows #migration with eddsa-jcs-2022, #atproto with DetachedJws"
                    )
                )
            }
            if isJWS { qualifiers.append("host-attested") }
            // §13.5: without the PLC audit log (not fetched here) the 72-hour recovery window cannot be ruled out.
            qualifiers.append("provisional")
            // The IMB profile authorises #migration although PLC documents have no assertionMethod (§12.3).
            if !document.isAuthorized(vm, for: .assertionMethod) { document.assertionMethod.append(.reference(vm)) }
        default:
            guard document.isAuthorized(vm, for: .assertionMethod) else {
                return .failure(MigrationError(.keyNotAuthorized, "\(vm) is not listed under assertionMethod"))
            }
        }
        if key == nil, let method = document.verificationMethod(withID: vm) {
            if let multibase = method.publicKeyMultibase {
                key = try? PublicKey(multibase: multibase)
            } else if let jwk = method.publicKeyJwk {
                key = try? PublicKey(jwk: jwk)
            }
        }
        guard let key else { return .failure(MigrationError(.keyNotAuthorized, "\(vm) has no usable public key")) }
        var allowed: Set<KeyType> = isJWS ? [.secp256k1, .p256] : [.ed25519]
        if isJWS, let algorithmKey = DetachedJWS.keyType(ofAlgorithmIn: manifest) { allowed = [algorithmKey] }
        guard allowed.contains(key.keyType) else {
            return .failure(
                MigrationError(
                    .keyTypeMismatch,
                    "a \(manifest.proofType) proof cannot use a \(key.keyType.rawValue) key"
                )
            )
        }
        return .success(key)
    }

    /// §11.2 through DIDCredentials' `eddsa-jcs-2022`, with the subject's already resolved document.
    private func verifyDataIntegrity(
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
