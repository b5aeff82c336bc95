// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCrypto
import DIDTestSupport
import Testing

@Suite("SHA-2 digests (swift-crypto)")
struct DigestTests {
    /// FIPS 180-2 Appendix B.1 / C.1 / D.1: the one-block message "abc".
    @Test("FIPS 180-2 appendices B.1, C.1, D.1: SHA-256/384/512 of \"abc\"")
    func abc() {
        let abc = Array("abc".utf8)
        #expect(Hex.string(Digest.sha256(abc)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            Hex.string(Digest.sha384(abc))
                == "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7"
        )
        #expect(
            Hex.string(Digest.sha512(abc))
                == "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd"
                + "454d4423643ce80e2a9ac94fa54ca49f"
        )
    }

    @Test("contiguous and non-contiguous inputs hash the same")
    func nonContiguous() {
        let bytes = SecureRandom.bytes(count: 1000)
        #expect(Digest.sha256(bytes) == Digest.sha256(bytes.lazy.map { $0 }))
        #expect(Digest.sha256(bytes[10..<20]) == Digest.sha256(Array(bytes[10..<20])))
    }

    @Test("FIPS 180-4: SHA256Hasher fed in pieces equals the one-shot digest (empty input, \"abc\", chunk borders)")
    func incremental() throws {
        #expect(Hex.string(SHA256Hasher().finalize()) == Hex.string(Digest.sha256([UInt8]())))
        var abc = SHA256Hasher()
        abc.update(Array("ab".utf8))
        abc.update(Array("c".utf8)[...])
        #expect(Hex.string(abc.finalize()) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let bytes = SecureRandom.bytes(count: 10_000)
        for chunk in [1, 63, 64, 65, 4096] {
            var hasher = SHA256Hasher()
            var start = 0
            while start < bytes.count {
                let end = min(start + chunk, bytes.count)
                bytes[start..<end].withUnsafeBytes { hasher.update($0) }
                start = end
            }
            #expect(hasher.finalize() == Digest.sha256(bytes), "chunks of \(chunk)")
        }
    }
}
