// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDTestSupport
import Testing

@testable import DIDCore

@Suite("JSON canonicalization (RFC 8785 JCS)")
struct JSONCanonicalizationTests {
    @Test("RFC 8785 Appendix B: ECMAScript number serialization", arguments: JSONTestVectors.appendixB)
    func appendixB(_ vector: JSONTestVectors.NumberCase) throws {
        let value = Double(bitPattern: vector.bits)
        if let expected = vector.expected {
            #expect(try ECMAScriptNumber.string(for: value) == expected)
            #expect(try JSONValue.number(value).serializedString(.canonical) == expected)
        } else {
            let error = #expect(throws: DIDError.self) { try ECMAScriptNumber.string(for: value) }
            #expect(error?.code == .unrepresentableJSON)
        }
    }

    @Test("RFC 8785 Appendix B has all 26 rows")
    func appendixBCount() {
        #expect(JSONTestVectors.appendixB.count == 26)
    }

    @Test("RFC 8785 §3.2: canonical form of the RFC's examples and project cases", arguments: JSONTestVectors.canonical)
    func canonical(_ vector: JSONTestVectors.CanonicalCase) throws {
        let value = try JSONValue(parsing: vector.input)
        #expect(try value.serializedString(.canonical) == vector.expected)
        // Canonical output is a fixed point.
        #expect(try JSONValue(parsing: vector.expected).serializedString(.canonical) == vector.expected)
    }

    @Test(
        "RFC 8785 §3.2.2.3: ECMAScript Number::toString layout (plain, fraction, small, exponential)",
        arguments: [
            (1e21, "1e+21"), (1e20, "100000000000000000000"), (123e18, "123000000000000000000"),
            (1.5e21, "1.5e+21"), (0.1, "0.1"), (1e-6, "0.000001"), (1.5e-6, "0.0000015"), (1e-7, "1e-7"),
            (1.25e-7, "1.25e-7"), (123.456, "123.456"), (-2.5, "-2.5"), (-0.0, "0"), (0.0, "0"),
            (9007199254740991, "9007199254740991"), (-9007199254740991, "-9007199254740991"),
            (2e16, "20000000000000000"), (1e16 + 2, "10000000000000002"), (4.35, "4.35"),
            (.leastNonzeroMagnitude, "5e-324"),
        ] as [(Double, String)]
    )
    func numberLayout(value: Double, expected: String) throws {
        #expect(try ECMAScriptNumber.string(for: value) == expected)
    }

    @Test("RFC 8785 §3.2.3: the key comparison equals comparing UTF-16 code unit arrays")
    func utf16Order() {
        var generator = SplitMix64(seed: 7)
        let pool: [Unicode.Scalar] = [
            "a", "b", "\u{7F}", "\u{80}", "\u{FF}", "\u{7FF}", "\u{800}", "\u{D7FF}", "\u{E000}",
            "\u{FB33}", "\u{FFFD}", "\u{10000}", "\u{1F600}", "\u{10FFFD}", "\r", "1",
        ]
        func randomKey() -> String {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int(generator.next() % 4) { scalars.append(pool[Int(generator.next() % UInt64(pool.count))]) }
            return String(scalars)
        }
        var mismatches: [String] = []
        for _ in 0..<20_000 {
            let a = randomKey()
            let b = randomKey()
            let expected = Array(a.utf16).lexicographicallyPrecedes(Array(b.utf16))
            if JSONWriter.utf16Less(a, b) != expected {
                mismatches.append("\(Array(a.unicodeScalars)) < \(Array(b.unicodeScalars)) should be \(expected)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(5))")
    }

    @Test("RFC 8785 §3.2.3: large objects sort like small ones", arguments: [2, 16, 17, 300])
    func largeObjectOrder(count: Int) throws {
        var generator = SplitMix64(seed: UInt64(count))
        var object = JSONObject()
        var names: [String] = []
        while names.count < count {
            let name = "k\(generator.next() % 100_000)\u{1F600}\u{FFFD}".prefix(Int(generator.next() % 9) + 1)
            if object[String(name)] == nil {
                object[String(name)] = .number(Double(names.count))
                names.append(String(name))
            }
        }
        let sorted = names.sorted { Array($0.utf16).lexicographicallyPrecedes(Array($1.utf16)) }
        let canonical = try JSONValue.object(object).serialized(.canonical)
        var expected: [UInt8] = [UInt8(ascii: "{")]
        for (position, name) in sorted.enumerated() {
            if position > 0 { expected.append(UInt8(ascii: ",")) }
            try JSONValue.string(name).write(to: &expected)
            expected.append(UInt8(ascii: ":"))
            try object[name]!.write(to: &expected)
        }
        expected.append(UInt8(ascii: "}"))
        #expect(canonical == expected)
    }
}
