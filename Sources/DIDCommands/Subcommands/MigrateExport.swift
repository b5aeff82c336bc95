// swift-did: decentralized identity for Swift. Apache-2.0.

import ArgumentParser
import DIDCore
import DIDCrypto
import DIDKeyStore
import DIDMigration
import DIDResolution
import Foundation

extension DIDCommand.Migrate {
    /// `did migrate export`: build and sign a bundle from Mastodon exports and follower/following lists.
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Export a signed Identity Migration Bundle into a new folder.",
            discussion: """
                The key must sign for the subject: for a did:key subject it is the key of that did:key; for other \
                DIDs the subject's DID document (resolved with the resolver options, or given with --did-document) \
                must list the key under assertionMethod (did:plc: #migration). The folder appears only when the \
                bundle is complete. --followers and --following read JSON Lines (DIDs, actor URIs or entry \
                objects) or CSV (one DID, actor URI or user@host per row); --mastodon-archive reads the account \
                archive (posts and media as content pointers with CIDs, likes, bookmarks) and --mastodon-csv the \
                CSV exports (following with its options, followers, blocks, mutes, lists, bookmarks).
                """
        )

        @Option(name: .long, help: "The stored signing key's name.")
        var key: String

        @Option(name: .long, help: ArgumentHelp("The DID being migrated.", valueName: "did"))
        var subject: String

        @Option(
            name: .long,
            help: ArgumentHelp(
                "A Mastodon account archive (.zip, .tar.gz or an extracted folder): posts, media, likes, bookmarks.",
                valueName: "path"
            )
        )
        var mastodonArchive: String?

        @Option(
            name: .long,
            help: ArgumentHelp(
                "A folder with Mastodon's CSV exports (following, followers, blocks, mutes, lists, bookmarks).",
                valueName: "dir"
            )
        )
        var mastodonCsv: String?

        @Option(name: .long, help: ArgumentHelp("A followers list (JSON Lines or CSV).", valueName: "file"))
        var followers: String?

        @Option(name: .long, help: ArgumentHelp("A following list (JSON Lines or CSV).", valueName: "file"))
        var following: String?

        @Option(
            name: .long,
            help: ArgumentHelp(
                "The receiver (an https origin or a DID); it becomes proof.domain. Omit for a portable export.",
                valueName: "url"
            )
        )
        var destination: String?

        @Option(name: .long, help: ArgumentHelp("The challenge the destination issued.", valueName: "c"))
        var challenge: String?

        @Option(name: .long, help: ArgumentHelp("Entries per page, a power of two ≤ 65536.", valueName: "n"))
        var pageSize = 1024

        @Option(
            name: .long,
            help: ArgumentHelp(
                "The bundle's sequence number, above every earlier one of the subject (default: the Unix time).",
                valueName: "n"
            )
        )
        var sequence: Int?

        @Option(name: .long, help: ArgumentHelp("The bundle folder to create; it must not exist.", valueName: "dir"))
        var out: String

        @OptionGroup var keystoreOptions: KeyStoreOptions
        @OptionGroup var passphraseOptions: PassphraseOptions
        @OptionGroup var resolverOptions: ResolverOptions

        func validate() throws {
            guard pageSize >= 1, pageSize <= 65536, pageSize & (pageSize - 1) == 0 else {
                throw ValidationError("--page-size must be a power of two from 1 to 65536")
            }
            if let sequence, sequence < 1 || sequence > (1 << 53) - 1 {
                throw ValidationError("--sequence must be from 1 to 2^53 - 1")
            }
            guard followers != nil || following != nil || mastodonArchive != nil || mastodonCsv != nil else {
                throw ValidationError(
                    "nothing to export: give --mastodon-archive, --mastodon-csv, --followers or --following"
                )
            }
        }

        func run() async throws {
            try await reportingFailures {
                try await export()
            }
        }

        private func export() async throws {
            let outURL = URL(fileURLWithPath: out)
            guard !FileManager.default.fileExists(atPath: outURL.path) else {
                throw CommandFailure(.ioError, "\(out) already exists")
            }
            let subjectDID: DID
            do {
                subjectDID = try DID(subject)
            } catch {
                throw CommandFailure(.usage, "--subject \(subject) is not a DID: \(error.reason)")
            }
            let stored = try keystoreOptions.store().key(named: try parseKeyName(key))
            let signer = try await SubjectSigner(stored: stored, subject: subjectDID, resolverOptions: resolverOptions)
            let secret = try passphraseOptions.source.read(
                prompt: "Passphrase for \"\(stored.name)\": ",
                confirming: false
            )
            let privateKey = try stored.privateKey(passphrase: secret)

            let cleanup = InterruptCleanup(output: outURL)
            defer { cleanup.cancel() }
            // Read the archive first: it names the source account (IMB v0.1 §8.3).
            let archive = try mastodonArchive.map { path throws(MigrationError) in
                try MastodonArchive(contentsOf: URL(fileURLWithPath: path))
            }
            let source: JSONObject =
                if let archive {
                    archive.sourcePresence
                } else if mastodonCsv != nil {
                    ["platform": "mastodon", "protocol": "activitypub"]
                } else {
                    ["platform": "generic", "protocol": "did"]
                }
            var configuration = BundleExporter.Configuration(
                subject: subjectDID,
                alsoKnownAs: signer.alsoKnownAs,
                sources: [source],
                destination: try destination.map(Self.destinationPresence),
                sequence: sequence ?? Int(Date().timeIntervalSince1970),
                exportedAt: Date(),
                challenge: challenge,
                pageSize: pageSize
            )
            // §8.2: the Mastodon actor being left ("retiring") and its aliases.
            if let archive { configuration.previousIdentifiers = archive.previousIdentifiers }
            // A collection that fits in one page stays inline (§9.1).
            configuration.inlineLimit = min(configuration.inlineLimit, pageSize)
            // Sort runs go into a hidden folder next to the output (same file system, not a small /tmp), removed
            // however the export ends; the exporter itself stages the bundle and renames it into place.
            let work = outURL.deletingLastPathComponent()
                .appendingPathComponent(".\(outURL.lastPathComponent).work-\(UUID().uuidString.lowercased())")
            defer { try? FileManager.default.removeItem(at: work) }
            var exporter = try BundleExporter(configuration: configuration, temporaryDirectory: work)
            let progress = ProgressBar("reading")
            // Cleared on every way out, so that an error line starts on a clean line.
            defer { progress.finish() }
            var read = 0
            var notes: [String] = []
            if let archive {
                let base = read
                let summary = try archive.addEntries(into: &exporter) { progress.update(base + $0) }
                read += summary.counts.values.reduce(0, +)
                notes += summary.notes
            }
            if let mastodonCsv {
                let export = try MastodonCSVExport(directory: URL(fileURLWithPath: mastodonCsv))
                let base = read
                let summary = try export.addEntries(into: &exporter) { progress.update(base + $0) }
                read += summary.counts.values.reduce(0, +)
                notes += summary.notes
            }
            for (file, collection) in [(following, MigrationCollectionName.following), (followers, .followers)] {
                guard let file else { continue }
                let base = read
                read += try GraphListImport.addEntries(
                    from: URL(fileURLWithPath: file),
                    to: collection,
                    into: &exporter
                ) { progress.update(base + $0) }
            }
            progress.show("writing the bundle: sorting, paging and signing \(ProgressBar.grouped(read)) entries…")
            let manifest = try exporter.export(
                to: outURL,
                key: privateKey,
                verificationMethod: signer.verificationMethod
            )
            progress.finish()
            try StandardOutput.write(line: "exported \(outURL.path)")
            try StandardOutput.write(line: "subject: \(manifest.subject)")
            try StandardOutput.write(line: "bundle CID: \(manifest.bundleCID)")
            for collection in manifest.collections {
                try StandardOutput.write(
                    line: "\(collection.name.rawValue): \(collection.count) \(describe(collection))"
                )
            }
            try StandardOutput.write(
                line: "proof: \(manifest.proofType) by \(manifest.verificationMethod), expires "
                    + (manifest.json["proof"]?["expires"]?.stringValue ?? "?")
            )
            for note in notes { try StandardOutput.write(line: "note: \(note)") }
        }

        /// A `--destination` value as a Presence: an https origin (`activitypub`) or a DID (`did`).
        static func destinationPresence(_ value: String) throws -> JSONObject {
            if value.hasPrefix("did:") {
                guard (try? DID(value)) != nil else {
                    throw CommandFailure(.usage, "--destination \(value) is not a DID")
                }
                return ["protocol": "did", "service": .string(value)]
            }
            guard let url = URL(string: value), url.scheme == "https", let host = url.host, !host.isEmpty,
                url.path.isEmpty || url.path == "/", url.query == nil, url.fragment == nil, url.user == nil
            else {
                throw CommandFailure(.usage, "--destination \(value) is neither an https origin nor a DID")
            }
            let origin = "https://\(host.lowercased())" + (url.port.map { ":\($0)" } ?? "")
            return ["protocol": "activitypub", "service": .string(origin)]
        }
    }
}

