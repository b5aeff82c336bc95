// swift-did: decentralized identity for Swift. Apache-2.0.

public import DIDCore
import DIDCredentials
public import DIDCrypto
public import Foundation

/// Writes an Identity Migration Bundle (IMB v0.1 §15): entries are added in any order, each collection is sorted
/// with bounded memory (chunks sorted in memory, spilled to temporary files, merged k-way), written as JSON Lines
/// pages while their CIDs and roots are computed, and the manifest is signed last — `eddsa-jcs-2022` through
/// DIDCredentials for Ed25519 keys, `DetachedJws` ES256K for secp256k1 keys. The bundle is written into a temporary
/// directory next to the target and renamed into place only when complete.
public struct BundleExporter {
    /// The configuration. Importers may fill in `sources`, `alsoKnownAs` and the other members after reading an
    /// archive, until ``export(to:key:verificationMethod:)``, which checks `pageSize` again.
    public var configuration: Configuration
    private let workDirectory: URL
    private var sorters: [MigrationCollectionName: ExternalSorter] = [:]

    /// Creates an exporter with its own temporary working directory below `temporaryDirectory`.
    /// - Parameters:
    ///   - configuration: What goes into the manifest.
    ///   - temporaryDirectory: Where sort runs are written; the system's temporary directory by default.
    /// - Throws: ``MigrationReason/invalidField`` for a page size that is not a power of two ≤ 65536, or when the
    ///   working directory cannot be created.
    public init(configuration: Configuration, temporaryDirectory: URL? = nil) throws(MigrationError) {
        let pageSize = configuration.pageSize
        guard pageSize >= 1, pageSize <= 65536, pageSize & (pageSize - 1) == 0 else {
            throw MigrationError(.invalidField, "pageSize \(pageSize) is not a power of two in 1…65536")
        }
        self.configuration = configuration
        let base = temporaryDirectory ?? FileManager.default.temporaryDirectory
        workDirectory = base.appendingPathComponent("imb-export-\(UUID().uuidString.lowercased())")
        do {
            try FileManager.default.createDirectory(at: workDirectory, withIntermediateDirectories: true)
        } catch {
            throw MigrationError(.invalidField, "cannot create \(workDirectory.path): \(error)", category: .io)
        }
    }

    /// Declares a collection so that it is written even when no entry is added: an empty list read from a source
    /// (a `following_accounts.csv` with only its header) is a statement — zero entries — while an absent collection
    /// says nothing. An empty collection is written inline with `count` 0, `items` [] and the empty-tree root
    /// `MTH({}) = SHA-256()` (IMB v0.1 §6.2, §9.1). Adding an entry declares its collection too.
    /// - Parameter collection: The collection.
    public mutating func include(_ collection: MigrationCollectionName) {
        if sorters[collection] == nil {
            sorters[collection] = ExternalSorter(
                collection: collection,
                chunkSize: configuration.sortChunkSize,
                directory: workDirectory
            )
        }
    }

    /// Adds an entry to a collection, in any order. The entry is checked (§5.1, §10) and canonicalized now.
    /// - Parameters:
    ///   - entry: The entry.
    ///   - collection: Its collection.
    /// - Throws: The entry's rule violation (`invalid-field`, `unknown-member`, `non-conforming-json`), or an I/O
    ///   failure while spilling a sort run.
    public mutating func add(_ entry: JSONObject, to collection: MigrationCollectionName) throws(MigrationError) {
        let value = JSONValue.object(entry)
        let line: [UInt8]
        do {
            // The writer reserves 512 bytes; the sort chunk keeps 65,536 lines, so keep an exact-size copy
            // (about 120 bytes for a typical follower instead of 512).
            let serialized = try value.serialized(.canonical)
            line = [UInt8](unsafeUninitializedCapacity: serialized.count) { buffer, count in
                count = buffer.initialize(fromContentsOf: serialized)
            }
        } catch {
            throw MigrationError(.nonConformingJSON, "\(collection.pointer): \(error.reason)")
        }
        // The JCS of the common entry shapes is checked in one pass (what it accepts, the full checks accept);
        // anything else gets the full checks, which name the offending member.
        let key: [String]
        if let fast = line.withUnsafeBytes({ EntryFastPath.sortKey(of: $0, in: collection) }) {
            key = fast
        } else {
            try FieldRules.checkProfile(value, at: collection.pointer)
            try collection.validate(value, at: collection.pointer)
            key = collection.sortKey(of: entry)
        }
        try append(line, key: key, to: collection)
    }

