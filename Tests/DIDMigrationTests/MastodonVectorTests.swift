// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDTestSupport
import Foundation
import Testing
import ZIPFoundation

@testable import DIDMigration

@Suite("IMB v0.1 §17.2: TestVectors/mastodon (expected entries computed outside Swift)", .serialized)
struct MastodonVectorTests {
    private static var folder: URL { TestVectors.repositoryRoot.appendingPathComponent("TestVectors/mastodon") }

    private func canonical(_ value: JSONValue?) throws -> String {
        try #require(value).serializedString(.canonical)
    }

    private func check(archive url: URL, in folder: URL) throws {
        let expected = try JSONValue(
            parsing: [UInt8](try Data(contentsOf: Self.folder.appendingPathComponent("expected.json")))
        )
        let archive = try MastodonArchive(contentsOf: url)
        var exporter = try PlatformsFixtures.exporter(in: folder)
        let archiveSummary = try archive.addEntries(into: &exporter)
        _ = try MastodonCSVExport(directory: Self.folder.appendingPathComponent("csv")).addEntries(into: &exporter)
        let (manifest, _) = try PlatformsFixtures.export(&exporter, in: folder)
        for name in MigrationCollectionName.allCases {
            let items = JSONValue.array(PlatformsFixtures.items(manifest, name).map(JSONValue.object))
            #expect(try canonical(items) == canonical(expected[name.rawValue]), "collection \(name.rawValue)")
        }
        #expect(try canonical(manifest.json["extensions"]) == canonical(expected["extensions"]))
        #expect(
            try canonical(.array(archive.previousIdentifiers.map(JSONValue.object)))
                == canonical(expected["previousIdentifiers"])
        )
        var presence = archive.sourcePresence
        _ = presence.removeValue(forKey: "archive")
        #expect(try canonical(.object(presence)) == canonical(expected["sourcePresence"]))
        #expect(archiveSummary.notes.contains("skipped 1× outbox.json: Create without an embedded object with an id"))
    }

    @Test("spec §17.2: the extracted vector archive + CSVs give exactly the expected entries")
    func folderVector() throws {
        let work = try MigrationExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        try check(archive: Self.folder.appendingPathComponent("archive"), in: work)
    }

    @Test("spec §17.2: the same vector zipped gives the same entries")
    func zippedVector() throws {
        let work = try MigrationExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let zip = work.appendingPathComponent("archive.zip")
        try FileManager.default.zipItem(
            at: Self.folder.appendingPathComponent("archive"),
            to: zip,
            shouldKeepParent: false,
            compressionMethod: .deflate
        )
        try check(archive: zip, in: work)
    }
}
