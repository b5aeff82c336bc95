// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import Testing

@Suite("JSON writer and value model (RFC 8259)")
struct JSONWriterTests {
    static let documents: [String] = [
        #"{"z":1,"a":[true,false,null],"m":{"y":"é","b":{}},"e":[]}"#,
        #"[{"id":"did:example:123","type":["VerifiableCredential"]},-0.5,1e+21,"\u0000\t"]"#,
        #"{"@context":["https://www.w3.org/ns/credentials/v2"],"credentialSubject":{"name":"Ünïcödé 😀"}}"#,
        #""just a string""#,
        "3.14",
    ]

    @Test("RFC 8259 §4: compact output keeps member order and round-trips byte for byte", arguments: documents)
    func compactRoundTrip(_ text: String) throws {
        let value = try JSONValue(parsing: text)
        #expect(try value.serializedString(.compact) == text)
        #expect(try value.serializedString() == text)
        #expect(try JSONValue(parsing: value.serialized(.compact)) == value)
    }

    @Test("RFC 8259 §2: pretty output keeps member order and parses back to the same value", arguments: documents)
    func prettyRoundTrip(_ text: String) throws {
        let value = try JSONValue(parsing: text)
        let pretty = try value.serialized(.pretty)
        let reparsed = try JSONValue(parsing: pretty)
        #expect(reparsed == value)
        #expect(try reparsed.serializedString(.compact) == text)
    }

    @Test("RFC 8259 §2: pretty layout is two-space indented with \"name\": value")
    func prettyLayout() throws {
        let value: JSONValue = ["b": [1, ["x": nil]], "a": [:], "c": [], "d": "s"]
        let expected = """
            {
              "b": [
                1,
                {
                  "x": null
                }
              ],
              "a": {},
              "c": [],
              "d": "s"
            }
            """
        #expect(try value.serializedString(.pretty) == expected)
        #expect(try JSONValue.number(2).serializedString(.pretty) == "2")
    }

    @Test(
        "RFC 8259 §6, RFC 8785 §3.2.2.3: NaN and infinities are unrepresentable in every style",
        arguments: [JSONValue.WritingStyle.compact, .pretty, .canonical]
    )
    func nonFinite(style: JSONValue.WritingStyle) {
        for number in [Double.nan, .infinity, -.infinity] {
            let values: [JSONValue] = [.number(number), [1, .number(number)], ["k": ["n": .number(number)]]]
            for value in values {
                let error = #expect(throws: DIDError.self) { try value.serialized(style) }
                #expect(error?.code == .unrepresentableJSON)
            }
        }
        #expect(throws: DIDError.self) { try ECMAScriptNumber.string(for: .nan) }
    }

