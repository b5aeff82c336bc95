// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDTestSupport
import Foundation
import Testing

/// The vectors in `TestVectors/encodings/vectors.json` (sources named in its README).
struct EncodingVectors: Decodable {
    struct Pair: Decodable, CustomTestStringConvertible, Sendable {
        let hex: String
        let text: String
        let source: String
        var testDescription: String { "\"\(text)\" (\(source))" }
        var bytes: [UInt8] { Hex.bytes(hex)! }
    }
    struct VarintCase: Decodable, CustomTestStringConvertible, Sendable {
        let value: UInt64
        let hex: String
        let source: String
        var testDescription: String { "\(value) (\(source))" }
    }
    struct Invalid: Decodable, CustomTestStringConvertible, Sendable {
        let encoding: String
        let text: String
        let why: String
        var testDescription: String { "\(encoding) \"\(text)\": \(why)" }
    }
    let base58btc: [Pair]
    let base64url: [Pair]
    let base32: [Pair]
    let multibase: [Pair]
    let varint: [VarintCase]
    let invalid: [Invalid]

    static let shared: EncodingVectors = {
        do {
            return try JSONDecoder().decode(EncodingVectors.self, from: TestVectors.localData("encodings/vectors.json"))
        } catch {
            fatalError("TestVectors/encodings/vectors.json is unreadable: \(error)")
        }
    }()
}

@Suite("Encodings")
struct EncodingTests {
    @Test("draft-msporny-base58 §5: base58btc known answers", arguments: EncodingVectors.shared.base58btc)
    func base58(_ vector: EncodingVectors.Pair) throws {
        #expect(Base58BTC.encode(vector.bytes) == vector.text)
        #expect(try Base58BTC.decode(vector.text) == vector.bytes)
    }

    @Test("RFC 4648 §10: base64url (unpadded) known answers", arguments: EncodingVectors.shared.base64url)
    func base64url(_ vector: EncodingVectors.Pair) throws {
        #expect(Base64URL.encode(vector.bytes) == vector.text)
        #expect(try Base64URL.decode(vector.text) == vector.bytes)
    }

    @Test("RFC 4648 §10: base32 (lower case, unpadded) known answers", arguments: EncodingVectors.shared.base32)
    func base32(_ vector: EncodingVectors.Pair) throws {
        #expect(Base32.encode(vector.bytes) == vector.text)
        #expect(try Base32.decode(vector.text) == vector.bytes)
    }

    @Test("multibase Appendix D.1: prefix selects the encoding", arguments: EncodingVectors.shared.multibase)
    func multibase(_ vector: EncodingVectors.Pair) throws {
        let decoded = try Multibase.decode(vector.text)
        #expect(decoded.bytes == vector.bytes)
        #expect(Multibase.encode(vector.bytes, as: decoded.encoding) == vector.text)
    }

    @Test("unsigned-varint: known answers, minimal encoding", arguments: EncodingVectors.shared.varint)
    func varint(_ vector: EncodingVectors.VarintCase) throws {
        let bytes = Hex.bytes(vector.hex)!
        #expect(Varint.encode(vector.value) == bytes)
        let decoded = try Varint.decode(bytes + [0xAA])  // trailing bytes are not part of the varint
        #expect(decoded.value == vector.value)
        #expect(decoded.length == bytes.count)
    }

