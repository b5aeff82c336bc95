// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import Testing

/// Identifiers compare by their bytes: `"caf\u{E9}"` (precomposed) and `"cafe\u{301}"` (decomposed) are canonically
/// equivalent for Swift's `String ==` but are different UTF-8 byte sequences.
@Suite("Bytewise comparison of identifiers (DID Core 1.0 §3.1, §3.2; RFC 3986 §6.2.1)")
struct BytewiseComparisonTests {
    static let precomposed = "caf\u{E9}"
    static let decomposed = "cafe\u{301}"

    @Test("BytewiseString: equality, order and hashing follow the UTF-8 bytes")
    func bytewiseString() {
        #expect(Self.precomposed == Self.decomposed)  // String: canonical equivalence
        #expect(BytewiseString(Self.precomposed) != BytewiseString(Self.decomposed))
        #expect(BytewiseString(Self.decomposed) < BytewiseString(Self.precomposed))  // 0x65 'e' before 0xC3
        #expect(BytewiseString("ab") < BytewiseString("abc"))  // a proper prefix sorts first
        #expect(Set([BytewiseString(Self.precomposed), BytewiseString(Self.decomposed)]).count == 2)
        #expect(BytewiseString.compare("a\u{301}", "a\u{301}") == 0)
    }

    @Test("DID Core §3.2: decoded query parameter names that differ in bytes are different parameters")
    func queryParameterNamesCompareByBytes() throws {
        let url = try DIDURL("did:example:123?caf%C3%A9=1&cafe%CC%81=2")
        #expect(url.duplicateParameterNames.isEmpty)
        #expect(url.parameter(Self.precomposed) == "1")
        #expect(url.parameters(named: Self.decomposed) == ["2"])
        #expect(url.queryParameters[0] != url.queryParameters[1])
        #expect(Set(url.queryParameters).count == 2)
        let repeated = try DIDURL("did:example:123?cafe%CC%81=1&cafe%CC%81=2")
        #expect(repeated.duplicateParameterNames.map { Array($0.utf8) } == [Array(Self.decomposed.utf8)])
    }

    @Test("DID Core §3.1: DIDs and DID URLs are equal exactly when their bytes are")
    func didsCompareByBytes() throws {
        let a = try DID("did:example:123")
        #expect(a == (try DID("did:example:" + "123")))
        #expect(a != (try DID("did:example:124")))
        #expect(a < (try DID("did:example:1234")))
        #expect(try DIDURL("did:example:123#k") == (try DIDURL("did:example:123#k")))
        #expect(Set([try DIDURL("did:example:123#k"), try DIDURL("did:example:123#K")]).count == 2)
    }
}
