// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDTestSupport
import Foundation
import Testing

@testable import DIDMigration

@Suite("damaged Mastodon archives fail with an error, never a crash", .serialized)
struct MastodonArchiveFuzzTests {
    /// Flips bytes of a real .zip and .tar.gz at positions from a fixed generator: every result is either read or a
    /// ``MigrationError``; none crashes or hangs.
    @Test("spec §17.2: 400 damaged copies of a .zip and a .tar.gz each read or fail cleanly")
    func flippedBytes() throws {
        let folder = try MigrationExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        for make in [PlatformsFixtures.archiveZip, PlatformsFixtures.archiveTarGz] {
            let original = [UInt8](try Data(contentsOf: try make(folder)))
            var failures = 0
            for round in 0..<400 {
                var bytes = original
                for _ in 0..<(1 + round % 3) {
                    let index = next() % bytes.count
                    bytes[index] ^= UInt8(truncatingIfNeeded: 1 + next() % 255)
                }
                let url = folder.appendingPathComponent("damaged-\(round)")
                try Data(bytes).write(to: url)
                do {
                    _ = try MastodonArchive(contentsOf: url)
                } catch {
                    failures += 1
                }
                try? FileManager.default.removeItem(at: url)
            }
            #expect(failures > 0)
        }
    }
}
