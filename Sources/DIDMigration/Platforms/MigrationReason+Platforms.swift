// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import Foundation

extension MigrationReason {
    /// A CSV file breaks the syntax of IMB v0.1 §17.1 (unterminated quote, a quote inside an unquoted field,
    /// invalid UTF-8); the message names the file and the 1-based line.
    public static let csvMalformed = Self(rawValue: "csv-malformed")
    /// A CSV row is well-formed but a cell breaks its rule (§17.1 "Cell parsing"); the message names file and line.
    public static let csvRowInvalid = Self(rawValue: "csv-row-invalid")
    /// An archive entry is absolute, has a `..` segment or a backslash, or is a link (§17.2 "Archives").
    public static let archivePathTraversal = Self(rawValue: "archive-path-traversal")
    /// An archive expands beyond its ``ArchiveLimits`` (§17.2 "Archives").
    public static let archiveTooLarge = Self(rawValue: "archive-too-large")
}
