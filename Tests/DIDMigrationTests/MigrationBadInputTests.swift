// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDCredentials
import DIDCrypto
import DIDMethodKey
import Foundation
import Testing

@testable import DIDMigration

/// Issue 6 §5 bad input not covered by the example-based tampering suite: single-byte flips of the manifest, a page
/// file taken from another bundle, page files flipped on disk, a did:web key outside `assertionMethod`.
@Suite("IMB v0.1 §14.2: bad input on disk and in the manifest", .serialized)
struct MigrationBadInputTests {
    /// The first failed mandatory check of a verification.
    static func firstFailure(_ verification: BundleVerification) -> MigrationCheck? {
        verification.report.first { $0.isMandatory && $0.status == .failed }
    }

    @Test("spec §14.2 steps 1–8: flipping any single byte of the manifest → rejected, the failure names the field")
    func manifestFlips() async throws {
        let original = try MigrationExampleFiles.bytes("b-paged/bundle.json")
        let verifier = MigrationFixtures.verifier()
        var reasons: [MigrationReason: Int] = [:]
        for offset in original.indices {
            var bytes = original
            bytes[offset] ^= offset % 5 == 0 ? 0x80 : 0x01
            let result = await verifier.verifyManifest(bytes, now: MigrationFixtures.now)
            #expect(result.outcome == .rejected, "byte \(offset)")
            let failure = try #require(Self.firstFailure(result), "byte \(offset)")
            reasons[failure.reason ?? .invalidField, default: 0] += 1
            if failure.reason == .malformedJSON {
                // Not JSON any more: there is no field to name, so the byte offset is named.
                #expect(failure.detail?.contains("at byte") == true, "byte \(offset): \(failure)")
            } else {
                let location = try #require(failure.location, "byte \(offset): \(failure)")
                #expect(location.hasPrefix("/"), "byte \(offset): \(failure)")
            }
        }
        // Every kind of damage shows up: broken JSON, a broken structure, a wrong signature.
        #expect(reasons[.malformedJSON, default: 0] > 0)
        #expect(reasons[.invalidSignature, default: 0] > 0)
        #expect(reasons.count >= 4, "\(reasons)")
    }

    @Test("spec §14.2 step 11b: flipping any byte of any page file on disk → page-cid-mismatch naming the file")
    func pageFileFlips() async throws {
        let folder = try MigrationExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bundle = try DirectoryFixtures.bundle(in: folder)
        let manifest = try BundleDirectory(at: bundle).manifest()
        guard case .paged(_, let pages)? = manifest.collection(.followers)?.form else {
            Issue.record("followers should be paged")
            return
        }
        let verifier = BundleVerifier(resolver: DIDKeyMethod())
        for (index, page) in pages.enumerated() {
            let url = bundle.appendingPathComponent(page.href)
            let original = try Data(contentsOf: url)
            for offset in original.indices {
                var bytes = original
                bytes[offset] ^= 0x01
                try bytes.write(to: url)
                let result = await verifier.verifyBundle(at: bundle, now: DirectoryFixtures.now)
                let failure = try #require(Self.firstFailure(result), "\(page.href) byte \(offset)")
                #expect(failure.name == BundleVerification.pageCheckName(.followers, index))
                #expect(failure.reason == .pageCIDMismatch)
                #expect(failure.location == page.href)
                #expect(result.outcome == .rejected)
            }
            try original.write(to: url)
        }
        #expect(await verifier.verifyBundle(at: bundle, now: DirectoryFixtures.now).outcome == .verified)
    }

