// swift-did: decentralized identity for Swift. Apache-2.0.

public import DIDCore
public import Foundation

/// A parsed and structurally checked IMB v0.1 manifest, next to the bytes it was parsed from (IMB v0.1 §8).
///
/// Parsing applies steps 1–3 of §14.2: I-JSON (`malformed-json`), the JCS profile (`non-conforming-json`) and the
/// structure of §8–§11 (`unsupported-version`, `unknown-algorithm`, `invalid-field`, `unknown-member`,
/// `domain-mismatch`, `count-mismatch`, `order`, `duplicate`). Nothing is repaired.
public struct MigrationManifest: Sendable, Hashable {
    /// The manifest bytes as received.
    public let receivedBytes: [UInt8]
    /// The parsed manifest.
    public let json: JSONObject
    /// `JCS(manifest)`: the bytes the bundle CID hashes (§7.4).
    public let canonicalBytes: [UInt8]
    /// The bundle CID: the raw CID of ``canonicalBytes`` (§7.4).
    public let bundleCID: ContentIdentifier
    /// `id`.
    public let id: String
    /// `subject.id`.
    public let subject: DID
    /// `subject.alsoKnownAs` followed by `subject.previousIdentifiers[].id`: the identifiers that should point back
    /// to the DID (§14.2 step 9).
    public let aliases: [String]
    /// The number of `sources`.
    public let sourceCount: Int
    /// `sequence`.
    public let sequence: Int
    /// `nonce`.
    public let nonce: String
    /// `previousBundle`.
    public let previousBundle: ContentIdentifier?
    /// `exportedAt`.
    public let exportedAt: Date
    /// `destination.service`, when the bundle has a destination.
    public let destinationService: String?
    /// The collections present, `graph` members first then `content`.
    public let collections: [MigrationCollection]
    /// `proof`.
    public let proof: JSONObject
    /// `proof.type`: `DataIntegrityProof` or `DetachedJws`.
    public let proofType: String
    /// `proof.verificationMethod`.
    public let verificationMethod: String
    /// `proof.created`.
    public let created: Date
    /// `proof.expires`.
    public let expires: Date
    /// `proof.domain`.
    public let domain: String?
    /// `proof.challenge`.
    public let challenge: String?

    /// The §16 limits a receiver parses with: 16 MiB and a nesting depth of 32 (one more level for the root).
    public static let limits = JSONLimits(maxDepth: 33, maxBytes: 16 * 1024 * 1024)

    /// The `integrity` object of v0.1 (§8.5).
    public static let integrity: JSONObject = [
        "canonicalization": "rfc8785-jcs", "leafHash": "rfc6962-sha2-256", "order": "utf8-bytewise",
        "rootEncoding": "multibase-base58btc-multihash",
    ]

    /// The collection with this name, if the manifest has it.
    /// - Parameter name: The collection name.
    /// - Returns: The collection.
    public func collection(_ name: MigrationCollectionName) -> MigrationCollection? {
        collections.first { $0.name == name }
    }

    /// Parses manifest bytes and checks steps 1–3 of IMB v0.1 §14.2.
    /// - Parameter bytes: The manifest bytes (`bundle.json`).
    /// - Throws: A ``MigrationError`` whose code is the reason of the first failed check and whose reason names the
    ///   JSON Pointer.
    public init(bytes: [UInt8]) throws(MigrationError) {
        guard bytes.count <= Self.limits.maxBytes else {
            throw MigrationError(.tooLarge, "the manifest is larger than 16 MiB")
        }
        let value: JSONValue
        do {
            value = try JSONValue(parsing: bytes, limits: Self.limits)
        } catch {
            throw MigrationError(.malformedJSON, "\(error.reason) at byte \(error.offset ?? 0)")
        }
        guard case .object(let object) = value else { throw FieldRules.invalid("", "must be an object") }
        try FieldRules.checkProfile(value)
        try self.init(object: object, receivedBytes: bytes)
    }

