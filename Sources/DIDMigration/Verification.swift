// swift-did: decentralized identity for Swift. Apache-2.0.

public import DIDCore
import DIDCrypto
import Foundation

/// The result of one check of the receiver's algorithm (IMB v0.1 §14.1).
public struct MigrationCheck: Sendable, Hashable, CustomStringConvertible {
    /// What a check found (§14.1).
    public enum Status: String, Sendable, Hashable {
        /// Performed and passed.
        case verified
        /// Performed and failed; carries a reason and a location.
        case failed
        /// The receiver lacked an input or a capability; carries a reason.
        case notChecked = "not-checked"
        /// The format cannot establish it (§14.4).
        case notProvable = "not-provable"
    }

    /// The check's name as §14.2 spells it: `manifest.parse`, `proof.signature`, `collections.followers.pages[2]`.
    public let name: String
    /// The status.
    public let status: Status
    /// The reason code, for every status but ``Status/verified``.
    public let reason: MigrationReason?
    /// A JSON Pointer into the manifest, or a page `href` with `:line`.
    public let location: String?
    /// A human sentence.
    public let detail: String?
    /// Whether the check is one of the mandatory steps (1–8, 11).
    public let isMandatory: Bool

    /// Creates a check result.
    /// - Parameters:
    ///   - name: The check's name.
    ///   - status: The status.
    ///   - reason: The reason code.
    ///   - location: A JSON Pointer or `href:line`.
    ///   - detail: A human sentence.
    ///   - isMandatory: Whether the check is mandatory.
    public init(
        _ name: String,
        _ status: Status,
        reason: MigrationReason? = nil,
        location: String? = nil,
        detail: String? = nil,
        isMandatory: Bool = true
    ) {
        self.name = name
        self.status = status
        self.reason = reason
        self.location = location
        self.detail = detail
        self.isMandatory = isMandatory
    }

    /// `name: status (reason at location: detail)`.
    public var description: String {
        var text = "\(name): \(status.rawValue)"
        if let reason { text += " (\(reason)" + (location.map { " at \($0)" } ?? "") + ")" }
        if let detail { text += ": \(detail)" }
        return text
    }

