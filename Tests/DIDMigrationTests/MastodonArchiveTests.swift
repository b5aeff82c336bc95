// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDMethodKey
import DIDTestSupport
import Foundation
import Testing
import ZIPFoundation

@testable import DIDMigration

@Suite("IMB v0.1 §17.2: Mastodon archives (.zip, .tar.gz, folder)", .serialized)
struct MastodonArchiveTests {
    private func rawCID(_ bytes: [UInt8]) -> String { ContentIdentifier(rawContentOf: bytes).description }

    private func jcsCID(_ json: String) throws -> String {
        rawCID(try JSONValue(parsing: json).serialized(.canonical))
    }

    /// Imports an archive, exports the bundle, verifies it, and checks every content pointer.
    private func roundTrip(_ make: (URL) throws -> URL, isFile: Bool) async throws {
        let folder = try MigrationExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = try make(folder)
        let archive = try MastodonArchive(contentsOf: url)
        var exporter = try PlatformsFixtures.exporter(in: folder)
        exporter.configuration.sources = [archive.sourcePresence]
        let summary = try archive.addEntries(into: &exporter)
        let (manifest, bundle) = try PlatformsFixtures.export(&exporter, in: folder)

        let verifier = BundleVerifier(resolver: DIDKeyMethod(), options: .init())
        let result = try await MigrationExportFixtures.verify(
            bundle,
            verifier: verifier,
            now: PlatformsFixtures.exportedAt.addingTimeInterval(60)
        )
        #expect(result.failures.isEmpty, "\(result.failures)")

        let content = PlatformsFixtures.items(manifest, .content)
        func entry(_ uri: String, _ rel: String) -> JSONObject? {
            content.first { $0["uri"]?.stringValue == uri && $0["rel"]?.stringValue == rel }
        }
        let actorID = PlatformsFixtures.actorID
        let profile = try #require(entry(actorID, "profile"))
        #expect(profile["cid"]?.stringValue == (try jcsCID(PlatformsFixtures.actorJSON)))
        #expect(profile["mediaType"] == "application/activity+json")
        #expect(profile["created"] == "2022-11-05T00:00:00Z")
        #expect(profile["schema"] == "Person")
        let icon = try #require(entry(actorID + "#icon", "attachment"))
        #expect(icon["cid"]?.stringValue == rawCID(PlatformsFixtures.avatar))
        #expect(icon["size"] == .number(Double(PlatformsFixtures.avatar.count)))
        #expect(icon["partOf"]?.stringValue == actorID)
        #expect(icon["locations"] == ["avatar.png"])
        let image = try #require(entry(actorID + "#image", "attachment"))
        #expect(image["cid"]?.stringValue == rawCID(PlatformsFixtures.header))
        #expect(image["mediaType"] == "image/jpeg")

        let noteID = "https://social.example/users/alice/statuses/113456789012345678"
        let post = try #require(entry(noteID, "post"))
        #expect(post["cid"]?.stringValue == (try jcsCID(PlatformsFixtures.note1)))
        #expect(post["created"] == "2024-11-20T10:00:00Z")
        #expect(post["schema"] == "Note")
        #expect(post["locations"] == ["outbox.json"])
        let media = try #require(entry(noteID + "#attachments/0", "attachment"))
        #expect(media["cid"]?.stringValue == rawCID(PlatformsFixtures.media))
        #expect(media["partOf"]?.stringValue == noteID)
        #expect(media["mediaType"] == "image/png")
        #expect(media["locations"] == [.string(PlatformsFixtures.mediaPath)])
        #expect(entry("https://social.example/users/alice/statuses/113456789012345679", "post") != nil)
        let repost = try #require(
            entry("https://social.example/users/alice/statuses/113456789012345680/activity", "repost")
        )
        #expect(repost["cid"]?.stringValue == (try jcsCID(PlatformsFixtures.announce)))
        #expect(entry("https://other.example/users/bob/statuses/1", "like") != nil)
        #expect(entry("https://third.example/notes/9x", "like") != nil)
        #expect(entry("https://other.example/users/bob/statuses/1", "bookmark") != nil)
        #expect(content.count == 10)
        #expect(summary.counts[.content] == 10)
        #expect(summary.notes.contains("outbox.json: 3 activities → 2 posts, 1 reposts, 1 attachments"))

