// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDTestSupport
import Foundation

/// Reads the normative examples of `Specs/migration/examples/` (IMB v0.1 §20).
enum MigrationExampleFiles {
    /// The examples folder.
    static var folder: URL {
        TestVectors.repositoryRoot.appendingPathComponent("Specs/migration/examples")
    }

    /// The bytes of a file below the examples folder.
    static func bytes(_ relativePath: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: folder.appendingPathComponent(relativePath)))
    }

    /// A JSON file below the examples folder.
    static func json(_ relativePath: String) throws -> JSONValue {
        try JSONValue(parsing: try bytes(relativePath))
    }
}
