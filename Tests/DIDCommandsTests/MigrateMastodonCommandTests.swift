// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import Foundation
import Testing

/// A Mastodon 4.x account archive and CSV exports, written as Mastodon writes them (IMB v0.1 §17;
/// Mastodon's `BackupService` puts actor.json, outbox.json, likes.json, bookmarks.json, the avatar, the header and
/// media_attachments/… at the root of a zip; the "Data export" page gives one CSV per list).
enum MastodonExportFixture {
    static let actor = "https://social.example/users/alice"

    static let actorJSON = """
        {"@context":["https://www.w3.org/ns/activitystreams","https://w3id.org/security/v1",\
        {"manuallyApprovesFollowers":"as:manuallyApprovesFollowers","toot":"http://joinmastodon.org/ns#",\
        "alsoKnownAs":{"@id":"as:alsoKnownAs","@type":"@id"}}],\
        "id":"\(actor)","type":"Person","following":"\(actor)/following","followers":"\(actor)/followers",\
        "inbox":"\(actor)/inbox","outbox":"outbox.json","preferredUsername":"alice","name":"Alice",\
        "summary":"<p>Moving soon</p>","url":"https://social.example/@alice","manuallyApprovesFollowers":false,\
        "discoverable":true,"published":"2022-11-05T00:00:00Z","likes":"likes.json","bookmarks":"bookmarks.json",\
        "alsoKnownAs":["https://old.example/users/alice"],\
        "publicKey":{"id":"\(actor)#main-key","owner":"\(actor)",\
        "publicKeyPem":"-----BEGIN PUBLIC KEY-----\\nMIIB\\n-----END PUBLIC KEY-----\\n"},\
        "tag":[],"attachment":[],"endpoints":{"sharedInbox":"https://social.example/inbox"},\
        "icon":{"type":"Image","mediaType":"image/png","url":"avatar.png"},\
        "image":{"type":"Image","mediaType":"image/jpeg","url":"header.jpg"}}
        """

    static let mediaPath = "media_attachments/files/113/456/789/012/345/678/original/8f1c2a9b7e.png"

    /// `count` posts (every third with an image) and a boost, in an OrderedCollection of Create/Announce activities.
    static func outboxJSON(posts count: Int) -> String {
        var items: [String] = []
        for index in 0..<count {
            let id = "\(actor)/statuses/\(113_456_789_012_345_000 + index)"
            let attachment =
                index % 3 == 0
                ? #"[{"type":"Document","mediaType":"image/png","url":"\#(mediaPath)","name":"A drawing","blurhash":"UBL_:rOpGG-;~qRjWBay","width":40,"height":25}]"#
                : "[]"
            items.append(
                """
                {"id":"\(id)/activity","type":"Create","actor":"\(actor)","published":"2024-11-20T10:00:00Z",\
                "to":["https://www.w3.org/ns/activitystreams#Public"],"cc":["\(actor)/followers"],\
                "object":{"id":"\(id)","type":"Note","summary":null,"inReplyTo":null,\
                "published":"2024-11-20T10:00:00Z","url":"https://social.example/@alice/\(index)",\
                "attributedTo":"\(actor)","to":["https://www.w3.org/ns/activitystreams#Public"],\
                "cc":["\(actor)/followers"],"sensitive":false,"content":"<p>Post \(index) \\u2014 🐘</p>",\
                "contentMap":{"en":"<p>Post \(index)</p>"},"attachment":\(attachment),"tag":[]}}
                """
            )
        }
        items.append(
            """
            {"id":"\(actor)/statuses/113456789012399999/activity","type":"Announce","actor":"\(actor)",\
            "published":"2024-11-22T09:00:00Z","to":["https://www.w3.org/ns/activitystreams#Public"],\
            "cc":["https://other.example/users/bob"],"object":"https://other.example/users/bob/statuses/1"}
            """
        )
        return """
            {"@context":["https://www.w3.org/ns/activitystreams",{"ostatus":"http://ostatus.org#",\
            "sensitive":"as:sensitive","toot":"http://joinmastodon.org/ns#","blurhash":"toot:blurhash"}],\
            "id":"outbox.json","type":"OrderedCollection","totalItems":\(items.count),\
            "orderedItems":[\(items.joined(separator: ","))]}
            """
    }

    static let likesJSON = """
        {"@context":"https://www.w3.org/ns/activitystreams","id":"likes.json","type":"OrderedCollection",\
        "orderedItems":["https://other.example/users/bob/statuses/1","https://third.example/notes/9x"]}
        """

    static let bookmarksJSON = """
        {"@context":"https://www.w3.org/ns/activitystreams","id":"bookmarks.json","type":"OrderedCollection",\
        "orderedItems":["https://other.example/users/bob/statuses/1"]}
        """

