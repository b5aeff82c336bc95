// swift-did: decentralized identity for Swift. Apache-2.0.

import ArgumentParser
import DIDCore
import DIDCredentials
import DIDMigration
import Foundation

extension DIDCommand.Migrate {
    /// `did migrate inspect`: what a bundle's manifest claims, without verifying anything.
    struct Inspect: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "inspect",
            abstract: "Summarise a bundle's manifest without verifying it.",
            discussion: """
                Prints the subject, sources, destination, exportedAt, sequence, the proof's type, verification \
                method and expiry, and each collection's count, pages and root. Nothing is verified: the first line \
                says so; use `did migrate verify` to check the bundle.
                """
        )

        @Argument(help: "The bundle folder or its bundle.json.")
        var path: String

        func run() async throws {
            try await reportingFailures {
                let bundle = try openBundle(path)
                let manifest = try bundle.manifest()
                for line in Self.summary(manifest, path: bundle.manifestURL.path, now: Date()) {
                    try StandardOutput.write(line: line)
                }
            }
        }

        /// The summary lines of a parsed manifest.
        static func summary(_ manifest: MigrationManifest, path: String, now: Date) -> [String] {
            let json = manifest.json
            var lines = [
                "UNVERIFIED: what \(path) claims; nothing was checked (use `did migrate verify`).",
                "id: \(manifest.id)",
                "bundle CID: \(manifest.bundleCID)",
                "subject: \(manifest.subject)",
            ]
            if !manifest.aliases.isEmpty { lines.append("also known as: \(manifest.aliases.joined(separator: ", "))") }
            for source in json["sources"]?.arrayValue ?? [] {
                lines.append("source: \(presence(source))")
            }
            lines.append("destination: " + (json["destination"].map(presence) ?? "none (a portable export)"))
            lines.append("exportedAt: \(DateTime(manifest.exportedAt).text)")
            lines.append("sequence: \(manifest.sequence)")
            if let previous = manifest.previousBundle { lines.append("previousBundle: \(previous)") }
            var proof = "proof: \(manifest.proofType)"
            if let suite = manifest.proof["cryptosuite"]?.stringValue { proof += " \(suite)" }
            lines.append(proof)
            lines.append("  verificationMethod: \(manifest.verificationMethod)")
            lines.append("  created: \(DateTime(manifest.created).text)")
            lines.append(
                "  expires: \(DateTime(manifest.expires).text)"
                    + (manifest.expires <= now ? " (expired)" : "")
            )
            if let domain = manifest.domain { lines.append("  domain: \(domain)") }
            if let challenge = manifest.challenge { lines.append("  challenge: \(challenge)") }
            if manifest.collections.isEmpty { lines.append("collections: none") }
            for collection in manifest.collections {
                var line =
                    "\(collection.name.rawValue): \(collection.count) entr\(collection.count == 1 ? "y" : "ies") \(describe(collection)), root "
                line += RootEncoding.encode(collection.merkleRoot)
                lines.append(line)
                if case .paged(_, let pages) = collection.form {
                    // A million entries are a thousand pages: long lists show their first and last pages.
                    let shown = pages.count <= 8 ? Array(pages.indices) : [0, 1, 2, pages.count - 1]
                    for index in shown {
                        if index == pages.count - 1, pages.count > 8 {
                            lines.append("  … \(pages.count - 4) more pages")
                        }
                        let page = pages[index]
                        lines.append("  \(page.href): \(page.count) entries, cid \(page.cid)")
                    }
                }
            }
            return lines
        }

        /// `platform protocol service (actor …)`.
        static func presence(_ value: JSONValue) -> String {
            var parts: [String] = []
            for name in ["platform", "protocol", "service"] {
                if let text = value[name]?.stringValue { parts.append(text) }
            }
            if let actor = value["actor"]?.stringValue { parts.append("(actor \(actor))") }
            if let archive = value["archive"]?["name"]?.stringValue { parts.append("archive \(archive)") }
            return parts.joined(separator: " ")
        }
    }
}
