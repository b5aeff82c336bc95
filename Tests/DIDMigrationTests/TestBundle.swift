// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDCrypto
import Foundation

@testable import DIDMigration

/// The one builder of the bundles the migration tests export: a configuration with the test defaults (the did:key
/// test subject, the Mastodon source, sequence 1, exported 2026-11-27T12:00:00Z, default page size and inline limit),
/// an exporter working in a test folder, and the export signed with the test key.
struct TestBundle {
    /// The configuration the exporter gets; change any member before ``exporter(in:)``.
    var configuration: BundleExporter.Configuration

    /// 2026-11-27T12:00:00Z.
    static let exportedAt = Date(timeIntervalSince1970: 1_795_780_800)

    /// The test defaults with the usual variations.
    /// - Parameters:
    ///   - subject: `subject.id`.
    ///   - sources: `sources`.
    ///   - pageSize: Entries per page.
    ///   - inlineLimit: The largest inline collection.
    ///   - adjust: Any other change to the configuration.
    init(
        subject: DID = MigrationExportFixtures.subject,
        sources: [JSONObject] = [MigrationExportFixtures.source],
        pageSize: Int = 1024,
        inlineLimit: Int = 1024,
        _ adjust: (inout BundleExporter.Configuration) -> Void = { _ in }
    ) {
        configuration = BundleExporter.Configuration(
            subject: subject,
            sources: sources,
            sequence: 1,
            exportedAt: Self.exportedAt,
            pageSize: pageSize,
            inlineLimit: inlineLimit
        )
        adjust(&configuration)
    }

    /// An exporter with this configuration, sorting in `folder`.
    func exporter(in folder: URL) throws -> BundleExporter {
        try BundleExporter(configuration: configuration, temporaryDirectory: folder)
    }

    /// Exports into `output` (which must not exist), signed by `key` as `verificationMethod`.
    @discardableResult
    static func export(
        _ exporter: inout BundleExporter,
        to output: URL,
        key: PrivateKey = MigrationFixtures.key,
        verificationMethod: String = MigrationExportFixtures.verificationMethod
    ) throws -> MigrationManifest {
        try exporter.export(to: output, key: key, verificationMethod: verificationMethod)
    }
}
