// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDCredentials
import Foundation

/// An attestation met while checking a page or the inline items, to be checked once the page is recorded
/// (IMB v0.1 §14.2 step 12).
struct PendingAttestation: Sendable {
    /// Where the entry is: a JSON Pointer to the `attestation` member, or `href:line`.
    let location: String
    /// The `attestation` object.
    let attestation: JSONObject
}

/// The result of checking one attestation.
struct AttestationOutcome: Sendable {
    let status: MigrationCheck.Status
    let reason: MigrationReason?
    let type: String
    let detail: String
}

/// Per-collection counts of attestation results (§14.2 step 12): reported as one summary check per collection, so
/// that memory stays bounded with a million attested entries (§14.3); failures are also listed one by one, up to
/// ``BundleVerification/maxAttestationFailures``.
struct AttestationTally: Sendable, Hashable {
    var verified = 0
    var failed = 0
    var notChecked = 0
    /// The types that were not checked, with why.
    var notCheckedWhy: [String: String] = [:]
}

extension BundleVerifier {
    /// §14.2 step 12 for one attestation, offline: a `DataIntegrity` attestation's embedded proof is verified
    /// through DIDCredentials with this verifier's resolver; the other types need a fetch this library does not
    /// make and are `not-checked`.
    func checkAttestation(_ attestation: JSONObject, now: Date) async -> AttestationOutcome {
        let type = attestation["type"]?.stringValue ?? ""
        switch type {
        case "DataIntegrity":
            guard case .object(let object)? = attestation["object"] else {
                return AttestationOutcome(
                    status: .failed,
                    reason: .attestationMismatch,
                    type: type,
                    detail: "the attestation has no object"
                )
            }
            let result = await DataIntegrity.verify(
                object,
                expecting: DataIntegrity.Expectations(proofPurpose: nil),
                resolver: resolver,
                now: now
            )
            guard let problem = result.problems.first else {
                return AttestationOutcome(
                    status: .verified,
                    reason: nil,
                    type: type,
                    detail: "the embedded proof verifies"
                )
            }
            if problem.kind == .unresolvableIssuer || problem.kind == .unsupportedCryptosuite {
                return AttestationOutcome(
                    status: .notChecked,
                    reason: .attestationUnverifiable,
                    type: type,
                    detail: "the embedded proof could not be checked: \(problem.reason)"
                )
            }
            return AttestationOutcome(
                status: .failed,
                reason: .attestationMismatch,
                type: type,
                detail: "the embedded proof does not verify: \(problem)"
            )
        case "AtprotoRecord":
            return Self.notChecked(
                type,
                "the record is fetched with com.atproto.sync.getRecord, which is not done here"
            )
        case "NostrEvent":
            return Self.notChecked(type, "the kind-3 event must be fetched to verify its signature; not done here")
        default:
            return Self.notChecked(type, "an unsigned reference: nothing to verify without fetching it")
        }
    }

    private static func notChecked(_ type: String, _ why: String) -> AttestationOutcome {
        AttestationOutcome(status: .notChecked, reason: .attestationUnverifiable, type: type, detail: why)
    }