    /// The CSV exports (LF line ends and quoting as Ruby's CSV writes them; the languages joined with ", ").
    static let csvFiles: [String: String] = [
        "following_accounts.csv": """
        Account address,Show boosts,Notify on new posts,Languages
        bob@other.example,true,false,"en, de"
        carol@third.example,false,true,
        dave@gone.example,true,false,

        """,
        "follower_accounts.csv": "Account address\nfan@fans.example\nbob@other.example\nerin@tiny.example\n",
        "blocked_accounts.csv": "mallory@spam.example\n",
        "muted_accounts.csv": "Account address,Hide notifications\nloud@x.example,true\nquiet@x.example,false\n",
        "lists.csv": "\"Work, mostly\",bob@other.example\nFriends,carol@third.example\n",
        "bookmarks.csv": "https://other.example/users/bob/statuses/1\n",
        "blocked_domains.csv": "spam.example\n",
    ]

    /// Writes the archive as a zip (`python3 -m zipfile`, entries at the root as Mastodon writes them) and the CSV
    /// folder; returns their paths.
    static func write(
        in scratch: borrowing CLIScratchDirectory,
        posts: Int,
        format: String = "zip"
    ) throws -> (archive: String, csv: String) {
        let folder = scratch.url.appendingPathComponent("archive")
        func put(_ bytes: [UInt8], _ name: String) throws {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
            try Data(bytes).write(to: url)
        }
        try put(Array(actorJSON.utf8), "actor.json")
        try put(Array(outboxJSON(posts: posts).utf8), "outbox.json")
        try put(Array(likesJSON.utf8), "likes.json")
        try put(Array(bookmarksJSON.utf8), "bookmarks.json")
        try put([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 7, count: 300), "avatar.png")
        try put([0xFF, 0xD8, 0xFF, 0xE0] + Array(repeating: 9, count: 500), "header.jpg")
        try put((0..<4000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }, mediaPath)
        let archive = scratch.path("archive-20261127120000-0123456789abcdef.\(format)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // Mastodon 4.x streams a zip; older versions wrote a .tar.gz with the system tar.
        process.arguments =
            format == "zip"
            ? [
                "python3", "-m", "zipfile", "-c", archive, "actor.json", "outbox.json", "likes.json", "bookmarks.json",
                "avatar.png", "header.jpg", "media_attachments",
            ]
            : ["tar", "-czf", archive, "."]
        process.currentDirectoryURL = folder
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "packing the \(format) archive failed")
        let csv = scratch.url.appendingPathComponent("csv")
        try FileManager.default.createDirectory(at: csv, withIntermediateDirectories: true)
        for (name, text) in csvFiles { try Data(text.utf8).write(to: csv.appendingPathComponent(name)) }
        return (archive, csv.path)
    }
}