/// `inline` or `in N pages of M`.
func describe(_ collection: MigrationCollection) -> String {
    switch collection.form {
    case .inline: "inline"
    case .paged(let pageSize, let pages): "in \(pages.count) page\(pages.count == 1 ? "" : "s") of \(pageSize)"
    }
}

/// The stored key as the subject's signer: the verification method it signs as and the subject's `alsoKnownAs`.
struct SubjectSigner {
    /// `proof.verificationMethod`.
    let verificationMethod: String
    /// The subject DID document's `alsoKnownAs` (empty for did:key).
    let alsoKnownAs: [String]

    /// Finds the verification method of `stored` for the subject with the library's key rule (IMB v0.1 §12,
    /// `SigningKeyRule`), the same rule `did migrate verify` applies.
    /// - Throws: ``CommandFailure`` 64 when the key does not belong to the subject, 1 when the subject cannot be
    ///   resolved.
    init(stored: StoredKey, subject: DID, resolverOptions: ResolverOptions) async throws {
        guard SigningKeyRule.ProofForm(keyType: stored.keyType) != nil else {
            throw CommandFailure(
                .usage,
                "key \(stored.name) is \(stored.keyType.rawValue); a bundle is signed with ed25519, secp256k1 or p256"
            )
        }
        var document: DIDDocument?
        if subject.method != .key {
            let resolver = try resolverOptions.resolver(persistent: subject.method == .web)
            let resolution = try await resolver.resolve(subject, options: resolverOptions.resolutionOptions)
            guard let resolved = resolution.didDocument, resolution.didDocumentMetadata.deactivated != true else {
                throw CommandFailure(.negative, "the subject \(subject) has no active DID document")
            }
            document = resolved
        }
        do {
            verificationMethod = try SigningKeyRule.signer(for: stored.publicKey, subject: subject, document: document)
                .verificationMethod
        } catch {
            if subject.method == .key {
                throw CommandFailure(.usage, "key \(stored.name) is \(stored.did), not the subject \(subject)")
            }
            throw CommandFailure(
                .usage,
                "key \(stored.name) is not an assertionMethod key of \(subject)"
                    + (subject.method == .plc ? " (did:plc: #migration or #atproto)" : "")
            )
        }
        alsoKnownAs = document?.alsoKnownAs ?? []
    }
}
