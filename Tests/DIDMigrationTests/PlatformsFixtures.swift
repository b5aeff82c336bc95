// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDCredentials
import DIDTestSupport
import Foundation
import Testing
import ZIPFoundation

@testable import DIDMigration

/// Builders for the platform-mapping tests: Mastodon 4.x archives and CSV exports made at test time, shaped as
/// Mastodon's `BackupService` and `Export` write them (IMB v0.1 §17; Mastodon's `app/services/backup_service.rb`, `app/models/export.rb`).
enum PlatformsFixtures {
    static let actorID = "https://social.example/users/alice"
    static let exportedAt = Date(timeIntervalSince1970: 1_795_780_800)  // 2026-11-27T12:00:00Z

    static func exporter(in folder: URL, inlineLimit: Int = 1024) throws -> BundleExporter {
        try TestBundle(inlineLimit: inlineLimit).exporter(in: folder)
    }

    /// Exports and returns the manifest and the bundle folder.
    static func export(_ exporter: inout BundleExporter, in folder: URL) throws -> (MigrationManifest, URL) {
        let output = folder.appendingPathComponent("bundle-\(UUID().uuidString)")
        let manifest = try exporter.export(
            to: output,
            key: MigrationFixtures.key,
            verificationMethod: MigrationExportFixtures.verificationMethod
        )
        return (manifest, output)
    }

    /// The inline items of a collection (empty when absent).
    static func items(_ manifest: MigrationManifest, _ name: MigrationCollectionName) -> [JSONObject] {
        guard case .inline(let items)? = manifest.collection(name)?.form else { return [] }
        return items
    }

