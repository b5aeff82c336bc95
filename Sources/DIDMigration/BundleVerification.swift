// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDCrypto
import Foundation

/// The state of a verification of one bundle: the checks made so far, filled in as the manifest and then each page
/// arrive (IMB v0.1 §14.2, §14.3). A failed verification is a value, not an error.
public struct BundleVerification: Sendable {
    /// The outcome of a verification (§14.1).
    public enum Outcome: String, Sendable, Hashable {
        /// A mandatory check failed.
        case rejected
        /// Every mandatory check verified, including replay against the receiver's state.
        case accepted
        /// Every mandatory check verified except replay, which was not checked (inspection).
        case verified
        /// No check failed, but a mandatory check other than replay was not made (a page missing, …).
        case incomplete
    }

    /// The manifest, when it parsed and passed the structure checks.
    public let manifest: MigrationManifest?
    /// The checks in the order they were made; page checks are added as pages arrive.
    public private(set) var checks: [MigrationCheck]
    /// Qualifiers (§14.1): `host-attested` for a did:plc `#atproto` signature, `provisional` for every did:plc
    /// subject (the audit log of §13.5 is not fetched by this library, so the recovery window is never ruled out).
    public internal(set) var qualifiers: [MigrationQualifier] = []
    private var pageKeys: [String: (first: [String], last: [String])] = [:]
    /// Attestation results per collection (§14.2 step 12).
    var attestationTallies: [MigrationCollectionName: AttestationTally] = [:]

    init(manifest: MigrationManifest?, checks: [MigrationCheck]) {
        self.manifest = manifest
        self.checks = checks
    }

    mutating func record(_ check: MigrationCheck) {
        checks.removeAll { $0.name == check.name }
        checks.append(check)
    }

    /// The check with this name, if it was made.
    /// - Parameter name: The check's name.
    /// - Returns: The check.
    public func check(_ name: MigrationCheckName) -> MigrationCheck? { checks.first { $0.name == name } }

    /// Every failed check.
    public var failures: [MigrationCheck] { checks.filter { $0.status == .failed } }

    /// The checks a final report shows: the ones made, each page not supplied as `not-checked` (`page-missing`),
    /// and follower consent and completeness as `not-provable` (§14.2 steps 11, 14).
    public var report: [MigrationCheck] {
        var all = checks
        if let manifest {
            let made = Set(checks.map(\.name))
            for collection in manifest.collections {
                guard case .paged(_, let pages) = collection.form else { continue }
                for (index, page) in pages.enumerated() {
                    let name = Self.pageCheckName(collection.name, index)
                    if !made.contains(name) {
                        all.append(MigrationCheck(name, .notChecked, reason: .pageMissing, location: page.href))
                    }
                }
            }
        }
        if let manifest {
            // Steps 9 and 10 need network look-ups (DNS, WebFinger, FEP-c390 proofs, atproto repositories) that
            // this library does not make; they are reported as not checked, never as verified.
            for (index, alias) in manifest.aliases.enumerated()
            where !all.contains(where: { $0.name == .alias(index) }) {
                all.append(
                    MigrationCheck(
                        .alias(index),
                        .notChecked,
                        reason: .aliasUnverifiable,
                        detail: "\(alias) was not checked to point back to the DID",
                        isMandatory: false
                    )
                )
            }
            for index in 0..<manifest.sourceCount where !all.contains(where: { $0.name == .source(index) }) {
                all.append(
                    MigrationCheck(
                        .source(index),
                        .notChecked,
                        reason: .aliasUnverifiable,
                        location: "/sources/\(index)",
                        detail: "the source binding was not checked",
                        isMandatory: false
                    )
                )
            }
        }
        if !all.contains(where: { $0.name == .replay }) {
            all.append(MigrationCheck(.replay, .notChecked, reason: .noReplayState))
        }
        all += attestationSummaries
        all.append(
            MigrationCheck(
                .followerConsent,
                .notProvable,
                reason: .notProvable,
                detail: "a followers list is the subject's claim about third parties (IMB §14.4)",
                isMandatory: false
            )
        )
        all.append(
            MigrationCheck(
                .completeness,
                .notProvable,
                reason: .notProvable,
                detail: "omitted entries cannot be detected (IMB §14.4)",
                isMandatory: false
            )
        )
        return all
    }

    /// The outcome over ``report`` (§14.1).
    public var outcome: Outcome {
        let mandatory = report.filter(\.isMandatory)
        if mandatory.contains(where: { $0.status == .failed }) { return .rejected }
        if mandatory.contains(where: { $0.status == .notChecked && $0.name != .replay }) { return .incomplete }
        return mandatory.first { $0.name == .replay }?.status == .verified ? .accepted : .verified
    }

