// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDTestSupport
import Foundation
import Testing

@testable import DIDMigration

@Suite("IMB v0.1 §17.3: bundle → CSV files Mastodon imports", .serialized)
struct MastodonCSVWriterTests {
    private func text(_ url: URL) throws -> String { String(decoding: try Data(contentsOf: url), as: UTF8.self) }

    /// A bundle with every kind of entry the writer maps, and some it cannot.
    private func bundle(in folder: URL, following: Int = 3, inlineLimit: Int = 1024) throws -> BundleDirectory {
        var exporter = try PlatformsFixtures.exporter(in: folder, inlineLimit: inlineLimit)
        exporter.configuration.extensions = ["mastodon:domainBlocks": ["bad.example", "spam.example"]]
        try exporter.add(
            [
                "id": "https://other.example/users/bob", "protocol": "activitypub", "acct": "bob@other.example",
                "options": ["showBoosts": true, "notify": false, "languages": ["en", "de"]],
            ],
            to: .following
        )
        try exporter.add(PlatformRules.acctEntry("carol@third.example"), to: .following)
        try exporter.add(["id": "did:plc:ewvi7nxzyoun6zhxrhs64oiz", "protocol": "atproto"], to: .following)
        for number in 0..<max(0, following - 3) {
            try exporter.add(PlatformRules.acctEntry("user\(number)@many.example"), to: .following)
        }
        try exporter.add(PlatformRules.acctEntry("troll@bad.example"), to: .blocks)
        var mute = PlatformRules.acctEntry("spam@junk.example")
        mute.append("options", ["hideNotifications": false])
        try exporter.add(mute, to: .mutes)
        var member = PlatformRules.acctEntry("bob@other.example")
        member.append("list", "Work, \"mostly\"")
        try exporter.add(member, to: .lists)
        try exporter.add(PlatformRules.acctEntry("fan@fans.example"), to: .followers)
        try exporter.add(["uri": "https://other.example/users/bob/statuses/1", "rel": "bookmark"], to: .content)
        try exporter.add(["uri": "https://other.example/users/bob/statuses/1", "rel": "like"], to: .content)
        let (_, output) = try PlatformsFixtures.export(&exporter, in: folder)
        return try BundleDirectory(at: output)
    }

    @Test("spec §17.3: Mastodon's headers and value formats; re-read as Mastodon reads them (§17.1) gives the entries")
    func formats() throws {
        let folder = try MigrationExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bundle = try bundle(in: folder)
        let out = folder.appendingPathComponent("csv")
        let report = try MastodonCSVWriter.writeReport(bundle, to: out)
        #expect(
            report.files.map(\.lastPathComponent) == [
                "blocked_accounts.csv", "blocked_domains.csv", "bookmarks.csv", "following_accounts.csv", "lists.csv",
                "muted_accounts.csv",
            ]
        )
        #expect(
            try text(out.appendingPathComponent("following_accounts.csv"))
                == "Account address,Show boosts,Notify on new posts,Languages\n"
                + "carol@third.example,,,\nbob@other.example,true,false,\"en, de\"\n"  // collection order: by id
        )
        #expect(try text(out.appendingPathComponent("blocked_accounts.csv")) == "troll@bad.example\n")
        #expect(
            try text(out.appendingPathComponent("muted_accounts.csv"))
                == "Account address,Hide notifications\nspam@junk.example,false\n"
        )
        #expect(try text(out.appendingPathComponent("lists.csv")) == "\"Work, \"\"mostly\"\"\",bob@other.example\n")
        #expect(try text(out.appendingPathComponent("bookmarks.csv")) == "https://other.example/users/bob/statuses/1\n")
        #expect(try text(out.appendingPathComponent("blocked_domains.csv")) == "bad.example\nspam.example\n")
        #expect(report.notes.contains { $0.hasPrefix("followers: 1 entries; Mastodon has no followers import") })
        #expect(report.notes.contains { $0.contains("1 following entries without an acct") })
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("follower_accounts.csv").path))

        // Read back with the §17.1 reader: the same accounts, options, lists, bookmarks and domains.
        var exporter = try PlatformsFixtures.exporter(in: folder)
        _ = try MastodonCSVExport(directory: out).addEntries(into: &exporter)
        let (manifest, _) = try PlatformsFixtures.export(&exporter, in: folder)
        let following = PlatformsFixtures.items(manifest, .following)
        #expect(following.map { $0["acct"]?.stringValue } == ["bob@other.example", "carol@third.example"])
        #expect(following[0]["options"] == ["showBoosts": true, "notify": false, "languages": ["en", "de"]])
        #expect(following[1]["options"] == nil)
        #expect(PlatformsFixtures.items(manifest, .lists).first?["list"] == "Work, \"mostly\"")
        #expect(PlatformsFixtures.items(manifest, .mutes).first?["options"] == ["hideNotifications": false])
        #expect(manifest.json["extensions"]?["mastodon:domainBlocks"] == ["bad.example", "spam.example"])
    }

    @Test("spec §17.3 split rule: parts of ≤ rowLimit rows and ≤ byteLimit bytes, header repeated, -001 names")
    func splitting() throws {
        let folder = try MigrationExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bundle = try bundle(in: folder, following: 27, inlineLimit: 4)  // paged: read page by page
        let byRows = folder.appendingPathComponent("rows")
        let files = try MastodonCSVWriter.write(bundle, to: byRows, rowLimit: 10)
        let parts = files.filter { $0.lastPathComponent.hasPrefix("following_accounts") }
        #expect(
            parts.map(\.lastPathComponent) == [
                "following_accounts-001.csv", "following_accounts-002.csv", "following_accounts-003.csv",
            ]
        )
        var accounts: [String] = []
        for part in parts {
            let lines = try text(part).split(separator: "\n").map(String.init)
            #expect(lines.first == "Account address,Show boosts,Notify on new posts,Languages")
            #expect(lines.count - 1 <= 10)
            accounts += lines.dropFirst().map { String($0.prefix { $0 != "," }) }
        }
        #expect(accounts.count == 26)  // 27 minus the DID-only entry
        #expect(accounts.allSatisfy { !$0.hasPrefix("@") && $0.contains("@") })

        let byBytes = folder.appendingPathComponent("bytes")
        let small = try MastodonCSVWriter.write(bundle, to: byBytes, byteLimit: 300)
        let byteParts = small.filter { $0.lastPathComponent.hasPrefix("following_accounts") }
        #expect(byteParts.count > 1)
        for part in byteParts {
            let size = try Data(contentsOf: part).count
            #expect(size <= 300)
        }
        // Re-reading the parts as Mastodon would (file-name prefix) finds every account once.
        var exporter = try PlatformsFixtures.exporter(in: folder)
        let summary = try MastodonCSVExport(directory: byBytes).addEntries(into: &exporter)
        #expect(summary.counts[.following] == 26)
    }

    @Test("spec §17.3: an existing target is refused and nothing partial is left behind")
    func atomic() throws {
        let folder = try MigrationExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bundle = try bundle(in: folder)
        let out = folder.appendingPathComponent("csv")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let error = PlatformsFixtures.error { _ = try MastodonCSVWriter.write(bundle, to: out) }
        #expect(error?.code == .invalidField)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(!names.contains { $0.contains(".partial-") })
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
    }
}