    /// §14.2 step 9 for one alias, offline. An FEP-ef61 `ap://<did>/…` actor or an `at://<did>` URI names its DID
    /// in its authority, so it points back exactly when that DID is the subject (`verified`), and to another DID
    /// otherwise (`failed`, `alias-mismatch`). Handles and ActivityPub actors at a host need DNS or HTTPS look-ups
    /// (the `_atproto` TXT record or `/.well-known/atproto-did`, a FEP-c390 identity proof) that this library does
    /// not make: `not-checked` (`alias-unverifiable`).
    static func checkAlias(_ alias: String, subject: DID, index: Int, pointer: String) -> MigrationCheck {
        let name = MigrationCheckName.alias(index)
        for scheme in ["ap://", "at://"] where alias.hasPrefix(scheme) {
            let authority = alias.dropFirst(scheme.count).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
            guard authority.hasPrefix("did:"), let did = try? DID(String(authority)) else { break }
            if did == subject {
                return MigrationCheck(
                    name,
                    .verified,
                    location: pointer,
                    detail: "\(alias) names the subject DID in its authority",
                    isMandatory: false
                )
            }
            return MigrationCheck(
                name,
                .failed,
                reason: .aliasMismatch,
                location: pointer,
                detail: "\(alias) points to \(did), not to \(subject)",
                isMandatory: false
            )
        }
        let why =
            alias.hasPrefix("at://")
            ? "the handle's DNS _atproto TXT record or /.well-known/atproto-did was not fetched"
            : "the actor's FEP-c390 identity proof was not fetched"
        return MigrationCheck(
            name,
            .notChecked,
            reason: .aliasUnverifiable,
            location: pointer,
            detail: "\(alias) was not checked to point back to the DID: \(why)",
            isMandatory: false
        )
    }

    /// Step 9 for every alias of the manifest, each with the JSON Pointer of its identifier.
    static func checkAliases(_ manifest: MigrationManifest) -> [MigrationCheck] {
        let subject = manifest.json["subject"]?.objectValue
        let alsoKnownAs = subject?["alsoKnownAs"]?.arrayValue?.count ?? 0
        return manifest.aliases.enumerated().map { index, alias in
            let pointer =
                index < alsoKnownAs
                ? "/subject/alsoKnownAs/\(index)" : "/subject/previousIdentifiers/\(index - alsoKnownAs)/id"
            return checkAlias(alias, subject: manifest.subject, index: index, pointer: pointer)
        }
    }

    /// Checks attestations met on a page or in the inline items and records them.
    func checkAttestations(
        _ pending: [PendingAttestation],
        collection: MigrationCollectionName,
        now: Date,
        into verification: inout BundleVerification
    ) async {
        for item in pending {
            let outcome = await checkAttestation(item.attestation, now: now)
            verification.recordAttestation(outcome, collection: collection, location: item.location)
        }
    }
}

extension BundleVerification {
    /// At most this many failed attestations are listed one by one; all are counted.
    static let maxAttestationFailures = 1000

    mutating func recordAttestation(
        _ outcome: AttestationOutcome,
        collection: MigrationCollectionName,
        location: String
    ) {
        var tally = attestationTallies[collection] ?? AttestationTally()
        switch outcome.status {
        case .verified: tally.verified += 1
        case .failed:
            tally.failed += 1
            if tally.failed <= Self.maxAttestationFailures {
                record(
                    MigrationCheck(
                        .attestation(at: location),
                        .failed,
                        reason: outcome.reason,
                        location: location,
                        detail: "\(outcome.type): \(outcome.detail)",
                        isMandatory: false
                    )
                )
            }
        default:
            tally.notChecked += 1
            tally.notCheckedWhy[outcome.type] = outcome.detail
        }
        attestationTallies[collection] = tally
    }

    /// One summary check per collection with attestations: `failed` when any failed, `verified` when all
    /// verified, else `not-checked`.
    var attestationSummaries: [MigrationCheck] {
        MigrationCollectionName.allCases.compactMap { collection in
            guard let tally = attestationTallies[collection] else { return nil }
            var detail = "\(tally.verified) verified, \(tally.failed) failed, \(tally.notChecked) not checked"
            for (type, why) in tally.notCheckedWhy.sorted(by: { $0.key < $1.key }) { detail += "; \(type): \(why)" }
            let status: MigrationCheck.Status =
                tally.failed > 0 ? .failed : tally.notChecked > 0 ? .notChecked : .verified
            return MigrationCheck(
                .attestations(collection),
                status,
                reason: status == .failed
                    ? .attestationMismatch : status == .notChecked ? .attestationUnverifiable : nil,
                location: collection.pointer,
                detail: detail,
                isMandatory: false
            )
        }
    }
}
