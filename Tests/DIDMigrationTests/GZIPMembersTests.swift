// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDCredentials
import DIDTestSupport
import Foundation
import Testing

@testable import DIDMigration

/// RFC 1952 §2.2: a gzip file is a series of members; its content is their concatenation. The `.tar.gz` reader
/// follows the same rule as the status list inflater (`GZIPMember`), so a tar split over two members reads like one.
@Suite("RFC 1952 §2.2: multi-member .tar.gz archives", .serialized)
struct GZIPMembersTests {
    /// Runs a tool from `PATH` and returns its standard output.
    static func run(_ arguments: [String], input: [UInt8]? = nil) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        let inputPipe = Pipe()
        if input != nil { process.standardInput = inputPipe }
        try process.run()
        if let input {
            inputPipe.fileHandleForWriting.write(Data(input))
            try inputPipe.fileHandleForWriting.close()
        }
        let bytes = [UInt8](output.fileHandleForReading.readDataToEndOfFile())
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        return bytes
    }

    /// The content entries an archive gives.
    static func contentEntries(_ archive: URL, in folder: URL) throws -> [JSONObject] {
        var exporter = try PlatformsFixtures.exporter(in: folder)
        _ = try MastodonArchive(contentsOf: archive).addEntries(into: &exporter)
        let (manifest, _) = try PlatformsFixtures.export(&exporter, in: folder)
        return PlatformsFixtures.items(manifest, .content)
    }

    @Test("a tar split over two members (zlib-compressed by gzip, and stored blocks) gives the same entries")
    func twoMembersReadLikeOne() throws {
        let folder = try MigrationExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let extracted = try PlatformsFixtures.archiveFolder(in: folder)
        let tar = try Self.run(["tar", "-cf", "-", "-C", extracted.path, "."])
        let single = folder.appendingPathComponent("single.tar.gz")
        try PlatformsFixtures.write(GZIP.compressStored(tar), to: single)
        let expected = try Self.contentEntries(single, in: folder)
        #expect(expected.count > 3)
        for split in [1, tar.count / 3, tar.count / 2 + 7, tar.count - 1] {
            let first = Array(tar[..<split])
            let second = Array(tar[split...])
            let gzipped =
                try Self.run(["gzip", "-c", "-n"], input: first) + Self.run(["gzip", "-c", "-n"], input: second)
            let stored = GZIP.compressStored(first) + GZIP.compressStored(second)
            for (label, bytes) in [("gzip", gzipped), ("stored", stored)] {
                let url = folder.appendingPathComponent("two-\(label)-\(split).tar.gz")
                try PlatformsFixtures.write(bytes, to: url)
                #expect(try Self.contentEntries(url, in: folder) == expected, "\(label), split at \(split)")
            }
        }
    }

    @Test("bytes after the last member that are not a member, or a wrong trailer, are refused")
    func trailingGarbageIsRefused() throws {
        let folder = try MigrationExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let tar = PlatformsFixtures.tar([("actor.json", Array(PlatformsFixtures.actorJSON.utf8), nil)])
        var corrupt = GZIP.compressStored(tar)
        corrupt[corrupt.count - 8] ^= 1  // the CRC-32
        for (label, bytes) in [("garbage", GZIP.compressStored(tar) + [1, 2, 3, 4, 5, 6, 7, 8, 9]), ("crc", corrupt)] {
            let url = folder.appendingPathComponent("\(label).tar.gz")
            try PlatformsFixtures.write(bytes, to: url)
            let error = PlatformsFixtures.error { _ = try MastodonArchive(contentsOf: url) }
            #expect(error?.code == .invalidField, "\(label)")
            #expect(error?.reason.contains("trailer") == true, "\(label): \(error?.reason ?? "")")
        }
    }
}