    /// Adds a checked relationship entry (§10.1) to a graph collection, in any order: it is canonicalized from its
    /// members and sorted by its `id` (or `list`, `id`), without being parsed or checked again.
    /// - Parameters:
    ///   - entry: The entry, checked when it was built.
    ///   - collection: Its collection: any but `content`; `lists` exactly when the entry has a `list`.
    /// - Throws: ``MigrationReason/invalidField`` for the wrong collection, ``MigrationReason/nonConformingJSON``
    ///   when a member breaks the §5.1 profile, or an I/O failure while spilling a sort run.
    public mutating func add(_ entry: RelationshipEntry, to collection: MigrationCollectionName) throws(MigrationError)
    {
        guard collection != .content, (collection == .lists) == (entry.list != nil) else {
            throw MigrationError(
                .invalidField,
                "a relationship entry \(entry.id) does not belong in \(collection.pointer)"
            )
        }
        let key = entry.list.map { [$0, entry.id] } ?? [entry.id]
        try append(try Self.canonicalLine(entry.object, for: collection), key: key, to: collection)
    }

    /// Adds a checked content entry (§10.3) to `content`, in any order, sorted by (`uri`, `rel`) without being parsed
    /// or checked again.
    /// - Parameter entry: The entry, checked when it was read.
    /// - Throws: ``MigrationReason/nonConformingJSON`` when a member breaks the §5.1 profile, or an I/O failure.
    public mutating func add(_ entry: ContentEntry) throws(MigrationError) {
        let line = try Self.canonicalLine(entry.object, for: .content)
        try append(line, key: [entry.uri, entry.rel ?? ""], to: .content)
    }

    /// The JCS of an already checked entry, after the §5.1 profile check (a walk of the value, not a parse).
    private static func canonicalLine(
        _ object: JSONObject,
        for collection: MigrationCollectionName
    ) throws(MigrationError) -> [UInt8] {
        let value = JSONValue.object(object)
        try FieldRules.checkProfile(value, at: collection.pointer)
        do {
            return try value.serialized(.canonical)
        } catch {
            throw MigrationError(.nonConformingJSON, "\(collection.pointer): \(error.reason)")
        }
    }

    /// Hands one canonical line and its sort key to the collection's sorter.
    private mutating func append(
        _ line: [UInt8],
        key: [String],
        to collection: MigrationCollectionName
    ) throws(MigrationError) {
        guard line.count <= 65536 else { throw MigrationError(.tooLarge, "an entry's JCS exceeds 65,536 bytes") }
        var sorter =
            sorters[collection]
            ?? ExternalSorter(collection: collection, chunkSize: configuration.sortChunkSize, directory: workDirectory)
        sorters[collection] = nil
        try sorter.add(key: key, line: line)
        sorters[collection] = sorter
    }

