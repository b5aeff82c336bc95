// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import Testing

@Suite("URI references (RFC 3986 §5.2, DID Core 1.0 §3.2.2)")
struct URIReferenceTests {
    @Test("RFC 3986 §5.4: reference resolution examples", arguments: URIVectors.shared.rfc3986.cases)
    func rfc3986Examples(_ pair: [String]) throws {
        #expect(try URIReference.resolve(pair[0], against: URIVectors.shared.rfc3986.base) == pair[1])
    }

    @Test("DID Core §3.2.2: relative DID URLs resolve against the DID", arguments: URIVectors.shared.didURLs)
    func relativeDIDURL(_ vector: URIVectors.DIDCase) throws {
        let base = try DIDURL(vector.base)
        if let expected = vector.expected {
            #expect(try DIDURL(resolving: vector.reference, against: base).description == expected)
        } else {
            let error = #expect(throws: DIDError.self) { try DIDURL(resolving: vector.reference, against: base) }
            #expect(error?.code == .invalidDIDURL)
        }
    }

    @Test("RFC 3986 §3: URI syntax checks", arguments: URIVectors.shared.uris)
    func uriSyntax(_ vector: URIVectors.URICase) {
        #expect(URIReference.isValidURI(vector.uri) == vector.valid)
    }

    @Test(
        "RFC 3986 §4.2: relative references have no scheme and no ':' in the first segment",
        arguments: [
            ("/a/b", true), ("#f", true), ("?q", true), ("", true), ("a:b", false), ("./a:b", true),
            ("https://x/", false), ("//host/p", true), ("/a%2", false),
        ]
    )
    func relativeReference(_ text: String, valid: Bool) {
        #expect(URIReference.isValidRelativeReference(text) == valid)
    }

    @Test("RFC 3986 §5.1: the base must be absolute")
    func baseMustBeAbsolute() {
        #expect(throws: DIDError.self) { try URIReference.resolve("g", against: "/relative/base") }
        #expect(throws: DIDError.self) { try URIReference.resolve("g h", against: "http://a/") }
    }
}
