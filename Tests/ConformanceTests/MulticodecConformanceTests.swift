// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDTestSupport
import Foundation
import Testing

/// Upstream `multicodec/`: every key code's varint bytes, and the `table.csv` extract.
@Suite("Conformance: multicodec", .upstreamVectors)
struct MulticodecConformanceTests {
    private struct KeyCodes: Decodable {
        struct Entry: Decodable {
            let name: String
            let code: String
            let varintHex: String
        }
        let codes: [Entry]
    }

    @Test("multicodec key-codes-varint.json: code, name and varint bytes of every key code")
    func keyCodes() throws {
        let data = try TestVectors.upstreamData("multicodec/key-codes-varint.json")
        let entries = try JSONDecoder().decode(KeyCodes.self, from: data).codes
        var passed = 0
        var failed = 0
        for entry in entries {
            let code = try #require(UInt64(entry.code.dropFirst(2), radix: 16), "bad code \(entry.code)")
            let varint = Varint.encode(code)
            let decoded = try Varint.decode(varint)
            let known = Multicodec.known(code: code)
            let ok =
                Hex.string(varint) == entry.varintHex
                && decoded.value == code && decoded.length == varint.count
                && (known == nil || known?.name == entry.name)
            #expect(ok, "\(entry.name)")
            if ok { passed += 1 } else { failed += 1 }
        }
        // Every key code the project declares must appear upstream with the same name.
        for codec in Multicodec.keyCodes {
            #expect(entries.contains { $0.name == codec.name }, "\(codec.name) is not an upstream key code")
        }
        TestVectors.report(suite: "multicodec/key-codes-varint.json", passed: passed, failed: failed)
    }

    @Test("multicodec key-codes.csv: every project key code has the table's number")
    func tableCSV() throws {
        let data = try TestVectors.upstreamData("multicodec/key-codes.csv")
        let rows = String(decoding: data, as: UTF8.self).split(separator: "\n").map {
            $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        var table: [String: UInt64] = [:]
        for row in rows where row.count >= 3 && row[2].hasPrefix("0x") {
            table[row[0]] = UInt64(row[2].dropFirst(2), radix: 16)
        }
        var passed = 0
        var failed = 0
        for codec in Multicodec.keyCodes {
            let ok = table[codec.name] == codec.code
            #expect(ok, "\(codec.name)")
            if ok { passed += 1 } else { failed += 1 }
        }
        TestVectors.report(suite: "multicodec/key-codes.csv", passed: passed, failed: failed)
    }
}