    /// The check as JSON: `name`, `status`, and `reason`, `location`, `detail` when present.
    public var json: JSONValue {
        var object: JSONObject = ["name": .string(name), "status": .string(status.rawValue)]
        if let reason { object.append("reason", .string(reason.rawValue)) }
        if let location { object.append("location", .string(location)) }
        if let detail { object.append("detail", .string(detail)) }
        return .object(object)
    }
}

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
    public internal(set) var qualifiers: [String] = []
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
    public func check(_ name: String) -> MigrationCheck? { checks.first { $0.name == name } }

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
            where !all.contains(where: { $0.name == "aliases[\(index)]" }) {
                all.append(
                    MigrationCheck(
                        "aliases[\(index)]",
                        .notChecked,
                        reason: .aliasUnverifiable,
                        detail: "\(alias) was not checked to point back to the DID",
                        isMandatory: false
                    )
                )
            }
            for index in 0..<manifest.sourceCount where !all.contains(where: { $0.name == "sources[\(index)]" }) {
                all.append(
                    MigrationCheck(
                        "sources[\(index)]",
                        .notChecked,
                        reason: .aliasUnverifiable,
                        location: "/sources/\(index)",
                        detail: "the source binding was not checked",
                        isMandatory: false
                    )
                )
            }
        }
        if !all.contains(where: { $0.name == "replay" }) {
            all.append(MigrationCheck("replay", .notChecked, reason: .noReplayState))
        }
        all += attestationSummaries
        all.append(
            MigrationCheck(
                "followerConsent",
                .notProvable,
                reason: .notProvable,
                detail: "a followers list is the subject's claim about third parties (IMB §14.4)",
                isMandatory: false
            )
        )
        all.append(
            MigrationCheck(
                "completeness",
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
        if mandatory.contains(where: { $0.status == .notChecked && $0.name != "replay" }) { return .incomplete }
        return mandatory.first { $0.name == "replay" }?.status == .verified ? .accepted : .verified
    }

    /// The name of a page's check: `collections.<name>.pages[<index>]`.
    /// - Parameters:
    ///   - collection: The collection.
    ///   - index: The 0-based page index.
    /// - Returns: The name.
    public static func pageCheckName(_ collection: MigrationCollectionName, _ index: Int) -> String {
        "collections.\(collection.rawValue).pages[\(index)]"
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
        guard let manifest, let described = manifest.collection(collection),
            case .paged(_, let pages) = described.form, pages.indices.contains(index)
        else {
            let check = MigrationCheck(name, .failed, reason: .invalidField, detail: "the manifest has no such page")
            record(check)
            return check
        }
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

    /// Records the result of ``PageVerifier/verify(_:page:collection:attestations:)`` for a page of the manifest, with the
    /// order checks against its neighbours when they are already accepted.
    @discardableResult
    mutating func recordPage(
        _ result: Result<(first: [String], last: [String]), PageVerifier.Failure>,
        _ collection: MigrationCollectionName,
        _ index: Int
    ) -> MigrationCheck {
        let name = Self.pageCheckName(collection, index)
        guard let manifest, let described = manifest.collection(collection),
            case .paged(_, let pages) = described.form, pages.indices.contains(index)
        else {
            let check = MigrationCheck(name, .failed, reason: .invalidField, detail: "the manifest has no such page")
            record(check)
            return check
        }
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

    private static func boundary(_ last: [String], _ first: [String], name: String, href: String) -> MigrationCheck? {
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

/// The page checks of §14.2 step 11.
enum PageVerifier {
    struct Failure: Error {
        let code: MigrationReason
        let location: String
        let reason: String
    }

    /// The §16 page size limit.
    static let maxPageBytes = 64 * 1024 * 1024

    /// Checks one page (§14.2 step 11); entries with an `attestation` are appended to `attestations` for step 12.
    static func verify(
        _ bytes: [UInt8],
        page: PageDescriptor,
        collection: MigrationCollectionName,
        attestations: inout [PendingAttestation]
    ) -> Result<(first: [String], last: [String]), Failure> {
        let href = page.href
        guard bytes.count <= maxPageBytes else {
            return .failure(Failure(code: .tooLarge, location: href, reason: "the page is larger than 64 MiB"))
        }
        guard ContentIdentifier(rawContentOf: bytes) == page.cid else {
            return .failure(
                Failure(code: .pageCIDMismatch, location: href, reason: "the page's bytes do not have CID \(page.cid)")
            )
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return .failure(
                Failure(code: .pageFormat, location: href, reason: "the page starts with a byte order mark")
            )
        }
        guard bytes.last == 0x0A else {
            return .failure(Failure(code: .pageFormat, location: href, reason: "the last line does not end with LF"))
        }
        guard isASCII(bytes) || String(validating: bytes, as: UTF8.self) != nil else {
            return .failure(Failure(code: .pageFormat, location: href, reason: "the page is not valid UTF-8"))
        }
        var accumulator = MerkleAccumulator()
        var first: [String] = []
        var previous: [String]?
        var lineNumber = 0
        var start = 0
        var canonical: [UInt8] = []
        var leafInput: [UInt8] = [0x00]
        for end in bytes.indices where bytes[end] == 0x0A {
            lineNumber += 1
            let line = bytes[start..<end]
            start = end + 1
            guard !line.isEmpty else {
                return .failure(Failure(code: .pageFormat, location: "\(href):\(lineNumber)", reason: "empty line"))
            }
            guard lineNumber <= page.count else {
                return .failure(
                    Failure(code: .pageCountMismatch, location: href, reason: "more than \(page.count) lines")
                )
            }
            let key: [String]
            if let fast = line.withUnsafeBytes({ EntryFastPath.sortKey(of: $0, in: collection) }) {
                key = fast
            } else {
                let location = "\(href):\(lineNumber)"
                switch checkEntry(line, collection: collection, location: location, into: &canonical) {
                case .failure(let failure): return .failure(failure)
                case .success(let (slow, attestation)):
                    key = slow
                    if let attestation {
                        attestations.append(PendingAttestation(location: location, attestation: attestation))
                    }
                }
            }
            if let previous {
                let order = MigrationCollectionName.compare(previous, key)
                if order >= 0 {
                    return .failure(
                        Failure(
                            code: order == 0 ? .duplicate : .order,
                            location: "\(href):\(lineNumber)",
                            reason: order == 0
                                ? "repeats the sort key of the line before" : "sorts before the line before"
                        )
                    )
                }
            } else {
                first = key
            }
            previous = key
            leafInput.removeSubrange(1...)
            leafInput.append(contentsOf: line)
            accumulator.append(Digest.sha256(leafInput))
        }
        guard lineNumber == page.count else {
            return .failure(
                Failure(code: .pageCountMismatch, location: href, reason: "\(lineNumber) lines, expected \(page.count)")
            )
        }
        guard accumulator.root == page.root else {
            return .failure(
                Failure(code: .pageRootMismatch, location: href, reason: "the MTH of the lines is not the page's root")
            )
        }
        return .success((first, previous ?? []))
    }

    /// Whether every byte is below 0x80 (then the page is valid UTF-8 without building a string), eight at a time.
    static func isASCII(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var index = 0
            var seen: UInt64 = 0
            while index + 8 <= buffer.count {
                seen |= buffer.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                index += 8
            }
            while index < buffer.count {
                seen |= UInt64(buffer[index])
                index += 1
            }
            return seen & 0x8080_8080_8080_8080 == 0
        }
    }

    /// The full checks of one line (§14.2 step 11d): parse, §5.1, byte-identical to its JCS, valid for the
    /// collection. Returns the entry's sort key and its attestation.
    static func checkEntry(
        _ line: ArraySlice<UInt8>,
        collection: MigrationCollectionName,
        location: String,
        into canonical: inout [UInt8]
    ) -> Result<([String], attestation: JSONObject?), Failure> {
        let value: JSONValue
        do {
            value = try line.withUnsafeBytes { (buffer) throws(DIDError) in
                try JSONValue(parsing: buffer, limits: MigrationManifest.limits)
            }
            try FieldRules.checkProfile(value)
            canonical.removeAll(keepingCapacity: true)
            try value.write(to: &canonical, style: .canonical)
        } catch let error as DIDError {
            return .failure(Failure(code: .pageNotCanonical, location: location, reason: error.reason))
        } catch let error as MigrationError {
            return .failure(Failure(code: .pageNotCanonical, location: location, reason: error.reason))
        } catch {
            return .failure(Failure(code: .pageNotCanonical, location: location, reason: "\(error)"))
        }
        guard canonical.elementsEqual(line) else {
            return .failure(
                Failure(code: .pageNotCanonical, location: location, reason: "the line is not the JCS of its value")
            )
        }
        do {
            try collection.validate(value, at: location)
        } catch {
            return .failure(Failure(code: error.code, location: location, reason: error.reason))
        }
        guard case .object(let entry) = value else {
            return .failure(Failure(code: .invalidField, location: location, reason: "the entry is not an object"))
        }
        return .success((collection.sortKey(of: entry), entry["attestation"]?.objectValue))
    }
}

extension BundleVerification {
    /// Checks content bytes obtained for a content entry (§14.2 step 13, not mandatory): the CID of the bytes (with
    /// the entry's codec) and, when given, `size`. Records `content[<uri> <rel>]`.
    /// - Parameters:
    ///   - bytes: The bytes the entry's `cid` hashes: a file's bytes, or the full JCS of an ActivityPub object.
    ///   - entry: The content entry.
    /// - Returns: The check.
    @discardableResult
    public mutating func verifyContent(_ bytes: [UInt8], for entry: ContentEntry) -> MigrationCheck {
        let name = "content[\(entry.uri) \(entry.rel ?? "")]"
        let check: MigrationCheck
        if let cid = entry.cid {
            let computed = ContentIdentifier(codec: cid.codec, sha256Digest: Digest.sha256(bytes))
            if computed != cid {
                check = MigrationCheck(
                    name,
                    .failed,
                    reason: .contentCIDMismatch,
                    detail: "the bytes have CID \(computed), not \(cid)",
                    isMandatory: false
                )
            } else if let size = entry.size, size != bytes.count {
                check = MigrationCheck(
                    name,
                    .failed,
                    reason: .contentCIDMismatch,
                    detail: "\(bytes.count) bytes, size says \(size)",
                    isMandatory: false
                )
            } else {
                check = MigrationCheck(name, .verified, isMandatory: false)
            }
        } else {
            check = MigrationCheck(
                name,
                .notChecked,
                reason: .contentCIDMismatch,
                detail: "the entry has no cid",
                isMandatory: false
            )
        }
        record(check)
        return check
    }

    /// Checks an ActivityPub object obtained for a content entry: its CID is over the full RFC 8785 JCS bytes of the
    /// object (§10.3.2). An object that cannot be canonicalized fails.
    /// - Parameters:
    ///   - object: The object, parsed.
    ///   - entry: The content entry.
    /// - Returns: The check.
    @discardableResult
    public mutating func verifyContent(object: JSONValue, for entry: ContentEntry) -> MigrationCheck {
        guard let bytes = try? object.serialized(.canonical) else {
            let check = MigrationCheck(
                "content[\(entry.uri) \(entry.rel ?? "")]",
                .failed,
                reason: .contentCIDMismatch,
                detail: "the object cannot be canonicalized",
                isMandatory: false
            )
            record(check)
            return check
        }
        return verifyContent(bytes, for: entry)
    }
}
