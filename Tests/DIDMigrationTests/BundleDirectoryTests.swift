// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDCredentials
import DIDCrypto
import DIDMethodKey
import Foundation
import Testing

@testable import DIDMigration

/// Small bundles written by the exporter into a temporary folder, for the on-disk verifier.
enum DirectoryFixtures {
    static let exportedAt = try! DateTime("2026-11-27T12:00:00Z", rules: .dateTimeStamp).date
    static let now = exportedAt.addingTimeInterval(60)

    /// Exports `followers` followers from number `firstFollower` on, paged by 4 (and 3 following inline), into
    /// `folder/bundle`.
    static func bundle(
        in folder: URL,
        followers: Int = 10,
        firstFollower: Int = 0,
        declaring empty: [MigrationCollectionName] = []
    ) throws -> URL {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var exporter = try TestBundle(pageSize: 4, inlineLimit: 3).exporter(in: folder)
        for number in firstFollower..<(firstFollower + followers) {
            try exporter.add(MigrationExportFixtures.follower(number), to: .followers)
        }
        for number in [2, 1, 3] { try exporter.add(MigrationExportFixtures.follower(number), to: .following) }
        for name in empty { exporter.include(name) }
        let output = folder.appendingPathComponent("bundle")
        _ = try exporter.export(
            to: output,
            key: MigrationFixtures.key,
            verificationMethod: MigrationExportFixtures.verificationMethod
        )
        return output
    }

    static func verify(_ url: URL) async -> BundleVerification {
        await BundleVerifier(resolver: DIDKeyMethod()).verifyBundle(at: url, now: now)
    }
}

@Suite("IMB v0.1 §7.2, §14: bundles on disk", .serialized)
struct BundleDirectoryTests {
    @Test("spec §7.2, §14.2: a bundle folder and its bundle.json verify, every page streamed from its file")
    func verifiesFolder() async throws {
        let folder = try MigrationExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bundle = try DirectoryFixtures.bundle(in: folder)
        var seen: [Int] = []
        let result = await BundleVerifier(resolver: DIDKeyMethod())
            .verifyBundle(at: bundle, now: DirectoryFixtures.now) { seen.append($0) }
        #expect(result.failures.isEmpty, "\(result.failures)")
        #expect(result.outcome == .verified)
        #expect(result.checks.filter { $0.name.rawValue.hasPrefix("collections.followers.pages[") }.count == 3)
        #expect(seen == [3, 7, 11, 13])
        let viaManifest = await DirectoryFixtures.verify(bundle.appendingPathComponent("bundle.json"))
        #expect(viaManifest.outcome == .verified)
    }

    @Test("spec §6.6, §14.2 step 11c–d: pages with non-ASCII entries (valid UTF-8, escapes) verify")
    func nonASCIIPages() async throws {
        let folder = try MigrationExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var exporter = try TestBundle(pageSize: 2, inlineLimit: 1).exporter(in: folder)
        let ids = [
            "https://café.example/users/zoë", "https://b.example/users/\u{1F600}", "https://a.example/users/plain",
            "https://c.example/users/plain",
        ]
        for id in ids {
            try exporter.add(["id": .string(id), "protocol": "activitypub", "handle": "x\"y"], to: .followers)
        }
        let bundle = folder.appendingPathComponent("bundle")
        _ = try exporter.export(
            to: bundle,
            key: MigrationFixtures.key,
            verificationMethod: MigrationExportFixtures.verificationMethod
        )
        let page = try Data(contentsOf: bundle.appendingPathComponent("pages/followers/000001.jsonl"))
        #expect(page.contains(0xC3))
        let result = await DirectoryFixtures.verify(bundle)
        #expect(result.failures.isEmpty, "\(result.failures)")
        #expect(result.outcome == .verified)
    }

