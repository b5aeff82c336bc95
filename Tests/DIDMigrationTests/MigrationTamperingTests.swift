// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDMigration
import DIDTestSupport
import Foundation
import Testing

/// A tampering case over example (b): a page replaced by other bytes whose CID is written into the manifest, which is
/// then signed again with the test key, so that only the named page check can fail.
struct MigrationPageTampering: Sendable, CustomTestStringConvertible {
    let label: String
    let page: Int
    let reason: MigrationReason
    var updatesRoots = false
    let change: @Sendable ([UInt8]) -> [UInt8]

    var testDescription: String { label }

    static func lines(_ bytes: [UInt8]) -> [[UInt8]] { bytes.split(separator: 0x0A).map(Array.init) }
    static func join(_ lines: [[UInt8]]) -> [UInt8] { lines.flatMap { $0 + [0x0A] } }

    static let all: [MigrationPageTampering] = [
        .init(label: "two lines swapped → order", page: 0, reason: .order) { join(lines($0).reversed()) },
        .init(label: "a line duplicated → duplicate", page: 0, reason: .duplicate) {
            let lines = lines($0)
            return join([lines[0], lines[0]])
        },
        .init(label: "a line added → page-count-mismatch", page: 2, reason: .pageCountMismatch) {
            join(lines($0) + [Array(#"{"id":"https://zz.example/users/zed","protocol":"activitypub"}"#.utf8)])
        },
        .init(label: "final LF removed → page-format", page: 1, reason: .pageFormat) { Array($0.dropLast()) },
        .init(label: "BOM added → page-format", page: 1, reason: .pageFormat) { [0xEF, 0xBB, 0xBF] + $0 },
        .init(label: "empty line → page-format", page: 1, reason: .pageFormat) { [0x0A] + $0 },
        .init(label: "a byte that is not UTF-8 → page-format", page: 1, reason: .pageFormat) { bytes in
            var changed = bytes
            changed[10] = 0xFF
            return changed
        },
        .init(label: "a truncated UTF-8 sequence at the end of a line → page-format", page: 0, reason: .pageFormat) {
            var lines = lines($0)
            lines[0].append(0xC3)
            return join(lines)
        },
        .init(label: "CRLF line ends → page-not-canonical", page: 1, reason: .pageNotCanonical) {
            join(lines($0).map { $0 + [0x0D] })
        },
        .init(label: "a line with a space → page-not-canonical", page: 0, reason: .pageNotCanonical) {
            var lines = lines($0)
            lines[1] = Array(String(decoding: lines[1], as: UTF8.self).replacingOccurrences(of: ",", with: ", ").utf8)
            return join(lines)
        },
        .init(label: "an entry with an unknown member → unknown-member", page: 2, reason: .unknownMember) { _ in
            join([Array(#"{"id":"https://xn--caf-dma.example/users/gina","nick":"g","protocol":"activitypub"}"#.utf8)])
        },
        .init(label: "an entry with a float → page-not-canonical", page: 2, reason: .pageNotCanonical) { _ in
            join([Array(#"{"id":"https://xn--caf-dma.example/users/gina","protocol":"activitypub","x":1.5}"#.utf8)])
        },
        .init(label: "new valid entry, root unchanged → page-root-mismatch", page: 2, reason: .pageRootMismatch) { _ in
            join([Array(#"{"id":"https://xn--caf-dma.example/users/hugo","protocol":"activitypub"}"#.utf8)])
        },
        .init(
            label: "valid page whose first entry sorts before the page before → order",
            page: 2,
            reason: .order,
            updatesRoots: true
        ) { _ in
            join([Array(#"{"id":"https://other.example/users/aaron","protocol":"activitypub"}"#.utf8)])
        },
    ]
}

@Suite("IMB v0.1 §14.2: tampered bundles fail with the precise reason")
struct MigrationTamperingTests {
    static let bundle = "b-paged/bundle.json"

    /// Verifies example (b) with replaced pages (`nil` keeps the original) and a manifest given as bytes.
    static func verify(manifest: [UInt8], pages: [[UInt8]], reversed: Bool = false) async -> BundleVerification {
        var verification = await MigrationFixtures.verifier().verifyManifest(manifest, now: MigrationFixtures.now)
        let order = reversed ? Array(pages.indices.reversed()) : Array(pages.indices)
        for index in order {
            verification.verifyPage(pages[index], collection: .followers, index: index)
        }
        return verification
    }

    @Test("the untampered example (b) verifies with all its pages")
    func untampered() async throws {
        let result = await Self.verify(
            manifest: try MigrationExampleFiles.bytes(Self.bundle),
            pages: try MigrationFixtures.pagedExamplePages()
        )
        #expect(result.failures.isEmpty, "\(result.failures)")
        #expect(result.outcome == .verified)
    }

    @Test("spec §14.2 step 11b: flipping any byte of any page → page-cid-mismatch naming the page")
    func flippedBytes() async throws {
        let manifest = try MigrationExampleFiles.bytes(Self.bundle)
        let pages = try MigrationFixtures.pagedExamplePages()
        let base = await MigrationFixtures.verifier().verifyManifest(manifest, now: MigrationFixtures.now)
        var flips = 0
        for (index, page) in pages.enumerated() {
            for offset in page.indices {
                for mask: UInt8 in [0x01, 0x80] {
                    var tampered = page
                    tampered[offset] ^= mask
                    var verification = base
                    let check = verification.verifyPage(tampered, collection: .followers, index: index)
                    #expect(check.reason == .pageCIDMismatch, "page \(index) byte \(offset)")
                    #expect(check.location == "pages/followers/00000\(index).jsonl")
                    #expect(verification.outcome == .rejected)
                    flips += 1
                }
            }
        }
        #expect(flips == 2 * (136 + 181 + 107))
    }

    @Test("spec §14.2 step 11b: a page of another position or bundle → page-cid-mismatch")
    func swappedPages() async throws {
        let pages = try MigrationFixtures.pagedExamplePages()
        let result = await Self.verify(
            manifest: try MigrationExampleFiles.bytes(Self.bundle),
            pages: [pages[1], pages[0], pages[2]]
        )
        #expect(result.check(BundleVerification.pageCheckName(.followers, 0))?.reason == .pageCIDMismatch)
        #expect(result.check(BundleVerification.pageCheckName(.followers, 1))?.reason == .pageCIDMismatch)
        #expect(result.outcome == .rejected)
    }

    @Test(
        "spec §14.2 step 11: a page rewritten, its CID updated and the manifest re-signed",
        arguments: MigrationPageTampering.all
    )
    func rewrittenPage(_ tampering: MigrationPageTampering) async throws {
        var pages = try MigrationFixtures.pagedExamplePages()
        pages[tampering.page] = tampering.change(pages[tampering.page])
        var manifest = try MigrationFixtures.manifest(Self.bundle)
        var graph = try #require(manifest["graph"]?.objectValue)
        var followers = try #require(graph["followers"]?.objectValue)
        var descriptors = try #require(followers["pages"]?.arrayValue)
        var descriptor = try #require(descriptors[tampering.page].objectValue)
        descriptor["cid"] = .string(ContentIdentifier(rawContentOf: pages[tampering.page]).description)
        if tampering.updatesRoots {
            let root = MerkleTree.root(ofEntries: MigrationPageTampering.lines(pages[tampering.page]))
            descriptor["root"] = .string(RootEncoding.encode(root))
        }
        descriptors[tampering.page] = .object(descriptor)
        if tampering.updatesRoots {
            let roots = try descriptors.map { try RootEncoding.decode(try #require($0["root"]?.stringValue)) }
            followers["merkleRoot"] = .string(RootEncoding.encode(try #require(MerkleTree.combine(roots))))
        }
        followers["pages"] = .array(descriptors)
        graph["followers"] = .object(followers)
        manifest["graph"] = .object(graph)
        // §14.2 step 11: pages may arrive in any order (verifyBundle(at:) records them as they finish).
        for reversed in [false, true] {
            let result = await Self.verify(
                manifest: try MigrationFixtures.resign(manifest),
                pages: pages,
                reversed: reversed
            )
            #expect(result.check("proof.signature")?.status == .verified)
            let check = try #require(result.check(BundleVerification.pageCheckName(.followers, tampering.page)))
            #expect(check.status == .failed)
            #expect(check.reason == tampering.reason, "\(check), reversed: \(reversed)")
            #expect(check.location?.hasPrefix("pages/followers/00000\(tampering.page).jsonl") == true)
            #expect(result.outcome == .rejected)
        }
    }

    /// Changes one manifest value of example (a) or (b) without signing again.
    static func edited(_ path: String, _ edit: (inout JSONObject) throws -> Void) throws -> [UInt8] {
        var manifest = try MigrationFixtures.manifest(path)
        try edit(&manifest)
        return try JSONValue.object(manifest).serialized(.canonical)
    }

    @Test("spec §11.2: changing any signed manifest value → invalid-signature")
    func changedValues() async throws {
        let edits: [(String, (inout JSONObject) -> Void)] = [
            ("sequence", { $0["sequence"] = 3 }),
            ("nonce", { $0["nonce"] = "AAECAwQFBgcICQoLDA0ODw" }),
            ("id", { $0["id"] = "urn:uuid:9b2e4d6f-1a3c-4b5d-8e7f-0a1b2c3d4e50" }),
            ("exportedAt", { $0["exportedAt"] = "2026-11-27T12:29:59Z" }),
            ("sources", { $0["sources"] = [["protocol": "activitypub", "platform": "generic"]] }),
            (
                "subject.alsoKnownAs",
                {
                    $0["subject"] = [
                        "id": "did:key:z6MkehRgf7yJbgaGfYsdoAsKdBPE3dj2CYhowQdcjqSJgvVd", "alsoKnownAs": [],
                    ]
                }
            ),
            ("extensions", { $0["extensions"] = ["x:y": 1] }),
            (
                "proof.expires",
                {
                    if case .object(var proof)? = $0["proof"] {
                        proof["expires"] = "2026-12-20T12:30:00Z"
                        $0["proof"] = .object(proof)
                    }
                }
            ),
        ]
        for (label, edit) in edits {
            let bytes = try Self.edited(Self.bundle, edit)
            let result = await MigrationFixtures.verifier().verifyManifest(bytes, now: MigrationFixtures.now)
            #expect(result.check("manifest.structure")?.status == .verified, "\(label)")
            #expect(result.check("proof.signature")?.reason == .invalidSignature, "\(label)")
            #expect(result.outcome == .rejected, "\(label)")
        }
    }

    @Test("spec §14.2 steps 2, 3, 5: manifest-level tampering gives the named reason at the named place")
    func manifestTampering() async throws {
        func setProof(_ name: String, _ value: JSONValue) -> (inout JSONObject) -> Void {
            { manifest in
                if case .object(var proof)? = manifest["proof"] {
                    proof[name] = value
                    manifest["proof"] = .object(proof)
                }
            }
        }
        func setFollowers(_ name: String, _ value: JSONValue) -> (inout JSONObject) -> Void {
            { manifest in
                guard case .object(var graph)? = manifest["graph"], case .object(var followers)? = graph["followers"]
                else { return }
                followers[name] = value
                graph["followers"] = .object(followers)
                manifest["graph"] = .object(graph)
            }
        }
        let other = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"
        let cases: [(String, String, (inout JSONObject) -> Void, String, MigrationReason)] = [
            ("count 6", Self.bundle, setFollowers("count", 6), "manifest.structure", .countMismatch),
            ("count 4", Self.bundle, setFollowers("count", 4), "manifest.structure", .countMismatch),
            ("pageSize 4", Self.bundle, setFollowers("pageSize", 4), "manifest.structure", .countMismatch),
            ("pageSize 3", Self.bundle, setFollowers("pageSize", 3), "manifest.structure", .invalidField),
            ("consent", Self.bundle, setFollowers("consent", "asserted"), "manifest.structure", .invalidField),
            ("float", Self.bundle, { $0["sequence"] = 1.5 }, "manifest.profile", .nonConformingJSON),
            ("2^53", Self.bundle, { $0["sequence"] = 9_007_199_254_740_992 }, "manifest.profile", .nonConformingJSON),
            (
                "nested float", Self.bundle, { $0["extensions"] = ["x:y": [["z": 0.25]]] }, "manifest.profile",
                .nonConformingJSON
            ),
            ("non-ASCII name", Self.bundle, { $0["extensions"] = ["x:é": 1] }, "manifest.profile", .nonConformingJSON),
            ("version 0.2", Self.bundle, { $0["version"] = "0.2" }, "manifest.structure", .unsupportedVersion),
            (
                "integrity", Self.bundle,
                { manifest in
                    var integrity = manifest["integrity"]?.objectValue ?? [:]
                    integrity["leafHash"] = "sha3-256"
                    manifest["integrity"] = .object(integrity)
                }, "manifest.structure", .unknownAlgorithm
            ),
            ("unknown member", Self.bundle, { $0["note"] = "hi" }, "manifest.structure", .unknownMember),
            (
                "proof type", Self.bundle, setProof("type", "Ed25519Signature2020"), "manifest.structure",
                .unsupportedProof
            ),
            (
                "domain without destination", Self.bundle, setProof("domain", "https://new.example"),
                "manifest.structure", .domainMismatch
            ),
            (
                "vm of another DID", Self.bundle,
                setProof("verificationMethod", .string(other + "#" + other.dropFirst(8))), "proof.key", .vmNotSubject
            ),
            (
                "vm with another fragment", Self.bundle,
                setProof("verificationMethod", "did:key:z6MkehRgf7yJbgaGfYsdoAsKdBPE3dj2CYhowQdcjqSJgvVd#key-2"),
                "proof.key", .keyNotAuthorized
            ),
            (
                "merkleRoot", "a-inline/bundle.json",
                { manifest in
                    guard case .object(var graph)? = manifest["graph"], case .object(var blocks)? = graph["blocks"]
                    else { return }
                    blocks["merkleRoot"] = .string(RootEncoding.encode(MerkleTree.emptyRoot))
                    graph["blocks"] = .object(blocks)
                    manifest["graph"] = .object(graph)
                }, "collections.blocks.root", .collectionRootMismatch
            ),
        ]
        for (label, path, edit, checkName, reason) in cases {
            let bytes = try Self.edited(path, edit)
            let result = await MigrationFixtures.verifier().verifyManifest(bytes, now: MigrationFixtures.now)
            #expect(
                result.check(MigrationCheckName(rawValue: checkName))?.reason == reason,
                "\(label): \(result.failures)"
            )
            #expect(result.outcome == .rejected, "\(label)")
        }
        let malformed = await MigrationFixtures.verifier().verifyManifest(
            Array(#"{"a":1,"a":2}"#.utf8),
            now: MigrationFixtures.now
        )
        #expect(malformed.check("manifest.parse")?.reason == .malformedJSON)
    }

    @Test(
        "spec §13.4: a receiver that is not the destination → domain-mismatch; a wrong challenge → challenge-mismatch"
    )
    func audience() async throws {
        let bytes = try MigrationExampleFiles.bytes("a-inline/bundle.json")
        let wrongDomain = await MigrationFixtures.verifier(
            domain: "https://evil.example",
            challenge: MigrationFixtures.challenge
        )
        .verifyManifest(bytes, now: MigrationFixtures.now)
        #expect(wrongDomain.check("proof.audience")?.reason == .domainMismatch)
        #expect(wrongDomain.outcome == .rejected)
        let wrongChallenge = await MigrationFixtures.verifier(domain: MigrationFixtures.domain, challenge: "other")
            .verifyManifest(bytes, now: MigrationFixtures.now)
        #expect(wrongChallenge.check("proof.audience")?.reason == .challengeMismatch)
        #expect(wrongChallenge.outcome == .rejected)
        var strict = MigrationFixtures.verifier(domain: MigrationFixtures.domain)
        strict.options.acceptsPortableBundles = false
        let portable = await strict.verifyManifest(
            try MigrationExampleFiles.bytes(Self.bundle),
            now: MigrationFixtures.now
        )
        #expect(portable.check("proof.audience")?.reason == .domainMismatch)
    }
}
