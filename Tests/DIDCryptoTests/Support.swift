// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDTestSupport
import Foundation

/// Decodes hex from a vector file, failing loudly on a typo in the file.
func hexBytes(_ text: String) -> [UInt8] {
    guard let bytes = Hex.bytes(text) else { fatalError("not hex: \(text)") }
    return bytes
}

/// Loads and decodes a JSON file from the repository's `TestVectors/`.
func loadVectors<T: Decodable>(_ type: T.Type, _ path: String) -> T {
    do {
        return try JSONDecoder().decode(T.self, from: TestVectors.localData(path))
    } catch {
        fatalError("TestVectors/\(path) is unreadable: \(error)")
    }
}
