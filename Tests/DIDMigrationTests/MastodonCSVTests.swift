// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDTestSupport
import Foundation
import Testing

@testable import DIDMigration

@Suite("IMB v0.1 §17.1: Mastodon CSV exports and generic graph lists", .serialized)
struct MastodonCSVTests {
    /// A folder of CSV files (contents written byte for byte).
    private func folder(_ files: [String: String]) throws -> URL {
        let folder = try MigrationExportFixtures.temporaryDirectory()
        for (name, text) in files { try PlatformsFixtures.write(text, to: folder.appendingPathComponent(name)) }
        return folder
    }

    private func importCSV(_ files: [String: String]) throws -> (MigrationManifest, ImportSummary) {
        let folder = try folder(files)
        defer { try? FileManager.default.removeItem(at: folder) }
        var exporter = try PlatformsFixtures.exporter(in: folder)
        let summary = try MastodonCSVExport(directory: folder).addEntries(into: &exporter)
        let (manifest, _) = try PlatformsFixtures.export(&exporter, in: folder)
        return (manifest, summary)
    }

    @Test("design §1.4 / spec §17.1: following_accounts.csv with header, BOM, CRLF, quoted languages, @ stripped")
    func following() throws {
        let csv =
            "\u{FEFF}Account address,Show boosts,Notify on new posts,Languages\r\n"
            + "@bob@other.example,true,false,\"en, de\"\r\n" + "carol@third.example,false,true,\r\n"
            + "dave@fourth.example,,,\"fr,fr, ,es\"\r\n" + "\r\n"
        let (manifest, summary) = try importCSV(["following_accounts.csv": csv])
        let items = PlatformsFixtures.items(manifest, .following)
        #expect(items.count == 3)
        #expect(summary.counts[.following] == 3)
        let bob = try #require(items.first { $0["acct"]?.stringValue == "bob@other.example" })
        #expect(bob["id"]?.stringValue == "acct:bob@other.example")
        #expect(bob["protocol"]?.stringValue == "activitypub")
        #expect(bob["options"] == ["showBoosts": true, "notify": false, "languages": ["en", "de"]])
        let carol = try #require(items.first { $0["acct"]?.stringValue == "carol@third.example" })
        #expect(carol["options"] == ["showBoosts": false, "notify": true])
        let dave = try #require(items.first { $0["acct"]?.stringValue == "dave@fourth.example" })
        #expect(dave["options"] == ["languages": ["fr", "es"]])  // empty booleans absent; duplicates dropped
    }

    @Test("design §1.4: the older header-less single-column following export")
    func followingWithoutHeader() throws {
        let (manifest, _) = try importCSV(["following_accounts.csv": "bob@other.example\n@carol@third.example\n"])
        let items = PlatformsFixtures.items(manifest, .following)
        #expect(items.map { $0["id"]?.stringValue } == ["acct:bob@other.example", "acct:carol@third.example"])
        #expect(items.allSatisfy { $0["options"] == nil })
    }

