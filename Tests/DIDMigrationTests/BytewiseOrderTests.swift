// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDCrypto
import DIDMethodKey
import DIDTestSupport
import Foundation
import Testing

@testable import DIDMigration

/// IMB v0.1 §6.5: sort keys order and repeat by their UTF-8 bytes. `"caf\u{E9}"` (precomposed) and `"cafe\u{301}"`
/// (decomposed) are canonically equivalent for Swift's `String ==` but are two different byte sequences, so two
/// entries whose keys differ only so are distinct and ordered (0x65 'e' before 0xC3).
@Suite("IMB v0.1 §6.5: sort keys are bytes, not canonically equivalent strings")
struct BytewiseOrderTests {
    static let precomposed = "https://social.example/users/caf\u{E9}"
    static let decomposed = "https://social.example/users/cafe\u{301}"

    static func follower(_ id: String) -> JSONObject { ["id": .string(id), "protocol": "activitypub"] }

    /// A page descriptor and the page's bytes for these entries, one JCS line each, in the order given.
    static func page(_ entries: [JSONObject]) throws -> (PageDescriptor, [UInt8]) {
        var bytes: [UInt8] = []
        var leaves = MerkleAccumulator()
        for entry in entries {
            let line = try JSONValue.object(entry).serialized(.canonical)
            bytes += line + [0x0A]
            leaves.append(MerkleTree.leafHash(line))
        }
        let descriptor = PageDescriptor(
            href: "pages/followers/000000.jsonl",
            count: entries.count,
            cid: ContentIdentifier(rawContentOf: bytes),
            root: leaves.root
        )
        return (descriptor, bytes)
    }

    static func verifyPage(_ entries: [JSONObject]) throws -> Result<Void, PageVerifier.Failure> {
        let (descriptor, bytes) = try page(entries)
        var attestations: [PendingAttestation] = []
        return PageVerifier.verify(bytes, page: descriptor, collection: .followers, attestations: &attestations)
            .map { _ in () }
    }

    @Test("§6.5: canonically equivalent keys with different bytes compare unequal, by their bytes")
    func equivalentKeysCompareByBytes() {
        #expect(Self.precomposed == Self.decomposed)  // Swift's String equality: the trap this suite is about
        #expect(MigrationCollectionName.compare([Self.decomposed], [Self.precomposed]) < 0)
        #expect(MigrationCollectionName.compare([Self.precomposed], [Self.decomposed]) > 0)
        #expect(MigrationCollectionName.compare(["Caf\u{E9}", "x"], ["Cafe\u{301}", "x"]) > 0)
    }

    @Test("§14.2 step 11e: a page with both forms, in byte order, verifies; the reverse order is `order`")
    func pageVerifierTreatsEquivalentKeysAsDistinct() throws {
        let ordered = [Self.follower(Self.decomposed), Self.follower(Self.precomposed)]
        if case .failure(let failure) = try Self.verifyPage(ordered) {
            Issue.record("expected the page to verify, got \(failure.code) at \(failure.location): \(failure.reason)")
        }
        guard case .failure(let failure) = try Self.verifyPage(ordered.reversed()) else {
            Issue.record("a page out of byte order verified")
            return
        }
        #expect(failure.code == .order)
    }

