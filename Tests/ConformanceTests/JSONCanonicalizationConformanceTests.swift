// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDTestSupport
import Foundation
import Testing

/// Upstream `json-canonicalization/` (cyberphone/json-canonicalization `testdata/`, RFC 8785 JCS).
@Suite("Conformance: RFC 8785 JSON canonicalization", .upstreamVectors)
struct JSONCanonicalizationConformanceTests {
    static let pairs = ["arrays", "french", "structures", "unicode", "values", "weird"]

    @Test("RFC 8785 §3.2: every input/ file canonicalizes to its output/ bytes and outhex/ hex")
    func inputOutputPairs() throws {
        var passed = 0
        var failed = 0
        for name in Self.pairs {
            let input = try TestVectors.upstreamData("json-canonicalization/input/\(name).json")
            let output = try TestVectors.upstreamData("json-canonicalization/output/\(name).json")
            let outhex = try TestVectors.upstreamData("json-canonicalization/outhex/\(name).txt")
            let hex = String(decoding: outhex, as: UTF8.self).filter(\.isHexDigit)
            let expectedFromHex = try #require(Hex.bytes(hex), "outhex/\(name).txt is not hex")
            let canonical = try JSONValue(parsing: input).serialized(.canonical)
            let ok = canonical == Array(output) && canonical == expectedFromHex
            #expect(canonical == Array(output), "\(name): output/ differs")
            #expect(canonical == expectedFromHex, "\(name): outhex/ differs")
            if ok { passed += 1 } else { failed += 1 }
        }
        TestVectors.report(suite: "json-canonicalization input/output/outhex", passed: passed, failed: failed)
    }

    @Test("RFC 8785 §3.2.2.3: every line of the ES6 number files (hexIEEE,expected), 100000 lines")
    func es6Numbers() throws {
        var passed = 0
        var failed = 0
        var firstFailures: [String] = []
        for file in ["es6-numbers-first-1000.txt", "es6-numbers-1001-100000.txt"] {
            let data = try TestVectors.upstreamData("json-canonicalization/\(file)")
            for line in data.split(separator: UInt8(ascii: "\n")) {
                guard let comma = line.firstIndex(of: UInt8(ascii: ",")),
                    let bits = UInt64(String(decoding: line[..<comma], as: UTF8.self), radix: 16)
                else {
                    failed += 1
                    firstFailures.append("unreadable line \(String(decoding: line, as: UTF8.self))")
                    continue
                }
                let expected = String(decoding: line[(comma + 1)...], as: UTF8.self)
                let value = Double(bitPattern: bits)
                var ok = (try? ECMAScriptNumber.string(for: value)) == expected
                // The canonical writer and the parser agree with the line too.
                if ok, let parsed = try? JSONValue(parsing: expected).numberValue {
                    ok = parsed == value && (try? JSONValue.number(parsed).serializedString(.canonical)) == expected
                } else {
                    ok = false
                }
                if ok {
                    passed += 1
                } else {
                    failed += 1
                    if firstFailures.count < 20 { firstFailures.append(String(decoding: line, as: UTF8.self)) }
                }
            }
        }
        #expect(failed == 0, "first failures: \(firstFailures)")
        #expect(passed + failed == 100_000)
        TestVectors.report(suite: "json-canonicalization es6 numbers", passed: passed, failed: failed)
    }
}