        let presence = archive.sourcePresence
        #expect(presence["platform"] == "mastodon")
        #expect(presence["actor"]?.stringValue == actorID)
        #expect(presence["service"] == "https://social.example")
        if isFile {
            let bytes = [UInt8](try Data(contentsOf: url))
            #expect(presence["archive"]?["cid"]?.stringValue == rawCID(bytes))
            #expect(presence["archive"]?["name"]?.stringValue == url.lastPathComponent)
        } else {
            #expect(presence["archive"] == nil)
        }
        #expect(
            archive.previousIdentifiers == [
                ["id": .string(actorID), "acct": "alice@social.example", "relation": "retiring"],
                ["id": "https://old.example/users/alice", "relation": "alias"],
            ]
        )
    }

    @Test("spec §17.2: a Mastodon 4.x .zip archive → bundle that verifies; CIDs over JCS(object) and file bytes")
    func zipArchive() async throws {
        try await roundTrip(PlatformsFixtures.archiveZip, isFile: true)
    }

    @Test("spec §17.2: an older .tar.gz archive (GNU tar, ./ prefixes) gives the same entries")
    func tarGzArchive() async throws {
        try await roundTrip(PlatformsFixtures.archiveTarGz, isFile: true)
    }

    @Test("spec §17.2: an extracted folder gives the same entries, without sources[].archive")
    func extractedFolder() async throws {
        try await roundTrip(PlatformsFixtures.archiveFolder, isFile: false)
    }

    @Test("spec §17.2: archive + CSV exports together; likes and bookmarks of the same post both kept (§9.4)")
    func archiveAndCSV() throws {
        let folder = try MigrationExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let archive = try MastodonArchive(contentsOf: try PlatformsFixtures.archiveZip(in: folder))
        let csv = folder.appendingPathComponent("csv")
        try PlatformsFixtures.write(
            "https://other.example/users/bob/statuses/1\n",
            to: csv.appendingPathComponent("bookmarks.csv")
        )
        try PlatformsFixtures.write(
            "Account address,Show boosts,Notify on new posts,Languages\nbob@other.example,true,false,\n",
            to: csv.appendingPathComponent("following_accounts.csv")
        )
        var exporter = try PlatformsFixtures.exporter(in: folder)
        _ = try archive.addEntries(into: &exporter)
        _ = try MastodonCSVExport(directory: csv).addEntries(into: &exporter)
        let (manifest, _) = try PlatformsFixtures.export(&exporter, in: folder)
        let bookmarks = PlatformsFixtures.items(manifest, .content).filter { $0["rel"] == "bookmark" }
        #expect(bookmarks.count == 1)  // the CSV row and bookmarks.json agree: one entry
        #expect(PlatformsFixtures.items(manifest, .following).count == 1)
    }

    /// Media is hashed while it streams out of the archive: reading a .tar.gz (streaming inflate + tar parser) and a
    /// .zip holding a 64 MiB video grows the peak RSS (`VmHWM`, reset through `clear_refs`) by far less than the
    /// file (bound 32 MiB; holding the file would need ≥ 64 MiB). Measured in a debug build: VmHWM 58 → 58 MiB for
    /// both (a 96 MiB file gave the same).
    @Test("spec §17.2: a 64 MiB media file in a .tar.gz and a .zip is read with bounded memory (VmHWM growth < 32 MiB)")
    func boundedMemory() throws {
        let folder = try MigrationExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try PlatformsFixtures.archiveFolder(in: folder)
        let video = source.appendingPathComponent("media_attachments/files/1/original/big.mp4")
        try FileManager.default.createDirectory(
            at: video.deletingLastPathComponent(),
            withIntermediateDirectories: true
        )
        let size = 64 << 20
        do {
            let random = try FileHandle(forReadingFrom: URL(fileURLWithPath: "/dev/urandom"))
            defer { try? random.close() }
            try #require(FileManager.default.createFile(atPath: video.path, contents: nil))
            let output = try FileHandle(forWritingTo: video)
            defer { try? output.close() }
            for _ in 0..<(size >> 20) { try output.write(contentsOf: try random.read(upToCount: 1 << 20) ?? Data()) }
        }
        let expected = try ArchiveReader.rawCID(ofFile: video)
        let tgz = folder.appendingPathComponent("big.tar.gz")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tar", "--use-compress-program=gzip -1", "-cf", tgz.path, "-C", source.path, "."]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        let zip = folder.appendingPathComponent("big.zip")
        try FileManager.default.zipItem(at: source, to: zip, shouldKeepParent: false, compressionMethod: .none)
        try FileManager.default.removeItem(at: source)
        for archive in [tgz, zip] {
            let reset = MigrationExportFixtures.resetPeakResident()
            let before = MigrationExportFixtures.peakResidentKiB()
            let scan = try ArchiveReader.read(archive, limits: .default, wanted: ["actor.json"])
            let peak = try #require(MigrationExportFixtures.peakResidentKiB())
            #expect(scan.files["media_attachments/files/1/original/big.mp4"] == .init(cid: expected.cid, size: size))
            print(
                "Mastodon archive \(archive.lastPathComponent) with a 64 MiB file: VmHWM \(peak / 1024) MiB "
                    + "(before \((before ?? 0) / 1024) MiB, reset \(reset))"
            )
            if reset, let before { #expect(peak - before < 32 * 1024) }
        }
    }

    @Test("spec §17.2: attachments without a file are skipped one by one; later ones of the same post are kept")
    func partialAttachments() throws {
        let folder = try MigrationExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let archive = try PlatformsFixtures.archiveFolder(in: folder)
        let id = "https://social.example/users/alice/statuses/1"
        let outbox = """
            {"type":"OrderedCollection","orderedItems":[{"type":"Create","object":{"id":"\(id)","type":"Note",\
            "content":"<p>a \\"quoted\\" [bracket] {brace}</p>","attachment":[\
            {"type":"Document","mediaType":"image/png","url":"https://cdn.example/a.png"},\
            {"type":"Document","mediaType":"image/png","url":"media_attachments/missing.png"},\
            {"type":"Document","mediaType":"image/png; q=1","url":"/\(PlatformsFixtures.mediaPath)"}]}}]}
            """
        try PlatformsFixtures.write(outbox, to: archive.appendingPathComponent("outbox.json"))
        var exporter = try PlatformsFixtures.exporter(in: folder)
        let summary = try MastodonArchive(contentsOf: archive).addEntries(into: &exporter)
        let (manifest, _) = try PlatformsFixtures.export(&exporter, in: folder)
        let attachments = PlatformsFixtures.items(manifest, .content).filter { $0["partOf"]?.stringValue == id }
        #expect(attachments.map { $0["uri"]?.stringValue } == [id + "#attachments/2"])
        #expect(attachments.first?["mediaType"] == "image/png")
        #expect(summary.notes.contains("outbox.json: 1 activities → 1 posts, 0 reposts, 1 attachments"))
        #expect(summary.notes.contains("skipped 1× outbox.json: attachment file not in the archive"))
        #expect(
            summary.notes.contains("skipped 1× outbox.json: attachment with an absolute URL (file not in the archive)")
        )
    }

    @Test("spec §17.2: outbox items are split without a whole-document parse; a broken item names its index")
    func outboxScanner() throws {
        let text = #"""
            \#u{FEFF} {"a":{"orderedItems":[9]}, "orderedItems" : [ {"x":"]\"},"} , "s\\" ,[1,[2]],true,null , -1.5e3 ],"z":[]}
            """#
        let bytes = Array(text.utf8)
        let ranges = try #require(JSONArrayScanner.elements(of: "orderedItems", in: bytes))
        #expect(
            ranges.map { String(decoding: bytes[$0], as: UTF8.self) } == [
                #"{"x":"]\"},"}"#, #""s\\""#, "[1,[2]]", "true", "null", "-1.5e3",
            ]
        )
        #expect(JSONArrayScanner.elements(of: "orderedItems", in: Array(#"{"orderedItems":[]}"#.utf8)) == [])
        for broken in [
            #"{"orderedItems":[1,}"#, #"{"orderedItems":"x"}"#, #"["orderedItems"]"#, #"{"orderedItems":[1]} x"#,
        ] {
            #expect(JSONArrayScanner.elements(of: "orderedItems", in: Array(broken.utf8)) == nil, "\(broken)")
        }

        let folder = try MigrationExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let archive = try PlatformsFixtures.archiveFolder(in: folder)
        try PlatformsFixtures.write(
            #"{"orderedItems":[{"type":"Announce","id":"https://x.example/1"},{"type":tru}]}"#,
            to: archive.appendingPathComponent("outbox.json")
        )
        var exporter = try PlatformsFixtures.exporter(in: folder)
        let error = PlatformsFixtures.error { _ = try MastodonArchive(contentsOf: archive).addEntries(into: &exporter) }
        #expect(error?.code == .malformedJSON)
        #expect(error?.reason.contains("outbox.json /orderedItems/1") == true)
        try PlatformsFixtures.write(#"{"orderedItems":[1,"#, to: archive.appendingPathComponent("likes.json"))
        try PlatformsFixtures.write(#"{"orderedItems":[]}"#, to: archive.appendingPathComponent("outbox.json"))
        var second = try PlatformsFixtures.exporter(in: folder)
        let whole = PlatformsFixtures.error { _ = try MastodonArchive(contentsOf: archive).addEntries(into: &second) }
        #expect(whole?.code == .malformedJSON)
        #expect(whole?.reason.contains("likes.json") == true)
    }

    @Test("spec §17.2: a zip entry with ../ is archive-path-traversal naming the entry")
    func zipTraversal() throws {
        let folder = try MigrationExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let zip = folder.appendingPathComponent("evil.zip")
        try PlatformsFixtures.zip(
            [("actor.json", Array(PlatformsFixtures.actorJSON.utf8), false), ("media/../../evil.sh", [0x23], false)],
            to: zip
        )
        let error = PlatformsFixtures.error { _ = try MastodonArchive(contentsOf: zip) }
        #expect(error?.code == .archivePathTraversal)
        #expect(error?.reason.contains("media/../../evil.sh") == true)
        for name in ["/etc/passwd", "a\\..\\b"] {
            #expect(throws: MigrationError(.archivePathTraversal, "")) { try ArchiveReader.safePath(name) }
        }
        #expect(try ArchiveReader.safePath("./media/./a.png") == "media/a.png")
    }

    @Test("spec §17.2: a zip bomb (highly compressible entry) stops at the limits, declared or actual")
    func zipBomb() throws {
        let folder = try MigrationExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let zip = folder.appendingPathComponent("bomb.zip")
        try PlatformsFixtures.zip(
            [
                ("actor.json", Array(PlatformsFixtures.actorJSON.utf8), false),
                ("media_attachments/zeros.bin", [UInt8](repeating: 0, count: 8 << 20), false),
            ],
            to: zip
        )
        let ratio = PlatformsFixtures.error {
            _ = try MastodonArchive(contentsOf: zip, limits: ArchiveLimits(maxCompressionRatio: 100))
        }
        #expect(ratio?.code == .archiveTooLarge)
        #expect(ratio?.reason.contains("media_attachments/zeros.bin") == true)
        let entry = PlatformsFixtures.error {
            _ = try MastodonArchive(contentsOf: zip, limits: ArchiveLimits(maxEntryBytes: 1 << 20))
        }
        #expect(entry?.code == .archiveTooLarge)
        let total = PlatformsFixtures.error {
            _ = try MastodonArchive(contentsOf: zip, limits: ArchiveLimits(maxTotalBytes: 4 << 20))
        }
        #expect(total?.code == .archiveTooLarge)
        let count = PlatformsFixtures.error {
            _ = try MastodonArchive(contentsOf: zip, limits: ArchiveLimits(maxEntries: 1))
        }
        #expect(count?.code == .archiveTooLarge)
        // Zeros deflate about 1000:1, so only a higher ratio limit lets the same archive through.
        let archive = try MastodonArchive(contentsOf: zip, limits: ArchiveLimits(maxCompressionRatio: 100_000))
        #expect(archive.actorID == PlatformsFixtures.actorID)
    }

    @Test("spec §17.2: a zip whose headers under-declare the size is stopped by the bytes actually inflated")
    func zipLyingSizes() throws {
        let folder = try MigrationExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let zip = folder.appendingPathComponent("liar.zip")
        let name = "media_attachments/zeros.bin"
        try PlatformsFixtures.zip(
            [
                ("actor.json", Array(PlatformsFixtures.actorJSON.utf8), false),
                (name, [UInt8](repeating: 0, count: 4 << 20), false),
            ],
            to: zip
        )
        // Rewrite the uncompressed size of the entry to 1000 in its local and central headers.
        var bytes = [UInt8](try Data(contentsOf: zip))
        let nameBytes = Array(name.utf8)
        var patched = 0
        for index in 0..<(bytes.count - 46) {
            let signature = bytes[index..<(index + 4)]
            let (sizeOffset, nameOffset): (Int, Int)
            if signature.elementsEqual([0x50, 0x4B, 0x03, 0x04]) {
                (sizeOffset, nameOffset) = (22, 30)
            } else if signature.elementsEqual([0x50, 0x4B, 0x01, 0x02]) {
                (sizeOffset, nameOffset) = (24, 46)
            } else {
                continue
            }
            guard bytes[(index + nameOffset)...].starts(with: nameBytes) else { continue }
            bytes.replaceSubrange((index + sizeOffset)..<(index + sizeOffset + 4), with: [0xE8, 0x03, 0, 0])
            patched += 1
        }
        try #require(patched == 2)
        try PlatformsFixtures.write(bytes, to: zip)
        let error = PlatformsFixtures.error {
            _ = try MastodonArchive(contentsOf: zip, limits: ArchiveLimits(maxEntryBytes: 1 << 20))
        }
        #expect(error?.code == .archiveTooLarge)
        #expect(error?.reason.contains("expands past") == true)
        // Within the limits, the lie is still caught: the inflated size differs from the declared one.
        let mismatch = PlatformsFixtures.error {
            _ = try MastodonArchive(contentsOf: zip, limits: ArchiveLimits(maxCompressionRatio: 100_000))
        }
        #expect(mismatch != nil)
    }

    @Test("spec §17.2: a tar.gz bomb is stopped while streaming (no full inflate in memory)")
    func tarGzBomb() throws {
        let folder = try MigrationExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let tgz = folder.appendingPathComponent("bomb.tar.gz")
        let zeros = [UInt8](repeating: 0, count: 3 << 20)
        let gz = PlatformsFixtures.tarGz([
            ("actor.json", Array(PlatformsFixtures.actorJSON.utf8), nil), ("big.bin", zeros, nil),
        ])
        try PlatformsFixtures.write(gz, to: tgz)
        let error = PlatformsFixtures.error {
            _ = try MastodonArchive(contentsOf: tgz, limits: ArchiveLimits(maxEntryBytes: 1 << 20))
        }
        #expect(error?.code == .archiveTooLarge)
        #expect(error?.reason.contains("big.bin") == true)
    }

    @Test("spec §17.2: links leaving the archive are rejected (zip, tar.gz, folder); inner links are not followed")
    func symlinks() throws {
        let folder = try MigrationExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let actor = Array(PlatformsFixtures.actorJSON.utf8)
        let zip = folder.appendingPathComponent("link.zip")
        try PlatformsFixtures.zip(
            [("actor.json", actor, false), ("avatar.png", Array("../../etc/passwd".utf8), true)],
            to: zip
        )
        let zipError = PlatformsFixtures.error { _ = try MastodonArchive(contentsOf: zip) }
        #expect(zipError?.code == .archivePathTraversal)
        #expect(zipError?.reason.contains("avatar.png") == true)

        let tgz = folder.appendingPathComponent("link.tgz")
        try PlatformsFixtures.write(
            PlatformsFixtures.tarGz([("actor.json", actor, nil), ("media/x.png", [], "../../../root/.ssh/id_ed25519")]),
            to: tgz
        )
        let tarError = PlatformsFixtures.error { _ = try MastodonArchive(contentsOf: tgz) }
        #expect(tarError?.code == .archivePathTraversal)
        #expect(tarError?.reason.contains("media/x.png") == true)

        let inner = folder.appendingPathComponent("inner.tgz")
        try PlatformsFixtures.write(
            PlatformsFixtures.tarGz([("actor.json", actor, nil), ("media/x.png", [], "../avatar.png")]),
            to: inner
        )
        let archive = try MastodonArchive(contentsOf: inner)
        #expect(archive.readingNotes == ["media/x.png: a link; not followed"])

        // tar hard links name an archive path: one inside is noted, one with ../ is rejected.
        let hard = folder.appendingPathComponent("hard.tgz")
        try PlatformsFixtures.write(
            PlatformsFixtures.tarGz(
                [("actor.json", actor, nil), ("media/a/b/x.png", [], "avatar.png")],
                hardLinks: true
            ),
            to: hard
        )
        #expect(try MastodonArchive(contentsOf: hard).readingNotes == ["media/a/b/x.png: a link; not followed"])
        let hardOut = folder.appendingPathComponent("hard-out.tgz")
        try PlatformsFixtures.write(
            PlatformsFixtures.tarGz(
                [("actor.json", actor, nil), ("media/x.png", [], "../etc/passwd")],
                hardLinks: true
            ),
            to: hardOut
        )
        #expect(PlatformsFixtures.error { _ = try MastodonArchive(contentsOf: hardOut) }?.code == .archivePathTraversal)

        let extracted = try PlatformsFixtures.archiveFolder(in: folder)
        try FileManager.default.createSymbolicLink(
            atPath: extracted.appendingPathComponent("secret.txt").path,
            withDestinationPath: "/etc/hostname"
        )
        let folderError = PlatformsFixtures.error { _ = try MastodonArchive(contentsOf: extracted) }
        #expect(folderError?.code == .archivePathTraversal)
        #expect(folderError?.reason.contains("secret.txt") == true)
    }

    @Test("spec §17.2: tar.gz entries with ../ are rejected; a truncated .tar.gz fails cleanly")
    func tarTraversalAndTruncation() throws {
        let folder = try MigrationExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let actor = Array(PlatformsFixtures.actorJSON.utf8)
        let evil = folder.appendingPathComponent("evil.tar.gz")
        try PlatformsFixtures.write(
            PlatformsFixtures.tarGz([("actor.json", actor, nil), ("../x", [1], nil)]),
            to: evil
        )
        let error = PlatformsFixtures.error { _ = try MastodonArchive(contentsOf: evil) }
        #expect(error?.code == .archivePathTraversal)
        #expect(error?.reason.contains("\"../x\"") == true)

        let good = try PlatformsFixtures.archiveTarGz(in: folder)
        let bytes = [UInt8](try Data(contentsOf: good))
        for cut in [bytes.count / 2, bytes.count - 4] {
            let truncated = folder.appendingPathComponent("cut-\(cut).tar.gz")
            try PlatformsFixtures.write(Array(bytes[..<cut]), to: truncated)
            let failure = PlatformsFixtures.error { _ = try MastodonArchive(contentsOf: truncated) }
            #expect(failure?.code == .invalidField)
        }
        let notArchive = folder.appendingPathComponent("notes.txt")
        try PlatformsFixtures.write("hello", to: notArchive)
        #expect(PlatformsFixtures.error { _ = try MastodonArchive(contentsOf: notArchive) }?.code == .invalidField)
    }
}
