// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCrypto
import Testing

@Suite("Concurrent use of shared keys and the shared libsecp256k1 context")
struct ConcurrencyTests {
    @Test("many tasks sign and verify with the same keys at once", arguments: KeyType.allCases.filter(\.canSign))
    func concurrentSigning(keyType: KeyType) async throws {
        let key = PrivateKey.generate(keyType)
        let results = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<32 {
                group.addTask {
                    let message = Array("message \(index)".utf8)
                    guard let signature = try? key.signature(for: message) else { return false }
                    var ok = key.publicKey.isValidSignature(signature, for: message)
                    if keyType == .secp256k1, let schnorr = try? key.schnorrSignature(for: message) {
                        ok = ok && key.publicKey.isValidSchnorrSignature(schnorr, for: message)
                    }
                    return ok
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.count == 32)
        #expect(results.allSatisfy { $0 })
    }
}