    @Test("spec §6.7, §14.2 step 11b: a page file of another bundle (same subject, same path) → page-cid-mismatch")
    func pageFromAnotherBundle() async throws {
        let folder = try MigrationExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try DirectoryFixtures.bundle(in: folder.appendingPathComponent("a"))
        let second = try DirectoryFixtures.bundle(in: folder.appendingPathComponent("b"), firstFollower: 500)
        let path = "pages/followers/000000.jsonl"
        let foreign = try Data(contentsOf: second.appendingPathComponent(path))
        #expect(try Data(contentsOf: first.appendingPathComponent(path)) != foreign)
        try foreign.write(to: first.appendingPathComponent(path))
        let result = await DirectoryFixtures.verify(first)
        let check = try #require(result.check(BundleVerification.pageCheckName(.followers, 0)))
        #expect(check.reason == .pageCIDMismatch)
        #expect(check.location == path)
        #expect(result.outcome == .rejected)
        #expect(result.check(BundleVerification.pageCheckName(.followers, 1))?.status == .verified)
    }

    @Test("spec §12.2: a did:web key listed under authentication but not assertionMethod → key-not-authorized")
    func webKeyNotAllowed() async throws {
        let folder = try MigrationExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let did = try DID("did:web:alice.example")
        let signing = PrivateKey.generate(.ed25519)
        let allowed = PrivateKey.generate(.ed25519)
        func method(_ name: String, _ key: PrivateKey) -> JSONValue {
            MigrationExportFixtures.multikeyMethod(did, name, key)
        }
        let document = try DIDDocument(
            json: [
                "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
                "id": .string(did.description),
                "verificationMethod": [method("login", signing), method("assert", allowed)],
                "authentication": [.string("\(did)#login")],
                "assertionMethod": [.string("\(did)#assert")],
            ]
        )
        let resolver = MigrationTestResolver(documents: [did: document])
        for (round, (fragment, key, reason)) in [
            ("login", signing, MigrationReason.keyNotAuthorized), ("assert", allowed, nil),
            ("assert", signing, .invalidSignature),
        ].enumerated() {
            var exporter = try TestBundle(subject: did).exporter(in: folder)
            try exporter.add(MigrationExportFixtures.follower(1), to: .following)
            let output = folder.appendingPathComponent("bundle-\(round)")
            _ = try exporter.export(to: output, key: key, verificationMethod: "\(did)#\(fragment)")
            let result = await BundleVerifier(resolver: resolver).verifyBundle(at: output, now: DirectoryFixtures.now)
            if let reason {
                let failure = try #require(Self.firstFailure(result), "#\(fragment)")
                #expect(failure.reason == reason, "#\(fragment): \(failure)")
                #expect(failure.location != nil)
                #expect(result.outcome == .rejected)
            } else {
                #expect(result.failures.isEmpty, "\(result.failures)")
                #expect(result.outcome == .verified)
            }
        }
    }

    @Test("spec §13.4: an expired bundle on disk, a wrong destination and a wrong challenge are each rejected")
    func audienceAndValidityOnDisk() async throws {
        let folder = try MigrationExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var exporter = try TestBundle {
            $0.destination = ["protocol": "activitypub", "service": "https://new.example"]
            $0.validity = 3600
            $0.challenge = "session-1"
        }.exporter(in: folder)
        try exporter.add(MigrationExportFixtures.follower(1), to: .followers)
        let bundle = folder.appendingPathComponent("bundle")
        _ = try exporter.export(
            to: bundle,
            key: MigrationFixtures.key,
            verificationMethod: MigrationExportFixtures.verificationMethod
        )
        func verify(domain: String, challenge: String, at now: Date) async -> BundleVerification {
            await BundleVerifier(
                resolver: DIDKeyMethod(),
                options: .init(expectedDomain: domain, expectedChallenge: challenge)
            )
            .verifyBundle(at: bundle, now: now)
        }
        let now = DirectoryFixtures.now
        #expect(await verify(domain: "https://new.example", challenge: "session-1", at: now).outcome == .verified)
        let cases: [(String, String, Date, String, MigrationReason, String)] = [
            ("https://evil.example", "session-1", now, "proof.audience", .domainMismatch, "/proof/domain"),
            ("https://new.example", "session-2", now, "proof.audience", .challengeMismatch, "/proof/challenge"),
            (
                "https://new.example", "session-1", now.addingTimeInterval(3600 + 300), "proof.validity", .expired,
                "/proof/expires"
            ),
        ]
        for (domain, challenge, time, name, reason, location) in cases {
            let result = await verify(domain: domain, challenge: challenge, at: time)
            #expect(result.check(MigrationCheckName(rawValue: name))?.reason == reason)
            #expect(result.check(MigrationCheckName(rawValue: name))?.location == location)
            #expect(result.outcome == .rejected)
        }
    }
}

