// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDCrypto
import DIDMethodKey
import DIDMigration
import Foundation
import Testing

/// The README's and the "Exporting and verifying migration bundles" article's example, compiled and run
/// (`.ci/check-examples` checks that the documents show exactly the code between the markers).
@Suite("Documentation examples: export and verify a migration bundle")
struct ReadmeMigrationExampleTests {
    @Test("export a signed bundle of followers into a folder, then verify it from disk")
    func exportAndVerify() async throws {
        let folder = try MigrationExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bundleFolder = folder.appendingPathComponent("bundle")
        // BEGIN EXAMPLE export-and-verify
        // The subject signs its own bundle; here a did:key.
        let key = PrivateKey.generate(.ed25519)
        let subject = DIDKeyMethod.did(for: key.publicKey)

        // Export: entries in any order (sorted with bounded memory), paged, hashed, signed last.
        var exporter = try BundleExporter(
            configuration: .init(
                subject: subject,
                sources: [["protocol": "activitypub", "platform": "mastodon", "service": "https://old.example"]],
                sequence: 1,
                exportedAt: Date()
            )
        )
        try exporter.add(["id": "https://social.example/users/bob", "protocol": "activitypub"], to: .followers)
        try exporter.add(["id": "https://other.example/users/carol", "protocol": "activitypub"], to: .following)
        _ = try exporter.export(
            to: bundleFolder,
            key: key,
            verificationMethod: "\(subject)#\(subject.methodSpecificID)"
        )

        // Verify: the manifest and its proof, then every page streamed from its file. The result lists each check.
        let verification = await BundleVerifier(resolver: DIDKeyMethod()).verifyBundle(at: bundleFolder, now: Date())
        for failure in verification.failures { print(failure) }
        // END EXAMPLE
        #expect(verification.outcome == .verified, "\(verification.failures)")
        let manifest = bundleFolder.appendingPathComponent("bundle.json")
        var bytes = try Data(contentsOf: manifest)
        bytes[bytes.index(bytes.startIndex, offsetBy: bytes.count / 2)] ^= 0x01
        try bytes.write(to: manifest)
        let tampered = await BundleVerifier(resolver: DIDKeyMethod()).verifyBundle(at: bundleFolder, now: Date())
        #expect(tampered.outcome != .verified)
    }
}