    @Test("§15: the exporter keeps both forms as two entries, and the bundle verifies (inline and paged)")
    func exporterKeepsEquivalentKeysApart() async throws {
        for inlineLimit in [1024, 0] {
            let folder = try MigrationExportFixtures.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: folder) }
            var exporter = try PlatformsFixtures.exporter(in: folder, inlineLimit: inlineLimit)
            try exporter.add(Self.follower(Self.precomposed), to: .followers)
            try exporter.add(Self.follower(Self.decomposed), to: .followers)
            try exporter.add(Self.follower(Self.precomposed), to: .followers)  // the same bytes: dropped
            let (manifest, output) = try PlatformsFixtures.export(&exporter, in: folder)
            #expect(manifest.collection(.followers)?.count == 2)
            let result = try await MigrationExportFixtures.verify(
                output,
                verifier: BundleVerifier(resolver: DIDKeyMethod()),
                now: PlatformsFixtures.exportedAt.addingTimeInterval(60)
            )
            #expect(result.failures.isEmpty, "\(result.failures)")
        }
    }

    @Test("§13.2: a nonce is held by its bytes; an equivalent nonce with other bytes is not a replay")
    func replayStoreKeysNoncesByBytes() async {
        let store = InMemoryReplayStore()
        let now = Date(timeIntervalSince1970: 1_795_780_800)
        let until = now.addingTimeInterval(3600)
        let cid = ContentIdentifier(rawContentOf: [1])
        let subject = "did:key:z6MkehRgf7yJbgaGfYsdoAsKdBPE3dj2CYhowQdcjqSJgvVd"
        let first = await store.accept(
            subject: subject,
            sequence: 1,
            nonce: "caf\u{E9}",
            keepNonceUntil: until,
            bundleCID: cid,
            now: now
        )
        #expect(first == nil)
        let second = await store.accept(
            subject: subject,
            sequence: 2,
            nonce: "cafe\u{301}",
            keepNonceUntil: until,
            bundleCID: cid,
            now: now
        )
        #expect(second == nil)
        let replayed = await store.accept(
            subject: subject,
            sequence: 3,
            nonce: "cafe\u{301}",
            keepNonceUntil: until,
            bundleCID: cid,
            now: now
        )
        #expect(replayed == .replayedNonce)
    }

    @Test("§17.1: Mastodon lists whose titles differ only in normalization are two lists, two entries")
    func csvImportKeepsEquivalentListTitlesApart() throws {
        let folder = try MigrationExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = "Caf\u{E9},bob@other.example\nCafe\u{301},bob@other.example\nCaf\u{E9},bob@other.example\n"
        try PlatformsFixtures.write(csv, to: folder.appendingPathComponent("lists.csv"))
        var exporter = try PlatformsFixtures.exporter(in: folder)
        let summary = try MastodonCSVExport(directory: folder).addEntries(into: &exporter)
        let (manifest, _) = try PlatformsFixtures.export(&exporter, in: folder)
        let titles = PlatformsFixtures.items(manifest, .lists).map { Array(($0["list"]?.stringValue ?? "").utf8) }
        #expect(titles == [Array("Cafe\u{301}".utf8), Array("Caf\u{E9}".utf8)])
        #expect(summary.notes.contains("lists.csv: 3 rows for 2 lists"), "\(summary.notes)")
    }

    @Test("§17.2: archive paths are bytes; two media files whose names differ only in normalization are two files")
    func archivePathsAreBytes() throws {
        let folder = try MigrationExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let tgz = folder.appendingPathComponent("archive.tar.gz")
        let gz = PlatformsFixtures.tarGz([
            ("media/caf\u{E9}.png", [1, 2, 3], nil), ("media/cafe\u{301}.png", [4, 5], nil),
        ])
        try PlatformsFixtures.write(gz, to: tgz)
        let scan = try ArchiveReader.read(tgz, limits: .default, wanted: [])
        func size(_ path: String) -> Int? {
            scan.files.first { Array("\($0.key)".utf8) == Array(path.utf8) }?.value.size
        }
        #expect(scan.files.count == 2)
        #expect(size("media/caf\u{E9}.png") == 3)
        #expect(size("media/cafe\u{301}.png") == 2)
    }

    /// Strings over an alphabet of combining marks, their precomposed forms and plain ASCII, so that random strings
    /// often are canonically equivalent without being byte-equal.
    static let alphabet: [String] = [
        "a", "e", "z", "/", "-", "\u{301}", "\u{300}", "\u{30A}", "\u{E9}", "\u{E8}", "\u{E5}", "\u{212B}", "A\u{30A}",
        "\u{C5}", "\u{1E69}", "s\u{323}\u{307}", "s\u{307}\u{323}", "\u{1F600}", "\u{FB01}",
    ]

    @Test("§6.5 property: the verifier's order is the UTF-8 byte order; equivalent-but-different keys are distinct")
    func propertyOrderIsByteOrder() throws {
        var generator = SplitMix64(seed: 0x1A2B_3C4D)
        for _ in 0..<200 {
            var strings: [String] = []
            for _ in 0..<Int.random(in: 2...12, using: &generator) {
                let length = Int.random(in: 0...6, using: &generator)
                strings.append((0..<length).map { _ in Self.alphabet.randomElement(using: &generator)! }.joined())
            }
            // Equivalent-but-different pairs must compare unequal; equal bytes compare equal.
            for left in strings {
                for right in strings {
                    let sameBytes = Array(left.utf8) == Array(right.utf8)
                    #expect((MigrationCollectionName.compare([left], [right]) == 0) == sameBytes)
                }
            }
            let byBytes = strings.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            let byVerifier = strings.sorted { MigrationCollectionName.compare([$0], [$1]) < 0 }
            #expect(byVerifier.map { Array($0.utf8) } == byBytes.map { Array($0.utf8) })
            // A page of the distinct ids in byte order verifies: no equivalent pair is reported as `duplicate`.
            var unique: [[UInt8]] = []
            for text in byBytes where unique.last != Array(text.utf8) { unique.append(Array(text.utf8)) }
            let entries = unique.map {
                Self.follower("https://social.example/u/" + String(decoding: $0, as: UTF8.self))
            }
            if case .failure(let failure) = try Self.verifyPage(entries) {
                Issue.record("\(failure.code) at \(failure.location): \(failure.reason)")
            }
        }
    }
}
