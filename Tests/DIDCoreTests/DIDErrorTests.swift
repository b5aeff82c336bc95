// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import Testing

@Suite("DIDError")
struct DIDErrorTests {
    @Test("errors compare by code, not by wording")
    func comparesByCode() {
        #expect(DIDError(.invalidDID, "a") == DIDError(.invalidDID, "b"))
        #expect(DIDError(.invalidDID, "a") != DIDError(.invalidDIDURL, "a"))
    }

    @Test("the description gives the offset but no source location")
    func description() {
        let error = DIDError(.invalidJSON, "unexpected byte 0x7D", offset: 12)
        #expect(error.description == "unexpected byte 0x7D (at offset 12)")
    }
}