    @Test("spec §7.2: forEachEntry streams inline items and paged lines in bundle order, without verifying")
    func streamsEntries() throws {
        let folder = try MigrationExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let directory = try BundleDirectory(at: try DirectoryFixtures.bundle(in: folder))
        #expect(directory.manifestURL.lastPathComponent == "bundle.json")
        var followers: [String] = []
        try directory.forEachEntry(in: .followers) { followers.append($0["id"]?.stringValue ?? "") }
        #expect(followers.count == 10)
        #expect(followers == followers.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        var following: [String] = []
        try directory.forEachEntry(in: .following) { following.append($0["id"]?.stringValue ?? "") }
        #expect(following.count == 3)
        var none = 0
        try directory.forEachEntry(in: .content) { _ in none += 1 }
        #expect(none == 0)
        #expect(try directory.manifest().collection(.followers)?.count == 10)
    }

    @Test("spec §14.2 step 11: a missing page file fails with page-missing naming the page")
    func missingPage() async throws {
        let folder = try MigrationExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bundle = try DirectoryFixtures.bundle(in: folder)
        try FileManager.default.removeItem(at: bundle.appendingPathComponent("pages/followers/000001.jsonl"))
        let result = await DirectoryFixtures.verify(bundle)
        let check = try #require(result.check(BundleVerification.pageCheckName(.followers, 1)))
        #expect(check.status == .failed)
        #expect(check.reason == .pageMissing)
        #expect(check.location == "pages/followers/000001.jsonl")
        #expect(result.check(BundleVerification.pageCheckName(.followers, 2))?.status == .verified)
        #expect(result.outcome == .rejected)
        let directory = try BundleDirectory(at: bundle)
        #expect(throws: MigrationError(.pageMissing, "")) {
            try directory.forEachEntry(in: .followers) { _ in }
        }
    }

    @Test("spec §6.6, §14.2 step 11b: a page file truncated at any length fails page-cid-mismatch naming the page")
    func truncatedPage() async throws {
        let folder = try MigrationExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bundle = try DirectoryFixtures.bundle(in: folder)
        let page = bundle.appendingPathComponent("pages/followers/000000.jsonl")
        let original = try Data(contentsOf: page)
        for length in [0, 1, original.count / 2, original.count - 1] {
            try original.prefix(length).write(to: page)
            let result = await DirectoryFixtures.verify(bundle)
            let check = try #require(result.check(BundleVerification.pageCheckName(.followers, 0)))
            #expect(check.reason == .pageCIDMismatch, "length \(length)")
            #expect(check.location == "pages/followers/000000.jsonl")
            #expect(result.outcome == .rejected)
        }
    }

    @Test("spec §7.2: a folder without bundle.json, or no folder at all, fails manifest.parse naming the path")
    func missingManifest() async throws {
        let folder = try MigrationExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let empty = await DirectoryFixtures.verify(folder)
        #expect(empty.check("manifest.parse")?.status == .failed)
        #expect(empty.check("manifest.parse")?.detail?.contains("bundle.json") == true)
        #expect(empty.outcome == .rejected)
        let absent = await DirectoryFixtures.verify(folder.appendingPathComponent("nothing"))
        #expect(absent.check("manifest.parse")?.status == .failed)
        #expect(throws: MigrationError(.invalidField, "")) { try BundleDirectory(at: folder) }
    }

    @Test("spec §7.3: a page file that is a symbolic link out of the bundle folder is refused")
    func symlinkOutside() async throws {
        let folder = try MigrationExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bundle = try DirectoryFixtures.bundle(in: folder)
        let page = bundle.appendingPathComponent("pages/followers/000000.jsonl")
        let outside = folder.appendingPathComponent("outside.jsonl")
        try FileManager.default.moveItem(at: page, to: outside)
        try FileManager.default.createSymbolicLink(at: page, withDestinationURL: outside)
        let result = await DirectoryFixtures.verify(bundle)
        let check = try #require(result.check(BundleVerification.pageCheckName(.followers, 0)))
        #expect(check.status == .failed)
        #expect(check.reason == .invalidField)
        #expect(check.location == "pages/followers/000000.jsonl")
    }
}