    @Test(
        "RFC 8785 §3.2.2.2: each control character is escaped as JSON.stringify does",
        arguments: 0..<0x20
    )
    func controlEscapes(code: Int) throws {
        let short: [Int: String] = [0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r"]
        let hex = String(code, radix: 16)
        let expected = short[code] ?? "\\u00" + (hex.count == 1 ? "0" + hex : hex)
        let scalar = try #require(Unicode.Scalar(code))
        let value = JSONValue.string("a" + String(Character(scalar)) + "b")
        for style in [JSONValue.WritingStyle.compact, .pretty, .canonical] {
            #expect(try value.serializedString(style) == "\"a\(expected)b\"")
        }
    }

    @Test("RFC 8785 §3.2.2.2: quote and backslash are escaped; '/', DEL, U+2028 and non-ASCII are literal")
    func literalCharacters() throws {
        let value = JSONValue.string("\"\\/\u{7F}\u{2028}é😀")
        #expect(try value.serializedString() == "\"\\\"\\\\/\u{7F}\u{2028}é😀\"")
    }

    @Test("write(to:) appends to an existing buffer")
    func appends() throws {
        var output = Array("prefix:".utf8)
        try JSONValue.array([1, "x"]).write(to: &output, style: .canonical)
        #expect(String(decoding: output, as: UTF8.self) == "prefix:[1,\"x\"]")
    }

    // MARK: - JSONObject

    @Test("RFC 7493 §2.3: JSONObject keeps names unique; set replaces in place, nil removes, new names append")
    func objectMutation() throws {
        var object: JSONObject = ["a": 1, "b": 2]
        object["a"] = "x"
        object["c"] = true
        #expect(object.keys == ["a", "b", "c"])
        #expect(object["a"] == "x")
        object["b"] = nil
        #expect(object.keys == ["a", "c"])
        #expect(object.count == 2)
        object.append("a", 5)
        object.append("d", [])
        #expect(object.keys == ["a", "c", "d"])
        #expect(object["a"] == 5)
        #expect(object.removeValue(forKey: "zzz") == nil)
        #expect(object.removeValue(forKey: "c") == true)
        #expect(object.members.map(\.key) == ["a", "d"])
        #expect(!object.isEmpty && JSONObject().isEmpty)
        #expect(Array(object).map(\.key) == ["a", "d"])
    }

    @Test("RFC 7493 §2.3: init(_:) and literals let a later duplicate replace the earlier value in place")
    func objectDuplicatesInInit() {
        let members = [JSONObject.Member(key: "a", value: 1), .init(key: "b", value: 2), .init(key: "a", value: 3)]
        let object = JSONObject(members)
        #expect(object.keys == ["a", "b"])
        #expect(object["a"] == 3)
        let literal: JSONObject = ["k": 1, "j": 2, "k": 4]
        #expect(literal.keys == ["k", "j"] && literal["k"] == 4)
    }

    @Test("RFC 8259 §4: large objects (hash index) behave like small ones", arguments: [5, 12, 13, 100])
    func largeObject(count: Int) {
        var object = JSONObject()
        for position in 0..<count { object["k\(position)"] = .number(Double(position)) }
        for position in 0..<count { object["k\(position)"] = .number(Double(position * 2)) }
        #expect(object.count == count)
        #expect(object["k\(count - 1)"] == .number(Double(2 * (count - 1))))
        object["k0"] = nil
        #expect(object.count == count - 1 && object["k0"] == nil && object.keys.first == (count > 1 ? "k1" : nil))
        #expect(object["k\(count - 1)"] == .number(Double(2 * (count - 1))))
        object.append("k0", true)
        #expect(object.keys.last == "k0" && object["k0"] == true)
    }

    @Test("RFC 8259 §4: equality and hashing ignore member order but not names, values or counts")
    func objectEquality() {
        let a: JSONValue = ["x": 1, "y": ["z": [1, 2]]]
        let b: JSONValue = ["y": ["z": [1, 2]], "x": 1]
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(Set([a, b]).count == 1)
        #expect(a != ["x": 1, "y": ["z": [2, 1]]])
        #expect(a != ["x": 1])
        #expect(a != ["x": 1, "y": ["z": [1, 2]], "w": nil])
        #expect(JSONValue.number(0) == .number(-0.0))
        #expect(JSONValue.number(0).hashValue == JSONValue.number(-0.0).hashValue)
        #expect(JSONValue.string("1") != .number(1))
        #expect(JSONValue.null != false)
    }

    @Test("RFC 8785 §3.2.3: names and strings compare by code points, not canonical equivalence")
    func codePointEquality() throws {
        let composed = "\u{E9}"
        let decomposed = "e\u{301}"
        #expect(composed == decomposed)  // Swift's String equality
        #expect(JSONValue.string(composed) != .string(decomposed))
        var object = JSONObject()
        object[composed] = 1
        object[decomposed] = 2
        #expect(object.count == 2)
        #expect(object[composed] == 1 && object[decomposed] == 2)
        let parsed = try JSONValue(parsing: "{\"\\u00e9\":1,\"e\\u0301\":2}")
        #expect(parsed.objectValue?.count == 2)
        #expect(parsed[decomposed] == 2)
    }

    @Test("value accessors return the payload only for the matching case")
    func accessors() {
        let value: JSONValue = ["s": "t", "b": true, "n": 1.5, "a": [nil], "o": [:], "z": nil]
        #expect(value["s"]?.stringValue == "t" && value["s"]?.boolValue == nil)
        #expect(value["b"]?.boolValue == true && value["b"]?.numberValue == nil)
        #expect(value["n"]?.numberValue == 1.5 && value["n"]?.stringValue == nil)
        #expect(value["a"]?.arrayValue == [.null] && value["a"]?.objectValue == nil)
        #expect(value["o"]?.objectValue == JSONObject() && value["o"]?.arrayValue == nil)
        #expect(value["z"]?.isNull == true && value["s"]?.isNull == false)
        #expect(value["missing"] == nil && JSONValue.string("x")["s"] == nil)
        #expect(value.objectValue?.keys == ["s", "b", "n", "a", "o", "z"])
    }
}
