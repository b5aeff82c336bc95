// swift-did: decentralized identity for Swift. Apache-2.0.

import ArgumentParser
import DIDCore
import DIDMigration
import Foundation

extension DIDCommand.Migrate {
    /// `did migrate verify`: the receiver's verification algorithm (IMB v0.1 §14) over a bundle on disk.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Verify a bundle: the manifest, its proof by the subject DID, then every page.",
            discussion: """
                Prints the outcome (verified, rejected or incomplete), one line per failed check \
                (check, reason, location: detail) and the checks that were not made; --json prints the result \
                {outcome, qualifiers, checks, …}. Exit status: 0 verified (every mandatory check passed), \
                1 rejected (a mandatory check failed), 2 incomplete (a mandatory check could not be made: the \
                audience of a bundle with a domain when --domain is not given, a page on https, the subject's \
                resolver failing internally). Replay is not \
                checked: this command keeps no state. The resolver options are those of `did resolve`; \
                --did-document FILE verifies offline.
                """
        )

        @Argument(help: "The bundle folder or its bundle.json.")
        var path: String

        @Option(
            name: .long,
            help: ArgumentHelp("The receiver's identity the bundle must be addressed to.", valueName: "d")
        )
        var domain: String?

        @Option(name: .long, help: ArgumentHelp("The challenge the receiver issued.", valueName: "c"))
        var challenge: String?

        @Flag(name: .long, help: "Print the result as JSON.")
        var json = false

        @OptionGroup var resolverOptions: ResolverOptions

        func run() async throws {
            try await reportingFailures {
                let bundle = try openBundle(path)
                let verifier = BundleVerifier(
                    resolver: try resolverOptions.resolver(),
                    options: BundleVerifier.Options(expectedDomain: domain, expectedChallenge: challenge)
                )
                // The total for the ETA comes from the manifest read unverified; the verifier reads it again.
                let total = (try? bundle.manifest())?.collections.reduce(0) { $0 + $1.count }
                let progress = ProgressBar("verifying", total: total)
                let verification = await verifier.verifyBundle(
                    at: bundle.manifestURL,
                    now: Date(),
                    progress: { progress.update($0) }
                )
                progress.finish()
                try report(verification, bundle: bundle)
            }
        }

        private func report(_ verification: BundleVerification, bundle: BundleDirectory) throws {
            let report = verification.report
            let outcome = verification.outcome
            if json {
                var object = JSONObject()
                object.append("outcome", .string(outcome.rawValue))
                object.append("qualifiers", .array(verification.qualifiers.map { JSONValue.string($0.rawValue) }))
                object.append("bundle", .string(bundle.manifestURL.path))
                if let manifest = verification.manifest {
                    object.append("bundleCID", .string(manifest.bundleCID.description))
                    object.append("subject", .string(manifest.subject.description))
                }
                object.append("checks", .array(report.map(\.json)))
                try StandardOutput.write(json: .object(object))
            } else {
                try StandardOutput.write(line: "\(outcome.rawValue): \(bundle.manifestURL.path)")
                if let manifest = verification.manifest {
                    try StandardOutput.write(line: "subject: \(manifest.subject)")
                    try StandardOutput.write(line: "bundle CID: \(manifest.bundleCID)")
                }
                if !verification.qualifiers.isEmpty {
                    try StandardOutput.write(
                        line: "qualifiers: \(verification.qualifiers.map(\.rawValue).joined(separator: ", "))"
                    )
                }
                let verified = report.filter { $0.status == .verified }
                try StandardOutput.write(line: "verified: \(verified.count) checks")
                for check in report where check.status == .failed {
                    try StandardOutput.write(line: "failed: \(Self.line(check))")
                }
                for check in report where check.status == .notChecked {
                    try StandardOutput.write(line: "not checked: \(Self.line(check))")
                }
                for check in report where check.status == .notProvable {
                    try StandardOutput.write(line: "not provable: \(check.name)")
                }
            }
            switch outcome {
            case .verified, .accepted:
                return
            case .rejected:
                let failed = report.filter { $0.status == .failed && $0.isMandatory }
                let first = failed.first.map { " (\(Self.line($0)))" } ?? ""
                // A bundle that cannot be parsed as one exits 65, a well-formed one that fails a check 1 (ExitStatus).
                let malformed = failed.contains { $0.reason?.category == .malformedInput }
                throw CommandFailure(
                    malformed ? .malformedInput : .negative,
                    "rejected: \(failed.count) mandatory check\(failed.count == 1 ? "" : "s") failed" + first
                )
            case .incomplete:
                let missing = report.filter { $0.status == .notChecked && $0.isMandatory && $0.name != .replay }
                throw CommandFailure(
                    .incomplete,
                    "incomplete: not checked: " + missing.map(\.name.rawValue).prefix(5).joined(separator: ", ")
                )
            }
        }

        /// `name reason at location: detail`, one line.
        static func line(_ check: MigrationCheck) -> String {
            var text = check.name.rawValue
            if let reason = check.reason { text += " \(reason)" }
            if let location = check.location { text += " at \(location)" }
            if let detail = check.detail { text += ": \(detail)" }
            return text.replacingOccurrences(of: "\n", with: " ")
        }
    }
}