    /// Checks a parsed, profile-conforming manifest (§14.2 step 3).
    init(object: JSONObject, receivedBytes: [UInt8]) throws(MigrationError) {
        // Version and algorithms first: a future version may change anything else.
        guard case .string(let version)? = object["version"] else {
            throw FieldRules.invalid("/version", "must be a string")
        }
        guard version == "0.1" else { throw MigrationError(.unsupportedVersion, "/version \(version) is not 0.1") }
        guard object["integrity"] == .object(Self.integrity) else {
            throw MigrationError(.unknownAlgorithm, "/integrity differs from IMB v0.1 §8.5")
        }
        try FieldRules.closed(
            object,
            [
                "type", "version", "id", "subject", "sources", "destination", "exportedAt", "sequence", "nonce",
                "previousBundle", "integrity", "graph", "content", "extensions", "proof",
            ],
            at: ""
        )
        guard object["type"] == "IdentityMigrationBundle" else {
            throw FieldRules.invalid("/type", "must be IdentityMigrationBundle")
        }
        let id = try FieldRules.string(object["id"], at: "/id")
        guard FieldRules.isURNUUID(id) else { throw FieldRules.invalid("/id", "must be a lower-case urn:uuid") }
        self.id = id
        (subject, aliases) = try Self.checkSubject(object["subject"])
        let sources = try FieldRules.array(object["sources"], at: "/sources")
        guard !sources.isEmpty else { throw FieldRules.invalid("/sources", "must not be empty") }
        sourceCount = sources.count
        for (index, source) in sources.enumerated() {
            _ = try Self.checkPresence(source, at: "/sources/\(index)", isDestination: false)
        }
        if let value = object["destination"] {
            destinationService = try Self.checkPresence(value, at: "/destination", isDestination: true)
        } else {
            destinationService = nil
        }
        exportedAt = try FieldRules.timestamp(object["exportedAt"], at: "/exportedAt")
        sequence = try FieldRules.integer(object["sequence"], at: "/sequence", in: 1...FieldRules.maxInteger)
        let nonce = try FieldRules.string(object["nonce"], at: "/nonce")
        guard FieldRules.isNonce(nonce) else {
            throw FieldRules.invalid("/nonce", "must be canonical base64url of 16–64 bytes")
        }
        self.nonce = nonce
        if let value = object["previousBundle"] {
            let text = try FieldRules.string(value, at: "/previousBundle")
            do {
                previousBundle = try ContentIdentifier(text)
            } catch {
                throw FieldRules.invalid("/previousBundle", "must be a raw CID (\(error.reason))")
            }
        } else {
            previousBundle = nil
        }
        var collections: [MigrationCollection] = []
        if let graph = object["graph"] {
            let members = try FieldRules.object(graph, at: "/graph")
            try FieldRules.closed(members, ["following", "followers", "blocks", "mutes", "lists"], at: "/graph")
            for name in MigrationCollectionName.allCases where name != .content {
                if let value = members[name.rawValue] { collections.append(try Self.checkCollection(value, name)) }
            }
        }
        if let value = object["content"] { collections.append(try Self.checkCollection(value, .content)) }
        var hrefs = Set<BytewiseString>()
        for collection in collections {
            guard case .paged(_, let pages) = collection.form else { continue }
            for page in pages where !hrefs.insert(BytewiseString(page.href)).inserted {
                throw FieldRules.invalid(collection.name.pointer + "/pages", "repeats href \(page.href)")
            }
        }
        self.collections = collections
        if let value = object["extensions"] {
            for key in try FieldRules.object(value, at: "/extensions").keys where !key.contains(":") {
                throw FieldRules.invalid(FieldRules.pointer("/extensions", key), "must contain ':'")
            }
        }
        let proof = try FieldRules.object(object["proof"], at: "/proof")
        self.proof = proof
        let proofType = try FieldRules.string(proof["type"], at: "/proof/type")
        switch proofType {
        case "DataIntegrityProof":
            try FieldRules.closed(
                proof,
                [
                    "type", "cryptosuite", "proofPurpose", "proofValue", "verificationMethod", "created", "expires",
                    "domain", "challenge",
                ],
                at: "/proof"
            )
            guard proof["cryptosuite"] == "eddsa-jcs-2022" else {
                throw MigrationError(.invalidProof, "/proof/cryptosuite must be eddsa-jcs-2022")
            }
            guard proof["proofPurpose"] == "assertionMethod" else {
                throw MigrationError(.invalidProof, "/proof/proofPurpose must be assertionMethod")
            }
            _ = try FieldRules.string(proof["proofValue"], at: "/proof/proofValue")
        case "DetachedJws":
            try FieldRules.closed(
                proof,
                ["type", "jws", "verificationMethod", "created", "expires", "domain", "challenge"],
                at: "/proof"
            )
            _ = try FieldRules.string(proof["jws"], at: "/proof/jws")
        default:
            throw MigrationError(.unsupportedProof, "/proof/type \(proofType) is not supported")
        }
        self.proofType = proofType
        let verificationMethod = try FieldRules.string(proof["verificationMethod"], at: "/proof/verificationMethod")
        guard let url = try? DIDURL(verificationMethod), url.fragment != nil else {
            throw FieldRules.invalid("/proof/verificationMethod", "must be a DID URL with a fragment")
        }
        self.verificationMethod = verificationMethod
        created = try FieldRules.timestamp(proof["created"], at: "/proof/created")
        expires = try FieldRules.timestamp(proof["expires"], at: "/proof/expires")
        guard exportedAt <= created else { throw FieldRules.invalid("/exportedAt", "is later than /proof/created") }
        guard created < expires else { throw FieldRules.invalid("/proof/expires", "is not after /proof/created") }
        domain = try proof["domain"].map { (value) throws(MigrationError) in
            let text = try FieldRules.string(value, at: "/proof/domain")
            guard FieldRules.isOrigin(text) || FieldRules.isDID(text) else {
                throw FieldRules.invalid("/proof/domain", "must be an https origin or a DID")
            }
            return text
        }
        guard domain == destinationService else {
            throw MigrationError(
                .domainMismatch,
                "/proof/domain must be present exactly when /destination is, and equal"
            )
        }
        challenge = try proof["challenge"].map { (value) throws(MigrationError) in
            let text = try FieldRules.string(value, at: "/proof/challenge")
            guard text.count <= 256 else { throw FieldRules.invalid("/proof/challenge", "is longer than 256") }
            return text
        }
        json = object
        self.receivedBytes = receivedBytes
        do {
            canonicalBytes = try JSONValue.object(object).serialized(.canonical)
        } catch {
            throw MigrationError(.nonConformingJSON, error.reason)
        }
        bundleCID = ContentIdentifier(rawContentOf: canonicalBytes)
    }