@Suite("did migrate with a Mastodon export (the built binary)")
struct MigrateMastodonCommandTests {
    @Test(
        "a Mastodon archive + CSV export → bundle verifies in a fresh process; flipped bytes fail naming the page or field; to-mastodon writes Mastodon's CSVs",
        arguments: ["zip", "tar.gz"]
    )
    func mastodonRoundTrip(format: String) async throws {
        let fixture = try await MigrateFixture()
        let (zip, csv) = try MastodonExportFixture.write(in: fixture.keystore.scratch, posts: 12, format: format)
        let out = fixture.path("bundle")
        let exported = try await fixture.run(
            [
                "migrate", "export", "--key", "alice", "--subject", fixture.did, "--mastodon-archive", zip,
                "--mastodon-csv", csv, "--destination", "https://new.example", "--challenge", "c-1", "--page-size",
                "4", "--out", out,
            ]
        )
        exported.expectSuccess()
        let summary = exported.standardOutput
        // 12 posts, 4 images, 1 boost, 2 likes, 1 bookmark, the profile with avatar and header: 23 content entries.
        #expect(summary.contains("content: 23 in 6 pages of 4\n"), "\(exported)")
        #expect(summary.contains("following: 3 inline\n"), "\(exported)")
        #expect(summary.contains("followers: 3 inline\n"), "\(exported)")
        #expect(summary.contains("mutes: 2 inline\n"), "\(exported)")
        #expect(summary.contains("blocks: 1 inline\n"), "\(exported)")
        #expect(summary.contains("lists: 2 inline\n"), "\(exported)")

        let inspected = try await CLI.run(["migrate", "inspect", out])
        inspected.expectSuccess()
        #expect(
            inspected.standardOutput.contains(
                "source: mastodon activitypub https://social.example (actor \(MastodonExportFixture.actor)) "
                    + "archive archive-20261127120000-0123456789abcdef.\(format)"
            ),
            "\(inspected)"
        )
        #expect(inspected.standardOutput.contains("destination: activitypub https://new.example\n"))
        #expect(
            inspected.standardOutput.contains(
                "also known as: \(MastodonExportFixture.actor), https://old.example/users/alice\n"
            ),
            "\(inspected)"
        )

        let audience = ["--domain", "https://new.example", "--challenge", "c-1"]
        let verified = try await CLI.run(["migrate", "verify", out] + audience)
        verified.expectSuccess()
        #expect(verified.standardOutput.hasPrefix("verified: "), "\(verified)")

        // One flipped byte in a content page, then in bundle.json: rejected, naming the page or the field.
        let page = out + "/pages/content/000003.jsonl"
        let original = try Data(contentsOf: URL(fileURLWithPath: page))
        try flipByte(page, at: original.count / 2)
        let badPage = try await CLI.run(["migrate", "verify", out] + audience)
        badPage.expectFailure(
            1,
            linePrefix:
                "rejected: 1 mandatory check failed (collections.content.pages[3] page-cid-mismatch at pages/content/000003.jsonl"
        )
        try original.write(to: URL(fileURLWithPath: page))
        let manifestURL = URL(fileURLWithPath: out + "/bundle.json")
        let manifest = try Data(contentsOf: manifestURL)
        let text = String(decoding: manifest, as: UTF8.self)
        let acct = try #require(text.range(of: "\"acct\":\"loud@x.example\""))
        try flipByte(manifestURL.path, at: text.utf8.distance(from: text.startIndex, to: acct.lowerBound) + 9)
        let badManifest = try await CLI.run(["migrate", "verify", "--json", out] + audience)
        badManifest.expectFailure(1)
        let result = try badManifest.json()
        #expect(result["outcome"] == "rejected")
        let failed = (result["checks"]?.arrayValue ?? []).filter { $0["status"] == "failed" }
        #expect(
            failed.contains { $0["name"] == "collections.mutes.root" && $0["reason"] == "collection-root-mismatch" },
            "\(badManifest)"
        )
        #expect(
            failed.contains { $0["name"] == "proof.signature" && $0["location"] == "/proof" },
            "\(badManifest)"
        )
        try manifest.write(to: manifestURL)

        // to-mastodon: the CSVs Mastodon imports, with the headers and value formats of its own exports.
        let csvOut = fixture.path("mastodon-csv")
        let converted = try await CLI.run(["migrate", "to-mastodon", out, "--out", csvOut])
        converted.expectSuccess()
        #expect(converted.standardOutput.contains("following_accounts.csv: 4 lines\n"), "\(converted)")
        #expect(converted.standardOutput.contains("note: "), "\(converted)")
        func read(_ name: String) throws -> String {
            String(decoding: try Data(contentsOf: URL(fileURLWithPath: csvOut + "/" + name)), as: UTF8.self)
        }
        let following = try read("following_accounts.csv").split(separator: "\n").map(String.init)
        #expect(following.first == "Account address,Show boosts,Notify on new posts,Languages", "\(following)")
        #expect(following.contains("bob@other.example,true,false,\"en, de\""), "\(following)")
        #expect(following.contains("carol@third.example,false,true,"), "\(following)")
        let mutes = try read("muted_accounts.csv").split(separator: "\n").map(String.init)
        #expect(mutes.first == "Account address,Hide notifications", "\(mutes)")
        #expect(mutes.contains("loud@x.example,true"), "\(mutes)")
        #expect(try read("blocked_accounts.csv") == "mallory@spam.example\n")
        let lists = try read("lists.csv")
        #expect(
            lists.contains("\"Work, mostly\",bob@other.example\n") && lists.contains("Friends,carol@third.example\n")
        )
        #expect(try read("bookmarks.csv") == "https://other.example/users/bob/statuses/1\n")
        #expect(try read("blocked_domains.csv") == "spam.example\n")
        let written = try FileManager.default.contentsOfDirectory(atPath: csvOut)
        #expect(!written.contains { $0.hasPrefix("follower") }, "followers cannot be imported: \(written)")
        let again = try await CLI.run(["migrate", "to-mastodon", out, "--out", csvOut])
        again.expectFailure(74, linePrefix: "\(csvOut) already exists")
    }

    @Test("a zip with a ../ entry is refused with a precise error and no bundle folder")
    func pathTraversalZip() async throws {
        let fixture = try await MigrateFixture()
        let evil = fixture.path("evil.zip")
        let script = """
            import zipfile, sys
            with zipfile.ZipFile(sys.argv[1], "w") as z:
                z.writestr("actor.json", '{"id":"https://social.example/users/alice","type":"Person"}')
                z.writestr("../escape.txt", "outside")
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, evil]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        let out = fixture.path("bundle")
        let result = try await fixture.run(
            ["migrate", "export", "--key", "alice", "--subject", fixture.did, "--mastodon-archive", evil, "--out", out]
        )
        let line = result.expectFailure(65)
        #expect(line.contains("archive-path-traversal") && line.contains("../escape.txt"), "\(line)")
        #expect(!FileManager.default.fileExists(atPath: out))
        let left = try FileManager.default.contentsOfDirectory(atPath: fixture.keystore.scratch.url.path)
        #expect(left.allSatisfy { !$0.hasPrefix(".") }, "\(left)")
    }
}