    /// Sorts, pages, signs and writes the bundle to `directory`, which must not exist yet.
    /// - Parameters:
    ///   - directory: The bundle directory to create (`bundle.json` and `pages/…`).
    ///   - key: The subject's signing key: Ed25519 (`eddsa-jcs-2022`), secp256k1 or P-256 (`DetachedJws` ES256K,
    ///     ES256 with low-S).
    ///   - verificationMethod: The key's verification method (`did:key:z…#z…` for did:key).
    /// - Returns: The signed manifest as written.
    /// - Throws: ``MigrationReason/duplicate`` when two different entries share a sort key, ``MigrationReason/invalidField``
    ///   for I/O failures or a `pageSize` that is not a power of two in 1…65536, ``MigrationReason/keyTypeMismatch``
    ///   for an unsupported key type.
    public mutating func export(
        to directory: URL,
        key: PrivateKey,
        verificationMethod: String
    ) throws(MigrationError) -> MigrationManifest {
        let fileManager = FileManager.default
        let pageSize = configuration.pageSize
        guard pageSize >= 1, pageSize <= 65536, pageSize & (pageSize - 1) == 0 else {
            throw MigrationError(.invalidField, "pageSize \(pageSize) is not a power of two in 1…65536")
        }
        guard !fileManager.fileExists(atPath: directory.path) else {
            throw MigrationError(.invalidField, "\(directory.path) already exists")
        }
        let parent = directory.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(directory.lastPathComponent).partial-\(UUID().uuidString)")
        defer {
            try? fileManager.removeItem(at: staging)
            try? fileManager.removeItem(at: workDirectory)
        }
        do {
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw MigrationError(.invalidField, "cannot create \(staging.path): \(error)", category: .io)
        }
        var manifest = JSONObject()
        manifest.append("type", "IdentityMigrationBundle")
        manifest.append("version", "0.1")
        manifest.append("id", .string("urn:uuid:" + UUID().uuidString.lowercased()))
        var subject: JSONObject = [
            "id": .string(configuration.subject.description),
            "alsoKnownAs": .array(configuration.alsoKnownAs.map(JSONValue.string)),
        ]
        if !configuration.previousIdentifiers.isEmpty {
            subject.append("previousIdentifiers", .array(configuration.previousIdentifiers.map(JSONValue.object)))
        }
        manifest.append("subject", .object(subject))
        manifest.append("sources", .array(configuration.sources.map(JSONValue.object)))
        if let destination = configuration.destination { manifest.append("destination", .object(destination)) }
        let exportedAt = Date(timeIntervalSince1970: configuration.exportedAt.timeIntervalSince1970.rounded(.down))
        manifest.append("exportedAt", .string(DateTime(exportedAt).text))
        manifest.append("sequence", .number(Double(configuration.sequence)))
        manifest.append("nonce", .string(Base64URL.encode(SecureRandom.bytes(count: 16))))
        if let previous = configuration.previousBundle {
            manifest.append("previousBundle", .string(previous.description))
        }
        manifest.append("integrity", .object(MigrationManifest.integrity))
        var graph = JSONObject()
        for name in MigrationCollectionName.allCases {
            guard var sorter = sorters[name] else { continue }
            let collection = try writeCollection(&sorter, into: staging)
            if name == .content {
                manifest.append("content", .object(collection))
            } else {
                graph.append(name.rawValue, .object(collection))
            }
        }
        sorters = [:]
        if !graph.isEmpty { manifest.append("graph", .object(graph)) }
        if let extensions = configuration.extensions { manifest.append("extensions", .object(extensions)) }
        let signed = try sign(manifest, key: key, verificationMethod: verificationMethod, created: exportedAt)
        let bytes: [UInt8]
        do {
            bytes = try JSONValue.object(signed).serialized(.canonical)
        } catch {
            throw MigrationError(.nonConformingJSON, error.reason)
        }
        let result = try MigrationManifest(bytes: bytes)
        do {
            try Data(bytes).write(to: staging.appendingPathComponent("bundle.json"))
            try fileManager.moveItem(at: staging, to: directory)
        } catch {
            throw MigrationError(.invalidField, "cannot write the bundle to \(directory.path): \(error)", category: .io)
        }
        return result
    }