    static func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    static func write(_ bytes: [UInt8], to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    static let avatar: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 7, count: 300)
    static let header: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0] + Array(repeating: 9, count: 500)
    static let media: [UInt8] = (0..<4000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
    static let mediaPath = "media_attachments/files/113/456/789/012/345/678/original/8f1c2a9b7e.png"

    static let actorJSON = """
        {"@context":["https://www.w3.org/ns/activitystreams","https://w3id.org/security/v1",\
        {"manuallyApprovesFollowers":"as:manuallyApprovesFollowers","toot":"http://joinmastodon.org/ns#",\
        "alsoKnownAs":{"@id":"as:alsoKnownAs","@type":"@id"}}],\
        "id":"https://social.example/users/alice","type":"Person",\
        "following":"https://social.example/users/alice/following",\
        "followers":"https://social.example/users/alice/followers",\
        "inbox":"https://social.example/users/alice/inbox","outbox":"outbox.json",\
        "preferredUsername":"alice","name":"Alice","summary":"<p>Hello</p>",\
        "url":"https://social.example/@alice","manuallyApprovesFollowers":false,"discoverable":true,\
        "published":"2022-11-05T00:00:00Z","likes":"likes.json","bookmarks":"bookmarks.json",\
        "alsoKnownAs":["https://old.example/users/alice"],\
        "publicKey":{"id":"https://social.example/users/alice#main-key",\
        "owner":"https://social.example/users/alice","publicKeyPem":"-----BEGIN PUBLIC KEY-----\\nMIIB\\n-----END PUBLIC KEY-----\\n"},\
        "tag":[],"attachment":[],"endpoints":{"sharedInbox":"https://social.example/inbox"},\
        "icon":{"type":"Image","mediaType":"image/png","url":"avatar.png"},\
        "image":{"type":"Image","mediaType":"image/jpeg","url":"header.jpg"}}
        """

    static let note1 = """
        {"id":"https://social.example/users/alice/statuses/113456789012345678","type":"Note","summary":null,\
        "inReplyTo":null,"published":"2024-11-20T10:00:00Z",\
        "url":"https://social.example/@alice/113456789012345678",\
        "attributedTo":"https://social.example/users/alice",\
        "to":["https://www.w3.org/ns/activitystreams#Public"],\
        "cc":["https://social.example/users/alice/followers"],"sensitive":false,\
        "content":"<p>Moving house \\u2014 with my followers 🐘</p>","contentMap":{"en":"<p>Moving house</p>"},\
        "attachment":[{"type":"Document","mediaType":"image/png","url":"\(mediaPath)",\
        "name":"A drawing","blurhash":"UBL_:rOpGG-;~qRjWBay","focalPoint":[0.5,-0.25],"width":40,"height":25}],"tag":[],\
        "replies":{"id":"https://social.example/users/alice/statuses/113456789012345678/replies",\
        "type":"Collection","first":{"type":"CollectionPage","next":\
        "https://social.example/users/alice/statuses/113456789012345678/replies?only_other_accounts=true&page=true",\
        "partOf":"https://social.example/users/alice/statuses/113456789012345678/replies","items":[]}}}
        """

    static let note2 = """
        {"id":"https://social.example/users/alice/statuses/113456789012345679","type":"Note",\
        "published":"2024-11-21T08:30:00Z","attributedTo":"https://social.example/users/alice",\
        "to":["https://www.w3.org/ns/activitystreams#Public"],"cc":[],"content":"<p>Second</p>","attachment":[],\
        "tag":[]}
        """

    static let announce = """
        {"id":"https://social.example/users/alice/statuses/113456789012345680/activity","type":"Announce",\
        "actor":"https://social.example/users/alice","published":"2024-11-22T09:00:00Z",\
        "to":["https://www.w3.org/ns/activitystreams#Public"],"cc":["https://other.example/users/bob"],\
        "object":"https://other.example/users/bob/statuses/1"}
        """

    static var outboxJSON: String {
        """
        {"@context":["https://www.w3.org/ns/activitystreams",{"ostatus":"http://ostatus.org#",\
        "sensitive":"as:sensitive","toot":"http://joinmastodon.org/ns#","blurhash":"toot:blurhash"}],\
        "id":"outbox.json","type":"OrderedCollection","totalItems":3,"orderedItems":[\
        {"id":"https://social.example/users/alice/statuses/113456789012345678/activity","type":"Create",\
        "actor":"https://social.example/users/alice","published":"2024-11-20T10:00:00Z",\
        "to":["https://www.w3.org/ns/activitystreams#Public"],"cc":["https://social.example/users/alice/followers"],\
        "object":\(note1)},\
        {"id":"https://social.example/users/alice/statuses/113456789012345679/activity","type":"Create",\
        "actor":"https://social.example/users/alice","published":"2024-11-21T08:30:00Z",\
        "to":["https://www.w3.org/ns/activitystreams#Public"],"cc":[],"object":\(note2)},\
        \(announce)]}
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

    /// An extracted Mastodon 4.x archive in a new folder.
    static func archiveFolder(in parent: URL) throws -> URL {
        let folder = parent.appendingPathComponent("archive-\(UUID().uuidString)")
        try write(actorJSON, to: folder.appendingPathComponent("actor.json"))
        try write(outboxJSON, to: folder.appendingPathComponent("outbox.json"))
        try write(likesJSON, to: folder.appendingPathComponent("likes.json"))
        try write(bookmarksJSON, to: folder.appendingPathComponent("bookmarks.json"))
        try write(avatar, to: folder.appendingPathComponent("avatar.png"))
        try write(header, to: folder.appendingPathComponent("header.jpg"))
        try write(media, to: folder.appendingPathComponent(mediaPath))
        return folder
    }

    /// The same archive as a `.zip` written by ZIPFoundation (deflate), as Mastodon 4.x streams it.
    static func archiveZip(in parent: URL) throws -> URL {
        let folder = try archiveFolder(in: parent)
        let zip = parent.appendingPathComponent("archive-20261127120000-0123456789abcdef.zip")
        try FileManager.default.zipItem(at: folder, to: zip, shouldKeepParent: false, compressionMethod: .deflate)
        return zip
    }

    /// The same archive as a `.tar.gz` written by the system `tar`, as older Mastodon versions built it.
    static func archiveTarGz(in parent: URL) throws -> URL {
        let folder = try archiveFolder(in: parent)
        let tgz = parent.appendingPathComponent("archive-20261127120000-0123456789abcdef.tar.gz")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tar", "-czf", tgz.path, "-C", folder.path, "."]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        return tgz
    }

    /// A zip with arbitrary entries (names are written as given, links as `.symlink` entries).
    static func zip(_ entries: [(name: String, bytes: [UInt8], link: Bool)], to url: URL) throws {
        let archive = try Archive(url: url, accessMode: .create)
        for entry in entries {
            let data = Data(entry.bytes)
            try archive.addEntry(
                with: entry.name,
                type: entry.link ? .symlink : .file,
                uncompressedSize: Int64(data.count),
                compressionMethod: entry.link ? .none : .deflate,
                provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
            )
        }
    }

    /// A minimal ustar archive (POSIX.1-1988) of regular files and links, gzip-wrapped with stored blocks.
    static func tarGz(
        _ entries: [(name: String, bytes: [UInt8], linkTarget: String?)],
        hardLinks: Bool = false
    ) -> [UInt8] {
        GZIP.compressStored(tar(entries, hardLinks: hardLinks))
    }

    /// A minimal ustar archive (POSIX.1-1988) of regular files and links.
    static func tar(
        _ entries: [(name: String, bytes: [UInt8], linkTarget: String?)],
        hardLinks: Bool = false
    ) -> [UInt8] {
        var tar: [UInt8] = []
        for entry in entries {
            var header = [UInt8](repeating: 0, count: 512)
            func put(_ text: String, at offset: Int) {
                for (index, byte) in text.utf8.enumerated() { header[offset + index] = byte }
            }
            put(entry.name, at: 0)
            put("0000644", at: 100)
            put("0000000", at: 108)
            put("0000000", at: 116)
            let size = entry.linkTarget == nil ? entry.bytes.count : 0
            put(String(repeating: "0", count: 11 - String(size, radix: 8).count) + String(size, radix: 8), at: 124)
            put("00000000000", at: 136)
            header[156] = entry.linkTarget == nil ? UInt8(ascii: "0") : UInt8(ascii: hardLinks ? "1" : "2")
            if let target = entry.linkTarget { put(target, at: 157) }
            put("ustar", at: 257)
            put("00", at: 263)
            for index in 148..<156 { header[index] = 0x20 }
            let sum = header.reduce(0) { $0 + Int($1) }
            put(String(repeating: "0", count: 6 - String(sum, radix: 8).count) + String(sum, radix: 8), at: 148)
            header[154] = 0
            tar += header
            if entry.linkTarget == nil {
                tar += entry.bytes
                tar += [UInt8](repeating: 0, count: (512 - entry.bytes.count % 512) % 512)
            }
        }
        tar += [UInt8](repeating: 0, count: 1024)
        return tar
    }

    /// Runs `body` and returns the ``MigrationError`` it throws (or records an issue).
    static func error(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> MigrationError? {
        do {
            try body()
            Issue.record("expected a MigrationError", sourceLocation: sourceLocation)
            return nil
        } catch let error as MigrationError {
            return error
        } catch {
            Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
            return nil
        }
    }
}
