// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDTestSupport
import Foundation
import Testing

@Suite("JSON parser (RFC 8259, RFC 7493 I-JSON, RFC 3629 UTF-8)")
struct JSONParserTests {
    @Test("RFC 8259 / RFC 7493: accepted texts parse to the expected value", arguments: JSONTestVectors.accepted)
    func accepts(_ vector: JSONTestVectors.ParserCase) throws {
        let value = try JSONValue(parsing: vector.input)
        #expect(try value.serializedString(.compact) == vector.compact)
    }

    @Test(
        "RFC 8259 / RFC 7493 / RFC 3629: rejected texts fail with invalidJSON at the offending byte",
        arguments: JSONTestVectors.rejected
    )
    func rejects(_ vector: JSONTestVectors.ParserCase) throws {
        let error = #expect(throws: DIDError.self) { try JSONValue(parsing: vector.input) }
        #expect(error?.code == .invalidJSON)
        #expect(error?.offset == vector.offset, "\(error?.description ?? "")")
        #expect(error?.reason.isEmpty == false)
    }

    @Test("the vector files hold both kinds of case")
    func vectorCounts() {
        #expect(JSONTestVectors.accepted.count >= 40)
        #expect(JSONTestVectors.rejected.count >= 90)
    }

    @Test("RFC 8259 §9: nesting up to maxDepth is accepted, one more level is rejected", arguments: [1, 2, 10, 64])
    func depthLimit(depth: Int) throws {
        let limits = JSONLimits(maxDepth: depth)
        let arrays = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let objects = String(repeating: "{\"a\":", count: depth - 1) + "{}" + String(repeating: "}", count: depth - 1)
        _ = try JSONValue(parsing: arrays, limits: limits)
        _ = try JSONValue(parsing: objects, limits: limits)
        let deeper = "[" + arrays + "]"
        let error = #expect(throws: DIDError.self) { try JSONValue(parsing: deeper, limits: limits) }
        #expect(error?.code == .invalidJSON)
        #expect(error?.offset == depth)
    }

