// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDMethodKey
import Foundation
import Testing

@testable import DIDMigration

@Suite("IMB v0.1 §10, §15: the exporter takes typed entries", .serialized)
struct TypedEntryExportTests {
    static let since = Date(timeIntervalSince1970: 1_700_000_000.75)

    @Test("typed entries give the same collections as their JSON, and the bundle verifies")
    func typedEqualsJSON() async throws {
        let folder = try MigrationExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var typed = try TestBundle(pageSize: 2, inlineLimit: 2).exporter(in: folder)
        var json = try TestBundle(pageSize: 2, inlineLimit: 2).exporter(in: folder)
        for number in [4, 1, 3, 2, 0] {
            let follower = MigrationExportFixtures.follower(number)
            try json.add(follower, to: .followers)
            try typed.add(
                RelationshipEntry(
                    id: follower["id"]?.stringValue ?? "",
                    protocol: "activitypub",
                    acct: follower["acct"]?.stringValue,
                    in: .followers
                ),
                to: .followers
            )
        }
        try json.add(
            ["id": "https://x.example/u", "protocol": "activitypub", "list": "Work", "since": "2023-11-14T22:13:20Z"],
            to: .lists
        )
        try typed.add(
            RelationshipEntry(
                id: "https://x.example/u",
                protocol: "activitypub",
                since: Self.since,
                list: "Work",
                in: .lists
            ),
            to: .lists
        )
        let post: JSONObject = ["uri": "https://social.example/users/alice/statuses/1", "rel": "like"]
        try json.add(post, to: .content)
        try typed.add(try ContentEntry(post, at: "/content"))
        let (typedManifest, output) = try PlatformsFixtures.export(&typed, in: folder)
        let (jsonManifest, _) = try PlatformsFixtures.export(&json, in: folder)
        for name in [MigrationCollectionName.followers, .lists, .content] {
            let typedCollection = try #require(typedManifest.collection(name))
            #expect(typedCollection == jsonManifest.collection(name), "\(name)")
        }
        let result = try await MigrationExportFixtures.verify(
            output,
            verifier: BundleVerifier(resolver: DIDKeyMethod()),
            now: TestBundle.exportedAt.addingTimeInterval(60)
        )
        #expect(result.failures.isEmpty, "\(result.failures)")
    }

    @Test("a typed entry is checked when built and refused in the wrong collection")
    func typedEntryRules() throws {
        #expect(throws: MigrationError(.invalidField, "")) {
            try RelationshipEntry(id: "https://x.example/u", protocol: "activitypub", acct: "no-at", in: .following)
        }
        let entry = try RelationshipEntry(id: "https://x.example/u", protocol: "activitypub", in: .following)
        let folder = try MigrationExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var exporter = try TestBundle().exporter(in: folder)
        for collection in [MigrationCollectionName.lists, .content] {
            #expect(throws: MigrationError(.invalidField, "")) { try exporter.add(entry, to: collection) }
        }
    }
}