    @Test("spec §17.1: mutes (Hide notifications), blocks, followers, lists, bookmarks, domain blocks")
    func theOtherFiles() throws {
        let (manifest, summary) = try importCSV([
            "muted_accounts.csv": "Account address,Hide notifications\nspam@junk.example,true\nloud@x.example,off\n",
            "blocked_accounts.csv": "troll@bad.example\n",
            "follower_accounts.csv": "Account address\nfan@fans.example\n",
            "lists.csv": "\"Work, mostly\",bob@other.example\nFriends,carol@third.example\nFriends,bob@other.example\n",
            "bookmarks.csv": "https://other.example/users/bob/statuses/1\n",
            "blocked_domains.csv": "Spam.Example\nbad.example\nspam.example\n",
        ])
        let mutes = PlatformsFixtures.items(manifest, .mutes)
        #expect(
            mutes.first { $0["acct"]?.stringValue == "spam@junk.example" }?["options"] == ["hideNotifications": true]
        )
        #expect(mutes.first { $0["acct"]?.stringValue == "loud@x.example" }?["options"] == ["hideNotifications": false])
        #expect(PlatformsFixtures.items(manifest, .blocks).map { $0["id"]?.stringValue } == ["acct:troll@bad.example"])
        #expect(PlatformsFixtures.items(manifest, .followers).map { $0["acct"]?.stringValue } == ["fan@fans.example"])
        #expect(manifest.collection(.followers)?.count == 1)
        let lists = PlatformsFixtures.items(manifest, .lists)
        #expect(lists.map { $0["list"]?.stringValue ?? "" } == ["Friends", "Friends", "Work, mostly"])
        #expect(summary.notes.contains("lists.csv: 3 rows for 2 lists"))
        #expect(
            PlatformsFixtures.items(manifest, .content) == [
                ["uri": "https://other.example/users/bob/statuses/1", "rel": "bookmark"]
            ]
        )
        #expect(manifest.json["extensions"]?["mastodon:domainBlocks"] == ["bad.example", "spam.example"])
    }

    @Test("spec §17.1: booleans follow Mastodon's cast (f/0/off false, anything else true with a warning)")
    func booleans() throws {
        let csv =
            "Account address,Show boosts,Notify on new posts\na@x.example,f,1\nb@x.example,0,ON\nc@x.example,yes,t\n"
        let (manifest, summary) = try importCSV(["following_accounts.csv": csv])
        let options = PlatformsFixtures.items(manifest, .following).map { $0["options"] }
        #expect(
            options == [
                ["showBoosts": false, "notify": true], ["showBoosts": false, "notify": true],
                ["showBoosts": true, "notify": true],
            ]
        )
        #expect(summary.notes.contains { $0.contains("1 boolean cells") })
    }

    @Test("spec §17.1: an unterminated quote is csv-malformed naming file and line")
    func unterminatedQuote() throws {
        let folder = try folder(["lists.csv": "Friends,bob@other.example\n\"Work,carol@third.example\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        var exporter = try PlatformsFixtures.exporter(in: folder)
        let error = PlatformsFixtures.error { _ = try MastodonCSVExport(directory: folder).addEntries(into: &exporter) }
        #expect(error?.code == .csvMalformed)
        #expect(error?.reason.contains("lists.csv line 2") == true)
    }

    @Test("spec §17.1: a quote inside an unquoted field and invalid UTF-8 are csv-malformed")
    func quoteInsideField() throws {
        for (text, line) in [("a@x.example\nb\"c@x.example\n", 2), ("a@x.example\n\u{0}\n", 0)] where line > 0 {
            let folder = try folder(["blocked_accounts.csv": text])
            defer { try? FileManager.default.removeItem(at: folder) }
            var exporter = try PlatformsFixtures.exporter(in: folder)
            let error = PlatformsFixtures.error {
                _ = try MastodonCSVExport(directory: folder).addEntries(into: &exporter)
            }
            #expect(error?.code == .csvMalformed)
            #expect(error?.reason.contains("blocked_accounts.csv line \(line)") == true)
        }
        let folder = try MigrationExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try PlatformsFixtures.write(
            Array("a@x.example\n".utf8) + [0xC3, 0x28, 0x0A],
            to: folder.appendingPathComponent("blocked_accounts.csv")
        )
        var exporter = try PlatformsFixtures.exporter(in: folder)
        let error = PlatformsFixtures.error { _ = try MastodonCSVExport(directory: folder).addEntries(into: &exporter) }
        #expect(error?.code == .csvMalformed)
        #expect(error?.reason.contains("line 2: invalid UTF-8") == true)
    }

    @Test("spec §17.1: an account that is not user@host is csv-row-invalid naming file and line")
    func badAccount() throws {
        let csv = "Account address,Show boosts\nbob@other.example,true\n\n@justaname,true\n"
        let folder = try folder(["following_accounts.csv": csv])
        defer { try? FileManager.default.removeItem(at: folder) }
        var exporter = try PlatformsFixtures.exporter(in: folder)
        let error = PlatformsFixtures.error { _ = try MastodonCSVExport(directory: folder).addEntries(into: &exporter) }
        #expect(error?.code == .csvRowInvalid)
        #expect(error?.reason.contains("following_accounts.csv line 4") == true)
    }

    @Test("spec §17.1: a repeated account with other options is reported; an identical repeat is merged")
    func duplicates() throws {
        let (manifest, _) = try importCSV(["blocked_accounts.csv": "a@x.example\na@x.example\n"])
        #expect(PlatformsFixtures.items(manifest, .blocks).count == 1)
        let folder = try folder([
            "muted_accounts.csv": "Account address,Hide notifications\na@x.example,true\na@x.example,false\n"
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        var exporter = try PlatformsFixtures.exporter(in: folder)
        let error = PlatformsFixtures.error { _ = try MastodonCSVExport(directory: folder).addEntries(into: &exporter) }
        #expect(error?.code == .duplicate)
        #expect(error?.reason.contains("line 3") == true)
    }

    @Test("spec §17.1: a file whose name does not tell its kind is typed by its header, else skipped")
    func kindFromHeader() throws {
        let (manifest, summary) = try importCSV([
            "export-1.csv": "Account address,Hide notifications\nspam@junk.example,false\n",
            "notes.csv": "hello,world\n",
        ])
        #expect(PlatformsFixtures.items(manifest, .mutes).count == 1)
        #expect(summary.notes.contains("notes.csv: not a Mastodon CSV export; skipped"))
    }

    @Test("JSON Lines of strings and entry objects → the right protocol per identifier")
    func jsonLines() throws {
        let folder = try MigrationExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("followers.jsonl")
        try PlatformsFixtures.write(
            """
            "did:plc:ewvi7nxzyoun6zhxrhs64oiz"
            "did:key:z6MkehRgf7yJbgaGfYsdoAsKdBPE3dj2CYhowQdcjqSJgvVd"
            "https://social.example/users/bob"

            "@carol@third.example"
            {"id":"https://x.example/u/1","protocol":"activitypub","since":"2024-01-01T00:00:00Z"}

            """,
            to: file
        )
        var exporter = try PlatformsFixtures.exporter(in: folder)
        var reported = 0
        let count = try GraphListImport.addEntries(from: file, to: .followers, into: &exporter) { reported = $0 }
        #expect(count == 5)
        #expect(reported == 5)
        let (manifest, _) = try PlatformsFixtures.export(&exporter, in: folder)
        let byID = Dictionary(
            uniqueKeysWithValues: PlatformsFixtures.items(manifest, .followers).map {
                ($0["id"]?.stringValue ?? "", $0)
            }
        )
        #expect(byID["did:plc:ewvi7nxzyoun6zhxrhs64oiz"]?["protocol"] == "atproto")
        #expect(byID["did:key:z6MkehRgf7yJbgaGfYsdoAsKdBPE3dj2CYhowQdcjqSJgvVd"]?["protocol"] == "did")
        #expect(byID["https://social.example/users/bob"]?["protocol"] == "activitypub")
        #expect(byID["acct:carol@third.example"]?["acct"] == "carol@third.example")
        #expect(byID["https://x.example/u/1"]?["since"] == "2024-01-01T00:00:00Z")
    }

    @Test("spec §15.1: a repeated list row is dropped by the exporter; two different entries for one id fail it")
    func graphListDuplicates() throws {
        let folder = try MigrationExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("followers.txt")
        try PlatformsFixtures.write("did:web:a.example\ndid:web:a.example\nbob@b.example\n", to: file)
        var exporter = try PlatformsFixtures.exporter(in: folder)
        #expect(try GraphListImport.addEntries(from: file, to: .followers, into: &exporter) == 3)
        let (manifest, _) = try PlatformsFixtures.export(&exporter, in: folder)
        #expect(manifest.collection(.followers)?.count == 2)

        let entries = folder.appendingPathComponent("following.jsonl")
        try PlatformsFixtures.write(
            """
            {"id":"https://x.example/u","protocol":"activitypub"}
            {"id":"https://x.example/u","protocol":"activitypub","acct":"u@x.example"}

            """,
            to: entries
        )
        var second = try PlatformsFixtures.exporter(in: folder)
        _ = try GraphListImport.addEntries(from: entries, to: .following, into: &second)
        let error = PlatformsFixtures.error { _ = try PlatformsFixtures.export(&second, in: folder) }
        #expect(error?.code == .duplicate)
    }

    @Test("CSV with a header row picks the named column; a bad row names file and line")
    func csvList() throws {
        let folder = try MigrationExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("following.csv")
        try PlatformsFixtures.write(
            "name,actor\nBob,https://social.example/users/bob\nCarol,carol@third.example\n",
            to: file
        )
        var exporter = try PlatformsFixtures.exporter(in: folder)
        #expect(try GraphListImport.addEntries(from: file, to: .following, into: &exporter) == 2)
        let bad = folder.appendingPathComponent("more.csv")
        try PlatformsFixtures.write("did:web:example.com\nnot an id\n", to: bad)
        let error = PlatformsFixtures.error {
            _ = try GraphListImport.addEntries(from: bad, to: .following, into: &exporter)
        }
        #expect(error?.code == .csvRowInvalid)
        #expect(error?.reason.contains("more.csv line 2") == true)
    }
}