@Suite("IMB v0.1 §9.1: empty collections", .serialized)
struct EmptyCollectionTests {
    @Test(
        "spec §6.2, §9.1: a declared collection with no entries is written inline with count 0 and MTH({}) = SHA-256()"
    )
    func emptyCollections() async throws {
        let folder = try MigrationExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bundle = try DirectoryFixtures.bundle(in: folder, declaring: [.blocks, .mutes, .content])
        let manifest = try BundleDirectory(at: bundle).manifest()
        // e3b0c442…b855 as a base58btc sha2-256 multihash (§6.8).
        let emptyRoot = RootEncoding.encode(
            Array(
                [
                    0xe3, 0xb0, 0xc4, 0x42, 0x98, 0xfc, 0x1c, 0x14, 0x9a, 0xfb, 0xf4, 0xc8, 0x99, 0x6f, 0xb9, 0x24,
                    0x27, 0xae, 0x41, 0xe4, 0x64, 0x9b, 0x93, 0x4c, 0xa4, 0x95, 0x99, 0x1b, 0x78, 0x52, 0xb8, 0x55,
                ] as [UInt8]
            )
        )
        for name in [MigrationCollectionName.blocks, .mutes, .content] {
            let collection = try #require(manifest.collection(name), "\(name)")
            #expect(collection.count == 0)
            #expect(collection.form == .inline(items: []))
            #expect(RootEncoding.encode(collection.merkleRoot) == emptyRoot)
            let written = try #require(
                name == .content
                    ? manifest.json["content"]?.objectValue
                    : manifest.json["graph"]?.objectValue?[name.rawValue]?.objectValue
            )
            #expect(written == ["count": 0, "items": [], "merkleRoot": .string(emptyRoot)])
        }
        #expect(manifest.collection(.lists) == nil)
        let result = await DirectoryFixtures.verify(bundle)
        #expect(result.check("collections.blocks.root")?.status == .verified)
        #expect(result.check("collections.content.root")?.status == .verified)
        #expect(result.outcome == .verified, "\(result.failures)")
    }

    @Test("spec §9.1: an empty collection stays inline even when inlineLimit is 0 (no zero-page form)")
    func emptyWithoutInline() async throws {
        let folder = try MigrationExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var exporter = try TestBundle(inlineLimit: 0).exporter(in: folder)
        exporter.include(.followers)
        exporter.configuration.sources = [["protocol": "did"]]
        let manifest = try exporter.export(
            to: folder.appendingPathComponent("bundle"),
            key: MigrationFixtures.key,
            verificationMethod: MigrationExportFixtures.verificationMethod
        )
        let followers = try #require(manifest.collection(.followers))
        #expect(followers.form == .inline(items: []))
        #expect(followers.merkleRoot == MerkleTree.emptyRoot)
        #expect(manifest.json["sources"] == [["protocol": "did"]])
        #expect(manifest.json["graph"]?.objectValue?["followers"]?.objectValue?["consent"] == "not-asserted")
        let result = await DirectoryFixtures.verify(folder.appendingPathComponent("bundle"))
        #expect(result.outcome == .verified, "\(result.failures)")
    }

    @Test("spec §6.4: a pageSize changed to a non power of two after init is refused at export")
    func pageSizeRecheck() throws {
        let folder = try MigrationExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var exporter = try TestBundle().exporter(in: folder)
        exporter.configuration.pageSize = 3
        #expect(throws: MigrationError(.invalidField, "")) {
            _ = try exporter.export(
                to: folder.appendingPathComponent("bundle"),
                key: MigrationFixtures.key,
                verificationMethod: MigrationExportFixtures.verificationMethod
            )
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("bundle").path))
    }
}