    /// The name of a page's check: `collections.<name>.pages[<index>]`.
    /// - Parameters:
    ///   - collection: The collection.
    ///   - index: The 0-based page index.
    /// - Returns: The name.
    public static func pageCheckName(_ collection: MigrationCollectionName, _ index: Int) -> MigrationCheckName {
        .page(collection, index)
    }

    /// Checks one page as its bytes arrive (§14.2 step 11): size, CID, byte format, each line's JCS and entry rules,
    /// order and uniqueness within the page and against its neighbours once they are accepted, and the page root.
    /// Memory is the page and its leaf hashes (§14.3).
    /// - Parameters:
    ///   - bytes: The page file's bytes.
    ///   - collection: The collection the page belongs to.
    ///   - index: The page's 0-based index.
    /// - Returns: The page's check, also recorded in ``checks``.
    @discardableResult
    public mutating func verifyPage(
        _ bytes: [UInt8],
        collection: MigrationCollectionName,
        index: Int
    ) -> MigrationCheck {
        let name = Self.pageCheckName(collection, index)
        guard let pages = manifestPages(collection, containing: index) else { return recordMissingPage(name) }
        var attestations: [PendingAttestation] = []
        let result = PageVerifier.verify(bytes, page: pages[index], collection: collection, attestations: &attestations)
        let check = recordPage(result, collection, index)
        if check.status == .verified {
            // Step 12 needs the resolver and is asynchronous: BundleVerifier.verifyBundle(at:) checks attestations,
            // this synchronous call only counts them.
            for item in attestations {
                recordAttestation(
                    AttestationOutcome(
                        status: .notChecked,
                        reason: .attestationUnverifiable,
                        type: item.attestation["type"]?.stringValue ?? "",
                        detail: "not checked by verifyPage; verifyBundle(at:) checks DataIntegrity attestations"
                    ),
                    collection: collection,
                    location: item.location
                )
            }
        }
        return check
    }

    /// The page descriptors of `collection`, or `nil` when the manifest has no page `index` there.
    private func manifestPages(_ collection: MigrationCollectionName, containing index: Int) -> [PageDescriptor]? {
        guard let manifest, let described = manifest.collection(collection),
            case .paged(_, let pages) = described.form, pages.indices.contains(index)
        else { return nil }
        return pages
    }

    /// Records and returns the failed check of a page the manifest does not describe.
    private mutating func recordMissingPage(_ name: MigrationCheckName) -> MigrationCheck {
        let check = MigrationCheck(name, .failed, reason: .invalidField, detail: "the manifest has no such page")
        record(check)
        return check
    }

    /// Records the result of ``PageVerifier/verify(_:page:collection:attestations:)`` for a page of the manifest, with the
    /// order checks against its neighbours when they are already accepted.
    @discardableResult
    mutating func recordPage(
        _ result: Result<(first: [String], last: [String]), PageVerifier.Failure>,
        _ collection: MigrationCollectionName,
        _ index: Int
    ) -> MigrationCheck {
        let name = Self.pageCheckName(collection, index)
        guard let pages = manifestPages(collection, containing: index) else { return recordMissingPage(name) }
        let page = pages[index]
        let check: MigrationCheck
        switch result {
        case .failure(let failure):
            check = MigrationCheck(
                name,
                .failed,
                reason: failure.code,
                location: failure.location,
                detail: failure.reason
            )
        case .success(let keys):
            pageKeys["\(collection.rawValue)#\(index)"] = keys
            var neighbourFailure: MigrationCheck?
            if index > 0, let before = pageKeys["\(collection.rawValue)#\(index - 1)"] {
                neighbourFailure = Self.boundary(before.last, keys.first, name: name, href: page.href)
            }
            if index + 1 < pages.count, let after = pageKeys["\(collection.rawValue)#\(index + 1)"],
                let failure = Self.boundary(
                    keys.last,
                    after.first,
                    name: Self.pageCheckName(collection, index + 1),
                    href: pages[index + 1].href
                )
            {
                record(failure)
            }
            check = neighbourFailure ?? MigrationCheck(name, .verified, location: page.href)
        }
        record(check)
        return check
    }

    private static func boundary(
        _ last: [String],
        _ first: [String],
        name: MigrationCheckName,
        href: String
    ) -> MigrationCheck? {
        let order = MigrationCollectionName.compare(last, first)
        if order < 0 { return nil }
        return MigrationCheck(
            name,
            .failed,
            reason: order == 0 ? .duplicate : .order,
            location: "\(href):1",
            detail: "the first entry does not sort after the last entry of the page before"
        )
    }
}
