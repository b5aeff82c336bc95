// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDCredentials
import DIDCrypto
import DIDMethodKey
import Foundation
import Testing

@testable import DIDMigration

@Suite("IMB v0.1 §14.2 steps 9 and 12: aliases and attestations (not mandatory)", .serialized)
struct MigrationAliasAttestationTests {
    static let other = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"

    @Test("spec §14.2 step 9: ap://<did> and at://<did> aliases are checked offline; hosts and handles are not")
    func aliases() async throws {
        let folder = try MigrationExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let subject = MigrationExportFixtures.subject.description
        var configuration = BundleExporter.Configuration(
            subject: MigrationExportFixtures.subject,
            alsoKnownAs: ["ap://\(subject)/actor", "at://\(Self.other)", "at://alice.example"],
            sources: [MigrationExportFixtures.source],
            sequence: 1,
            exportedAt: DirectoryFixtures.exportedAt
        )
        configuration.previousIdentifiers = [
            ["id": "https://social.example/users/alice", "acct": "alice@social.example", "relation": "retiring"]
        ]
        var exporter = try BundleExporter(configuration: configuration, temporaryDirectory: folder)
        exporter.include(.followers)
        let bundle = folder.appendingPathComponent("bundle")
        _ = try exporter.export(
            to: bundle,
            key: MigrationFixtures.key,
            verificationMethod: MigrationExportFixtures.verificationMethod
        )
        let result = await DirectoryFixtures.verify(bundle)
        let aliases = result.report.filter { $0.name.rawValue.hasPrefix("aliases[") }
        #expect(aliases.map(\.status) == [.verified, .failed, .notChecked, .notChecked])
        #expect(aliases.map(\.reason) == [nil, .aliasMismatch, .aliasUnverifiable, .aliasUnverifiable])
        #expect(
            aliases.map(\.location) == [
                "/subject/alsoKnownAs/0", "/subject/alsoKnownAs/1", "/subject/alsoKnownAs/2",
                "/subject/previousIdentifiers/0/id",
            ]
        )
        #expect(aliases.allSatisfy { !$0.isMandatory })
        // Not mandatory: the mismatching alias is reported, the bundle still verifies.
        #expect(result.outcome == .verified, "\(result.failures)")
    }

    /// A `Follow` by another did:key, signed with eddsa-jcs-2022 (a FEP-8b32 style object proof).
    static func signedFollow(of subject: String, by key: PrivateKey) throws -> JSONObject {
        let did = "did:key:" + key.publicKey.multibaseRepresentation
        let follow: JSONObject = [
            "type": "Follow", "actor": .string(did), "object": .string(subject),
            "id": .string("https://f.example/follows/\(key.publicKey.multibaseRepresentation.suffix(6))"),
        ]
        let options = ProofOptions(
            cryptosuite: .eddsaJcs2022,
            verificationMethod: did + "#" + key.publicKey.multibaseRepresentation,
            created: DirectoryFixtures.exportedAt
        )
        return try DataIntegrity.addProof(to: follow, options: options, key: key)
    }

    @Test("spec §10.2, §14.2 step 12: DataIntegrity attestations verify offline, a forged one fails, others not")
    func attestations() async throws {
        let folder = try MigrationExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let subject = MigrationExportFixtures.subject.description
        let good = try Self.signedFollow(of: subject, by: PrivateKey.generate(.ed25519))
        var forged = try Self.signedFollow(of: subject, by: PrivateKey.generate(.ed25519))
        forged["object"] = "did:key:z6MkehRgf7yJbgaGfYsdoAsKdBPE3dj2CYhowQdcjqSJgvVe"
        let entries: [(JSONObject, MigrationCollectionName)] = [
            (["type": "DataIntegrity", "object": .object(good)], .followers),
            (["type": "DataIntegrity", "object": .object(forged)], .followers),
            (
                [
                    "type": "AtprotoRecord", "uri": "at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.graph.follow/3k",
                    "cid": .string(
                        ContentIdentifier(codec: .dagCBOR, sha256Digest: Digest.sha256(Array("record".utf8)))
                            .description
                    ),
                ], .followers
            ),
            (["type": "DataIntegrity", "object": .object(good)], .following),
        ]
        var exporter = try TestBundle(pageSize: 2, inlineLimit: 3).exporter(in: folder)
        for (number, (attestation, collection)) in entries.enumerated() {
            var entry = MigrationExportFixtures.follower(number)
            entry["attestation"] = .object(attestation)
            try exporter.add(entry, to: collection)
        }
        for number in 10..<12 { try exporter.add(MigrationExportFixtures.follower(number), to: .followers) }
        let bundle = folder.appendingPathComponent("bundle")
        let manifest = try exporter.export(
            to: bundle,
            key: MigrationFixtures.key,
            verificationMethod: MigrationExportFixtures.verificationMethod
        )
        guard case .paged = manifest.collection(.followers)?.form, case .inline = manifest.collection(.following)?.form
        else {
            Issue.record("followers should be paged, following inline")
            return
        }
        let result = await DirectoryFixtures.verify(bundle)
        let followers = try #require(result.report.first { $0.name == "collections.followers.attestations" })
        #expect(followers.status == .failed)
        #expect(followers.reason == .attestationMismatch)
        #expect(followers.detail?.hasPrefix("1 verified, 1 failed, 1 not checked") == true, "\(followers)")
        #expect(followers.detail?.contains("AtprotoRecord") == true)
        #expect(!followers.isMandatory)
        let forgedCheck = try #require(
            result.checks.first { $0.name.rawValue.hasPrefix("attestation[pages/followers/") }
        )
        #expect(forgedCheck.status == .failed)
        #expect(forgedCheck.location?.hasPrefix("pages/followers/00000") == true)
        let following = try #require(result.report.first { $0.name == "collections.following.attestations" })
        #expect(following.status == .verified, "\(following)")
        #expect(result.report.first { $0.name == "collections.blocks.attestations" } == nil)
        // Attestations never reject a bundle (§10.2).
        #expect(result.outcome == .verified, "\(result.failures)")
    }
}