    private static func checkSubject(_ value: JSONValue?) throws(MigrationError) -> (DID, [String]) {
        let subject = try FieldRules.object(value, at: "/subject")
        try FieldRules.closed(
            subject,
            ["id", "alsoKnownAs", "previousIdentifiers", "didDocumentVersion"],
            at: "/subject"
        )
        let did = try FieldRules.did(subject["id"], at: "/subject/id")
        var aliases: [String] = []
        for (index, item) in try FieldRules.array(subject["alsoKnownAs"], at: "/subject/alsoKnownAs").enumerated() {
            aliases.append(try FieldRules.uri(item, at: "/subject/alsoKnownAs/\(index)", allowingFragment: true))
        }
        if let value = subject["previousIdentifiers"] {
            var seen = Set<BytewiseString>()
            for (index, item) in try FieldRules.array(value, at: "/subject/previousIdentifiers").enumerated() {
                let p = "/subject/previousIdentifiers/\(index)"
                let object = try FieldRules.object(item, at: p)
                try FieldRules.closed(object, ["id", "acct", "handle", "relation", "until"], at: p)
                let id = try FieldRules.uri(object["id"], at: p + "/id", allowingFragment: true)
                guard seen.insert(BytewiseString(id)).inserted else {
                    throw FieldRules.invalid(p + "/id", "repeats an id")
                }
                aliases.append(id)
                if let acct = object["acct"], !FieldRules.isAcct(try FieldRules.string(acct, at: p + "/acct")) {
                    throw FieldRules.invalid(p + "/acct", "must be user@host")
                }
                if let handle = object["handle"] { _ = try FieldRules.string(handle, at: p + "/handle") }
                guard let relation = object["relation"]?.stringValue,
                    ["retiring", "retired", "alias"].contains(relation)
                else { throw FieldRules.invalid(p + "/relation", "must be retiring, retired or alias") }
                if let until = object["until"] { _ = try FieldRules.timestamp(until, at: p + "/until") }
            }
        }
        if let version = subject["didDocumentVersion"] {
            _ = try FieldRules.string(version, at: "/subject/didDocumentVersion")
        }
        return (did, aliases)
    }

    /// Checks a Presence (§8.3, §8.4); returns `service`.
    private static func checkPresence(
        _ value: JSONValue,
        at pointer: String,
        isDestination: Bool
    ) throws(MigrationError)
        -> String?
    {
        let presence = try FieldRules.object(value, at: pointer)
        let p = { (name: String) in FieldRules.pointer(pointer, name) }
        try FieldRules.closed(presence, ["protocol", "platform", "actor", "service", "repo", "archive"], at: pointer)
        guard FieldRules.isProtocolToken(try FieldRules.string(presence["protocol"], at: p("protocol"))) else {
            throw FieldRules.invalid(p("protocol"), "is not a protocol token")
        }
        if let platform = presence["platform"] {
            let text = try FieldRules.string(platform, at: p("platform"))
            guard text == text.lowercased() else { throw FieldRules.invalid(p("platform"), "must be lower case") }
        }
        if let actor = presence["actor"] {
            let text = try FieldRules.string(actor, at: p("actor"))
            guard FieldRules.isDID(text) || FieldRules.isURI(text) else {
                throw FieldRules.invalid(p("actor"), "must be a URI or DID")
            }
        }
        var service: String?
        if let value = presence["service"] {
            let text = try FieldRules.string(value, at: p("service"))
            guard FieldRules.isOrigin(text) || FieldRules.isDID(text) else {
                throw FieldRules.invalid(p("service"), "must be an https origin or a DID")
            }
            service = text
        } else if isDestination {
            throw FieldRules.invalid(p("service"), "is required in destination")
        }
        if let value = presence["repo"] {
            let repo = try FieldRules.object(value, at: p("repo"))
            try FieldRules.closed(repo, ["commit", "rev"], at: p("repo"))
            _ = try ContentIdentifier(
                try FieldRules.string(repo["commit"], at: p("repo") + "/commit"),
                allowing: [.dagCBOR]
            )
            _ = try FieldRules.string(repo["rev"], at: p("repo") + "/rev")
        }
        if let value = presence["archive"] {
            let archive = try FieldRules.object(value, at: p("archive"))
            try FieldRules.closed(archive, ["cid", "name"], at: p("archive"))
            _ = try ContentIdentifier(try FieldRules.string(archive["cid"], at: p("archive") + "/cid"))
            let name = try FieldRules.string(archive["name"], at: p("archive") + "/name")
            guard !name.contains("/") else { throw FieldRules.invalid(p("archive") + "/name", "must be a file name") }
        }
        return service
    }
}