    /// Merges one collection and writes it inline or as pages (§9.1, §9.2, §15.2).
    private func writeCollection(
        _ sorter: inout ExternalSorter,
        into staging: URL
    ) throws(MigrationError)
        -> JSONObject
    {
        let name = sorter.collection
        var collection = JSONObject()
        if name == .followers { collection.append("consent", "not-asserted") }
        // §9.1: a collection with no entries is always inline (`combine` is undefined on zero pages).
        if sorter.added == 0 || sorter.added <= configuration.inlineLimit {
            var items: [JSONValue] = []
            var leaves = MerkleAccumulator()
            try sorter.merge { (line, _) throws(MigrationError) in
                guard let value = try? JSONValue(parsing: line) else { return }
                items.append(value)
                leaves.append(MerkleTree.leafHash(line))
            }
            collection.append("count", .number(Double(items.count)))
            collection.append("items", .array(items))
            collection.append("merkleRoot", .string(RootEncoding.encode(leaves.root)))
            return collection
        }
        let folder = staging.appendingPathComponent("pages/\(name.rawValue)")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw MigrationError(.invalidField, "cannot create \(folder.path): \(error)", category: .io)
        }
        let pageSize = configuration.pageSize
        var pages: [JSONValue] = []
        var pageRoots = MerkleAccumulator()
        var pageBytes: [UInt8] = []
        var pageLeaves = MerkleAccumulator()
        var total = 0
        func flush() throws(MigrationError) {
            guard pageLeaves.count > 0 else { return }
            let index = String(pages.count)
            let href =
                "pages/\(name.rawValue)/" + String(repeating: "0", count: max(0, 6 - index.count)) + index + ".jsonl"
            do {
                try Data(pageBytes).write(to: staging.appendingPathComponent(href))
            } catch {
                throw MigrationError(.invalidField, "cannot write \(href): \(error)", category: .io)
            }
            let root = pageLeaves.root
            pages.append(
                [
                    "href": .string(href), "count": .number(Double(pageLeaves.count)),
                    "cid": .string(ContentIdentifier(rawContentOf: pageBytes).description),
                    "root": .string(RootEncoding.encode(root)),
                ]
            )
            pageRoots.append(root)
            pageBytes.removeAll(keepingCapacity: true)
            pageLeaves = MerkleAccumulator()
        }
        try sorter.merge { (line, _) throws(MigrationError) in
            pageBytes.append(contentsOf: line)
            pageBytes.append(0x0A)
            pageLeaves.append(MerkleTree.leafHash(line))
            total += 1
            if pageLeaves.count == pageSize { try flush() }
        }
        try flush()
        collection.append("count", .number(Double(total)))
        collection.append("merkleRoot", .string(RootEncoding.encode(pageRoots.root)))
        collection.append("pageSize", .number(Double(pageSize)))
        collection.append("pages", .array(pages))
        return collection
    }

    /// Signs last (§15.4): `eddsa-jcs-2022` for Ed25519 keys (§11.2), `DetachedJws` for secp256k1 and P-256 (§11.3).
    private func sign(
        _ manifest: JSONObject,
        key: PrivateKey,
        verificationMethod: String,
        created: Date
    ) throws(MigrationError) -> JSONObject {
        let expires = created.addingTimeInterval(configuration.validity.rounded(.down))
        let domain = configuration.destination?["service"]?.stringValue
        switch key.keyType {
        case .ed25519:
            let options = ProofOptions(
                cryptosuite: .eddsaJcs2022,
                verificationMethod: verificationMethod,
                created: created,
                expires: expires,
                domain: domain.map { [$0] },
                challenge: configuration.challenge
            )
            do {
                return try DataIntegrity.addProof(to: manifest, options: options, key: key)
            } catch {
                throw MigrationError(.invalidProof, "signing failed: \(error.reason)")
            }
        case .secp256k1, .p256:
            let algorithm = key.keyType == .secp256k1 ? "ES256K" : "ES256"
            var proof = JSONObject()
            proof.append("type", "DetachedJws")
            proof.append("verificationMethod", .string(verificationMethod))
            proof.append("created", .string(DateTime(created).text))
            proof.append("expires", .string(DateTime(expires).text))
            if let domain { proof.append("domain", .string(domain)) }
            if let challenge = configuration.challenge { proof.append("challenge", .string(challenge)) }
            var signed = manifest
            signed["proof"] = .object(proof)
            let header: JSONValue = [
                "alg": .string(algorithm), "b64": false, "crit": ["b64"], "kid": .string(verificationMethod),
            ]
            do {
                let headerSegment = Base64URL.encode(try header.serialized(.canonical))
                let payload = try DetachedJWS.payload(of: signed)
                var signature = try key.signature(for: Array(headerSegment.utf8) + [UInt8(ascii: ".")] + payload)
                if key.keyType == .p256 { signature = Self.lowS(p256: signature) }
                proof.append("jws", .string(headerSegment + ".." + Base64URL.encode(signature)))
            } catch {
                throw MigrationError(.invalidProof, "signing failed: \(error)")
            }
            signed["proof"] = .object(proof)
            return signed
        default:
            throw MigrationError(.keyTypeMismatch, "IMB v0.1 signs with Ed25519, secp256k1 or P-256 keys")
        }
    }

    /// The P-256 group order n, big-endian (FIPS 186-5 / SEC 2).
    private static let p256Order: [UInt8] = [
        0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xBC, 0xE6, 0xFA, 0xAD, 0xA7, 0x17, 0x9E, 0x84, 0xF3, 0xB9, 0xCA, 0xC2, 0xFC, 0x63, 0x25, 0x51,
    ]

    /// §11.3: replaces `s` by `n − s` when `s > n/2` (n is odd, so `s > n/2` exactly when `s > n − s`).
    static func lowS(p256 signature: [UInt8]) -> [UInt8] {
        guard signature.count == 64 else { return signature }
        let s = Array(signature[32...])
        var negated = [UInt8](repeating: 0, count: 32)
        var borrow = 0
        for index in (0..<32).reversed() {
            var difference = Int(p256Order[index]) - Int(s[index]) - borrow
            borrow = difference < 0 ? 1 : 0
            if difference < 0 { difference += 256 }
            negated[index] = UInt8(difference)
        }
        guard negated.lexicographicallyPrecedes(s) else { return signature }
        return Array(signature[..<32]) + negated
    }
}
