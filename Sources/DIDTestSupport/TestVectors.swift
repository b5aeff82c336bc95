// swift-did: decentralized identity for Swift. Apache-2.0.

public import Foundation

/// Locates test vectors: the repository's own `TestVectors/` and the upstream conformance suites.
///
/// The upstream suites are never copied into the repository. They are read from `$DID_TEST_VECTORS`, by default
/// `../shared/test-vectors` next to the repository checkout.
public enum TestVectors {
    /// The repository root, found from this file's path (`Sources/DIDTestSupport/TestVectors.swift`).
    public static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// The repository's own vectors folder, `TestVectors/`.
    public static var local: URL { repositoryRoot.appendingPathComponent("TestVectors") }

    /// The upstream suites folder: `$DID_TEST_VECTORS`, else `../shared/test-vectors` beside the checkout.
    /// `nil` when the folder does not exist.
    public static var upstream: URL? {
        let path: String
        if let configured = ProcessInfo.processInfo.environment["DID_TEST_VECTORS"], !configured.isEmpty {
            path = configured
        } else {
            path = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/test-vectors").path
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return nil
        }
        return URL(fileURLWithPath: path, isDirectory: true)
    }

    /// Reads a file from the repository's `TestVectors/` folder.
    /// - Parameter relativePath: A path below `TestVectors/`, such as `"jcs/strings.json"`.
    /// - Returns: The file's bytes.
    public static func localData(_ relativePath: String) throws -> Data {
        try Data(contentsOf: local.appendingPathComponent(relativePath))
    }

    /// Why the conformance suites are skipped when the upstream suites are absent; the reason the test runner
    /// shows next to every skipped suite.
    public static let missingUpstreamReason =
        "upstream test vectors not found: set DID_TEST_VECTORS to the folder of the upstream conformance suites"

    /// Reads a file from the upstream suites.
    ///
    /// Conformance suites are enabled only when ``upstream`` exists (so the runner reports them as skipped
    /// otherwise); reading from an absent folder is therefore an error, never a silent pass.
    /// - Parameter relativePath: A path below the suites folder, such as `"multicodec/key-codes-varint.json"`.
    /// - Returns: The file's bytes.
    /// - Throws: ``MissingSuite`` when the upstream suites folder does not exist; a Foundation file error when the
    ///   file cannot be read.
    public static func upstreamData(_ relativePath: String) throws -> Data {
        try Data(contentsOf: upstreamURL(relativePath))
    }

    /// The location of a file or folder in the upstream suites.
    /// - Parameter relativePath: A path below the suites folder, such as `"vc-data-model-2.0-test-suite/input"`.
    /// - Returns: The absolute URL.
    /// - Throws: ``MissingSuite`` when the upstream suites folder does not exist.
    public static func upstreamURL(_ relativePath: String) throws -> URL {
        guard let root = upstream else { throw MissingSuite(path: relativePath) }
        return root.appendingPathComponent(relativePath)
    }

    /// Thrown when an upstream suite file is read while the upstream suites folder is absent.
    public struct MissingSuite: Error, CustomStringConvertible {
        /// The suite file that was looked for.
        public let path: String
        /// A plain sentence naming the missing file.
        public var description: String { "upstream test vectors missing: \(path) (set DID_TEST_VECTORS)" }
    }

    /// Prints one per-suite count line, the form the conformance target reports in: `conformance: NAME: N passed`.
    /// - Parameters:
    ///   - suite: The suite's name.
    ///   - passed: How many vectors passed.
    ///   - failed: How many vectors failed.
    public static func report(suite: String, passed: Int, failed: Int = 0, note: String = "") {
        let suffix = note.isEmpty ? "" : " (\(note))"
        print("conformance: \(suite): \(passed) vectors passed, \(failed) failed\(suffix)")
    }
}
