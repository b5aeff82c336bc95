// swift-did: decentralized identity for Swift. Apache-2.0.

import ArgumentParser
import DIDMigration
import Foundation

extension DIDCommand.Migrate {
    /// `did migrate to-mastodon`: a bundle as the CSV files Mastodon's import page accepts (IMB v0.1 §17.3).
    struct ToMastodon: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "to-mastodon",
            abstract: "Write a bundle's following, blocks, mutes, lists and bookmarks as Mastodon import CSVs.",
            discussion: """
                The files have the headers and value formats of Mastodon's own exports and are split at 20,000 rows \
                or 20 MB (following_accounts-001.csv, …). Followers and posts cannot be imported into Mastodon; \
                the notes say what was left out. The bundle is read, not verified: run `did migrate verify` first. \
                The folder appears only when every file is written.
                """
        )

        @Argument(help: "The bundle folder or its bundle.json.")
        var path: String

        @Option(name: .long, help: ArgumentHelp("The folder to create; it must not exist.", valueName: "dir"))
        var out: String

        func run() async throws {
            try await reportingFailures {
                let bundle = try openBundle(path)
                let directory = URL(fileURLWithPath: out)
                guard !FileManager.default.fileExists(atPath: directory.path) else {
                    throw CommandFailure(.ioError, "\(out) already exists")
                }
                let cleanup = InterruptCleanup(output: directory)
                defer { cleanup.cancel() }
                let report = try MastodonCSVWriter.writeReport(bundle, to: directory)
                try StandardOutput.write(line: "wrote \(directory.path) (from an unverified bundle)")
                for file in report.files {
                    let rows = Self.lineCount(file)
                    try StandardOutput.write(line: "\(file.lastPathComponent): \(rows) line\(rows == 1 ? "" : "s")")
                }
                for note in report.notes { try StandardOutput.write(line: "note: \(note)") }
            }
        }

        /// The number of LF-terminated lines of a written file.
        static func lineCount(_ file: URL) -> Int {
            guard let data = FileManager.default.contents(atPath: file.path) else { return 0 }
            return data.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        }
    }
}