    @Test("RFC 8259 §9: the default depth limit is 64")
    func defaultDepth() throws {
        #expect(JSONLimits.default.maxDepth == 64)
        _ = try JSONValue(parsing: String(repeating: "[", count: 64) + String(repeating: "]", count: 64))
        #expect(throws: DIDError.self) {
            try JSONValue(parsing: String(repeating: "[", count: 65) + String(repeating: "]", count: 65))
        }
    }

    @Test("RFC 8259 §9: a million open brackets fail cleanly at the depth limit (no stack overflow)")
    func hostileDepth() throws {
        let bytes = [UInt8](repeating: UInt8(ascii: "["), count: 1_000_000)
        let error = #expect(throws: DIDError.self) { try JSONValue(parsing: bytes) }
        #expect(error?.offset == 64)
        // A very high limit is honoured without recursion.
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let unlimited = JSONLimits(maxDepth: .max)
        let error2 = #expect(throws: DIDError.self) { try JSONValue(parsing: bytes, limits: unlimited) }
        #expect(error2?.offset == bytes.count)
        let nested = try JSONValue(parsing: String(deep.prefix(1_000)) + String(deep.suffix(1_000)), limits: unlimited)
        #expect(nested.arrayValue?.count == 1)
    }

    @Test("RFC 8259 §9: input larger than maxBytes is rejected before parsing", arguments: [0, 1, 7, 100])
    func sizeLimit(maxBytes: Int) throws {
        let limits = JSONLimits(maxBytes: maxBytes)
        let fits = [UInt8](repeating: UInt8(ascii: " "), count: max(0, maxBytes - 1)) + [UInt8(ascii: "1")]
        if maxBytes > 0 {
            #expect(try JSONValue(parsing: fits, limits: limits) == 1)
        }
        let tooLarge = fits + [UInt8(ascii: " ")]
        let error = #expect(throws: DIDError.self) { try JSONValue(parsing: tooLarge, limits: limits) }
        #expect(error?.code == .invalidJSON)
        #expect(error?.offset == maxBytes)
        #expect(JSONLimits.default.maxBytes == 16 * 1024 * 1024)
    }

    @Test("RFC 7493 §2.3: duplicate names are found in objects of every size", arguments: [2, 12, 13, 14, 200])
    func duplicatesAnySize(count: Int) throws {
        let names = (0..<count).map { "\"n\($0)\":\($0)" }
        let unique = "{" + names.joined(separator: ",") + "}"
        let object = try #require(try JSONValue(parsing: unique).objectValue)
        #expect(object.count == count)
        #expect(object["n\(count - 1)"] == .number(Double(count - 1)))
        for duplicate in [0, count / 2, count - 1] {
            let text = "{" + names.joined(separator: ",") + ",\"n\(duplicate)\":true}"
            let error = #expect(throws: DIDError.self) { try JSONValue(parsing: text) }
            #expect(error?.offset == text.utf8.count - "\"n\(duplicate)\":true}".utf8.count)
        }
    }

    @Test("RFC 7493 §2.3: the duplicate-name error quotes the name escaped and shortened")
    func duplicateMessage() throws {
        let error = #expect(throws: DIDError.self) { try JSONValue(parsing: "{\"a\\nb\":1,\"a\\nb\":2}") }
        #expect(error?.reason.contains("\"a\\nb\"") == true, "\(error?.reason ?? "")")
        let long = String(repeating: "x", count: 10_000)
        let error2 = #expect(throws: DIDError.self) { try JSONValue(parsing: "{\"\(long)\":1,\"\(long)\":2}") }
        #expect((error2?.reason.count ?? .max) < 200)
        #expect(error2?.offset == 10_006)
    }

    @Test("RFC 8259 §2: every input form (bytes, raw buffer, String, Data) gives the same value and error")
    func inputForms() throws {
        let text = "{\"a\":[1,2.5,\"\\u00e9\"],\"b\":{\"c\":null}}"
        let bytes = Array(text.utf8)
        let expected = try JSONValue(parsing: bytes)
        #expect(try JSONValue(parsing: text) == expected)
        #expect(try JSONValue(parsing: Data(bytes)) == expected)
        #expect(try bytes.withUnsafeBytes { try JSONValue(parsing: $0) } == expected)
        #expect(throws: DIDError.self) { try JSONValue(parsing: Data("[1,]".utf8)) }
        #expect(throws: DIDError.self) { try JSONValue(parsing: "[1,]") }
        #expect(throws: DIDError.self) { try [UInt8]("[1,]".utf8).withUnsafeBytes { try JSONValue(parsing: $0) } }
    }

    @Test("RFC 8259 §6, RFC 7493 §2.2: number parsing is correctly rounded (random doubles round-trip)")
    func numberRoundTrip() throws {
        var generator = SplitMix64(seed: 0x5EED)
        for _ in 0..<20_000 {
            let value = Double(bitPattern: generator.next())
            guard value.isFinite else { continue }
            for text in [value.description, try ECMAScriptNumber.string(for: value), String(format: "%.17e", value)] {
                let parsed = try #require(try JSONValue(parsing: text).numberValue, "\(text)")
                #expect(parsed == value || (parsed == 0 && value == 0), "\(text)")
            }
        }
    }

    @Test("RFC 8259 §6: integers up to 15 digits take the exact fast path; longer ones still round correctly")
    func integers() throws {
        for text in [
            "999999999999999", "-999999999999999", "1000000000000000", "18446744073709551615",
            "18446744073709551616", "99999999999999999999",
        ] {
            #expect(try JSONValue(parsing: text).numberValue == Double(text), "\(text)")
        }
        #expect(try JSONValue(parsing: "-0").numberValue?.sign == .minus)
    }

    @Test("RFC 8259 §7: strings decode escapes and keep code points (no normalization)")
    func strings() throws {
        #expect(try JSONValue(parsing: "\"A\\u030a\"").stringValue?.unicodeScalars.map(\.value) == [0x41, 0x30A])
        #expect(try JSONValue(parsing: "\"\\ud83d\\ude00x\"").stringValue == "😀x")
        #expect(try JSONValue(parsing: "\"\\/\"").stringValue == "/")
        let long = String(repeating: "abc€", count: 10_000)
        #expect(try JSONValue(parsing: "\"\(long)\\n\"").stringValue == long + "\n")
    }

    @Test("never crashes: random and mutated inputs either parse or throw invalidJSON")
    func robustness() throws {
        var generator = SplitMix64(seed: 42)
        let seed = Array(#"{"a":[1,-2.5e3,"x\u00e9\ud83d\ude00",true,false,null,{"b":{}}],"c":"é😀"}"#.utf8)
        let alphabet =
            Array("{}[]\",:0123456789-+.eE\\u tfnrl".utf8) + [0x00, 0x1F, 0x80, 0xBF, 0xC3, 0xED, 0xF4, 0xFF]
        for round in 0..<20_000 {
            var bytes = seed
            let edits = 1 + Int(generator.next() % 4)
            for _ in 0..<edits {
                let position = Int(generator.next() % UInt64(bytes.count))
                let byte = alphabet[Int(generator.next() % UInt64(alphabet.count))]
                switch generator.next() % 3 {
                case 0: bytes[position] = byte
                case 1: bytes.insert(byte, at: position)
                default: if bytes.count > 1 { bytes.remove(at: position) }
                }
            }
            if round % 5 == 0 {
                bytes = (0..<Int(generator.next() % 24)).map { _ in
                    alphabet[Int(generator.next() % UInt64(alphabet.count))]
                }
            }
            do {
                let value = try JSONValue(parsing: bytes, limits: JSONLimits(maxDepth: 8))
                // Whatever parses must serialize and parse back to an equal value.
                #expect(try JSONValue(parsing: value.serialized(.canonical)) == value)
            } catch {
                #expect(error.code == .invalidJSON)
                #expect((0...bytes.count).contains(error.offset ?? -1), "offset \(error.offset ?? -1) of \(bytes)")
            }
        }
    }
}
