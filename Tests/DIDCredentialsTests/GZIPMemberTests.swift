// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDCredentials
import Testing

/// The status list inflater and the `.tar.gz` reader share `GZIPMember` and its rule: every member of the series,
/// concatenated (RFC 1952 §2.2).
@Suite("RFC 1952 §2.2: gzip members")
struct GZIPMemberTests {
    @Test("two members decode to the concatenation; garbage after the last member is refused")
    func twoMembers() throws {
        let first = Array("first member\n".utf8)
        let second = (0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        #expect(try GZIP.decompress(GZIP.compressStored(first) + GZIP.compressStored(second)) == first + second)
        #expect(throws: CredentialError(.malformedDocument, "")) {
            try GZIP.decompress(GZIP.compressStored(first) + [0x1F, 0x8B, 0x08])
        }
    }

    @Test("the shared framing: header fields skipped, trailer read, CRC-32 of RFC 1952 §8")
    func framing() throws {
        // FLG = FEXTRA | FNAME | FCOMMENT | FHCRC (RFC 1952 §2.3.1).
        let header: [UInt8] = [
            0x1F, 0x8B, 8, 0x1E, 0, 0, 0, 0, 0, 0xFF, 2, 0, 0xAA, 0xBB, 0x61, 0, 0x62, 0, 0x12, 0x34,
        ]
        #expect(try GZIPMember.headerLength(of: header + [0x03, 0x00]) == header.count)
        #expect(throws: DIDError.self) { try GZIPMember.headerLength(of: [0x1F, 0x8C, 8, 0, 0, 0, 0, 0, 0, 0]) }
        #expect(GZIPMember.crc32(Array("123456789".utf8)) == 0xCBF4_3926)  // the CRC-32 check value
        let trailer = try GZIPMember.Trailer([0x26, 0x39, 0xF4, 0xCB, 9, 0, 0, 0])
        #expect(trailer == GZIPMember.Trailer(crc32: 0xCBF4_3926, byteCount: 9))
        let window: [UInt8] = [0x00, 0x26, 0x39, 0xF4, 0xCB, 9, 0, 0, 0, 0x1F, 0x8B]
        #expect(try GZIPMember.memberEnd(in: window, from: 100, trailer: trailer, fileLength: 200) == 109)
    }
}