@Suite("IMB v0.1 §14.2 step 11d: the page-line fast path agrees with the full checks")
struct EntryFastPathTests {
    static let lines: [(MigrationCollectionName, String)] = [
        (.followers, #"{"acct":"u1@f1.example","id":"https://f1.example/users/u1","protocol":"activitypub"}"#),
        (
            .following,
            #"{"acct":"b@x.example","id":"https://x.example/@b","options":{"languages":["de","en"],"notify":false,"#
                + #""showBoosts":true},"protocol":"activitypub","since":"2026-01-02T03:04:05Z"}"#
        ),
        (
            .mutes,
            #"{"id":"did:plc:ewvi7nxzyoun6zhxrhs64oiz","options":{"hideNotifications":true},"protocol":"atproto"}"#
        ),
        (
            .lists,
            #"{"handle":"bob.example","id":"at://did:plc:ewvi7nxzyoun6zhxrhs64oiz","list":"Work","protocol":"atproto"}"#
        ),
        (.blocks, #"{"id":"https://y.example/users/c","options":{},"protocol":"activitypub"}"#),
    ]

    /// The verdict of the full checks: the sort key, or `nil` for a failure.
    static func full(_ line: [UInt8], _ collection: MigrationCollectionName) -> [String]? {
        var canonical: [UInt8] = []
        return try? PageVerifier.checkEntry(line[...], collection: collection, location: "x:1", into: &canonical)
            .get().0
    }

    static func fast(_ line: [UInt8], _ collection: MigrationCollectionName) -> [String]? {
        line.withUnsafeBytes { EntryFastPath.sortKey(of: $0, in: collection) }
    }

    @Test("spec §5, §10.1: the fast path takes the common entries and gives the full checks' sort key")
    func acceptsCommonEntries() {
        for (collection, text) in Self.lines {
            let line = Array(text.utf8)
            #expect(Self.full(line, collection) != nil, "\(text)")
            #expect(Self.fast(line, collection) == Self.full(line, collection), "\(text)")
        }
    }

    @Test("spec §5, §10.1: after any single-byte change the fast path accepts only what the full checks accept")
    func neverAcceptsMore() {
        var accepted = 0
        var total = 0
        let replacements: [UInt8] = [
            0x00, 0x0A, 0x20, 0x22, 0x2C, 0x30, 0x3A, 0x40, 0x5C, 0x61, 0x7B, 0x7D, 0x7F, 0xC3,
        ]
        for (collection, text) in Self.lines {
            let original = Array(text.utf8)
            for offset in original.indices {
                var variants: [[UInt8]] = replacements.map { byte in
                    var line = original
                    line[offset] = byte
                    return line
                }
                variants.append(Array(original[..<offset] + original[(offset + 1)...]))
                for line in variants {
                    total += 1
                    guard let key = Self.fast(line, collection) else { continue }
                    accepted += 1
                    #expect(Self.full(line, collection) == key, "\(String(decoding: line, as: UTF8.self))")
                }
                for other in MigrationCollectionName.allCases where other != collection {
                    if let key = Self.fast(original, other) {
                        #expect(Self.full(original, other) == key, "\(text) in \(other)")
                    }
                }
            }
        }
        // Changes inside values (another letter, digit, '@') keep many variants valid: both paths see them.
        #expect(accepted > 100, "\(accepted) of \(total)")
    }
}