    @Test("each encoding rejects text that breaks its rules", arguments: EncodingVectors.shared.invalid)
    func rejects(_ vector: EncodingVectors.Invalid) {
        #expect(throws: DIDError(.invalidEncoding, "")) {
            switch vector.encoding {
            case "base58btc": _ = try Base58BTC.decode(vector.text)
            case "base64url": _ = try Base64URL.decode(vector.text)
            case "base32": _ = try Base32.decode(vector.text)
            case "multibase": _ = try Multibase.decode(vector.text)
            case "varint": _ = try Varint.decode(Hex.bytes(vector.text)!)
            default: Issue.record("unknown encoding \(vector.encoding) in the vector file")
            }
        }
    }

    @Test("base58btc, base64url and base32 round-trip random bytes of every length up to 80")
    func roundTrips() throws {
        var generator = SystemRandomNumberGenerator()
        for length in 0...80 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect(try Base58BTC.decode(Base58BTC.encode(bytes)) == bytes)
            #expect(try Base64URL.decode(Base64URL.encode(bytes)) == bytes)
            #expect(try Base32.decode(Base32.encode(bytes)) == bytes)
        }
    }

    @Test("base58btc errors name the offending character and its offset")
    func base58ErrorPosition() {
        #expect {
            _ = try Base58BTC.decode("z6Mk0")
        } throws: { error in
            let error = try #require(error as? DIDError)
            return error.offset == 4 && error.reason.contains("'0'")
        }
    }

    @Test(
        "base64url errors name the offending character and its offset, in every position of a 4-character group",
        arguments: [
            ("AAAA*AAA", 4, "0x2a"), ("AAAAA=AA", 5, "'='"), ("AAAAAA+A", 6, "0x2b"), ("AAAAAAA/", 7, "0x2f"),
            ("AAAAAA.", 6, "0x2e"), ("AAAA A", 4, "0x20"),
        ]
    )
    func base64URLErrorPosition(text: String, offset: Int, shown: String) {
        #expect {
            _ = try Base64URL.decode(text)
        } throws: { error in
            let error = try #require(error as? DIDError)
            return error.code == .invalidEncoding && error.offset == offset && error.reason.contains(shown)
        }
    }

    @Test("base64url refuses non-zero unused trailing bits (RFC 4648 §3.5) and a length of 1 mod 4")
    func base64URLStrictTail() throws {
        #expect(try Base64URL.decode("AQ") == [1])
        #expect(try Base64URL.decode("AQI") == [1, 2])
        for text in ["AR", "AQJ", "AAAAA"] {
            #expect(throws: DIDError.self) { try Base64URL.decode(text) }
        }
    }

    @Test("base64url decoding of UTF-8 bytes equals decoding of the string, slices included")
    func base64URLBytes() throws {
        let text = Base64URL.encode(Array(0...255) as [UInt8])
        let framed = Array("x.\(text).y".utf8)
        #expect(try Base64URL.decode(utf8: framed[2..<(framed.count - 2)]) == Array(0...255))
        #expect(try Base64URL.decode(utf8: Array(text.utf8)) == Base64URL.decode(text))
        #expect(throws: DIDError.self) { try Base64URL.decode(utf8: framed) }
    }

    @Test("multicodec: split returns the known code and the body; unknown codes are kept by number")
    func multicodecSplit() throws {
        let (codec, body) = try Multicodec.split([0xED, 0x01, 1, 2, 3])
        #expect(codec == .ed25519Pub)
        #expect(Array(body) == [1, 2, 3])
        let (unknown, _) = try Multicodec.split([0x99, 0x01])
        #expect(unknown.code == 0x99)
        #expect(Multicodec.known(code: 0x99) == nil)
        #expect(Multicodec.ed25519Priv.isPrivateKey)
        #expect(!Multicodec.p256Pub.isPrivateKey)
    }
}

/// A plain digit-by-digit base58btc encoder (draft-msporny-base58-03 §3), the oracle for the limb-based one.
private func referenceBase58(_ bytes: [UInt8]) -> String {
    let alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz")
    var digits: [Int] = []  // little-endian base-58 digits
    for byte in bytes {
        var carry = Int(byte)
        for index in digits.indices {
            carry += digits[index] * 256
            digits[index] = carry % 58
            carry /= 58
        }
        while carry > 0 {
            digits.append(carry % 58)
            carry /= 58
        }
    }
    let zeros = bytes.prefix { $0 == 0 }.count
    return String(repeating: "1", count: zeros) + String(digits.reversed().map { alphabet[$0] })
}

@Suite("Encodings: base58btc against a reference")
struct Base58ReferenceTests {
    @Test("draft-msporny-base58 §3: the fast encoder and decoder agree with the textbook algorithm")
    func agreesWithReference() throws {
        var generator = SystemRandomNumberGenerator()
        for length in 0...96 {
            for zeros in [0, 1, 3] where zeros <= length {
                var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
                for index in 0..<zeros { bytes[index] = 0 }
                if zeros < length && bytes[zeros] == 0 { bytes[zeros] = 1 }
                let expected = referenceBase58(bytes)
                #expect(Base58BTC.encode(bytes) == expected, "\(Hex.string(bytes))")
                #expect(try Base58BTC.decode(expected) == bytes, "\(expected)")
            }
        }
        let extremes: [[UInt8]] = [
            [0xFF], [0xFF, 0xFF, 0xFF, 0xFF], [UInt8](repeating: 0xFF, count: 67), [0, 0, 0xFF],
        ]
        for bytes in extremes {
            #expect(Base58BTC.encode(bytes) == referenceBase58(bytes))
            #expect(try Base58BTC.decode(referenceBase58(bytes)) == bytes)
        }
    }
}
