// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDTestSupport
import Foundation
import Testing

/// Reads the JSON-lines vector files in `TestVectors/json/` and `TestVectors/jcs/` (sources in their READMEs).
enum JSONTestVectors {
    /// Every line of a JSON-lines file below `TestVectors/`, parsed as an object.
    static func lines(_ path: String) -> [JSONObject] {
        do {
            let data = try TestVectors.localData(path)
            return try data.split(separator: UInt8(ascii: "\n")).map { line in
                guard let object = try JSONValue(parsing: Array(line)).objectValue else {
                    throw DIDError(.invalidJSON, "a line of \(path) is not an object")
                }
                return object
            }
        } catch {
            fatalError("TestVectors/\(path) is unreadable: \(error)")
        }
    }

    /// A parser vector from `TestVectors/json/parser.jsonl`.
    struct ParserCase: Sendable, CustomTestStringConvertible {
        let name: String
        let section: String
        let input: [UInt8]
        let valid: Bool
        let compact: String?
        let offset: Int?
        var testDescription: String { "\(section): \(name)" }
    }

    static let parser: [ParserCase] = lines("json/parser.jsonl").map { line in
        let input: [UInt8]
        if let text = line["input"]?.stringValue {
            input = Array(text.utf8)
        } else {
            input = Hex.bytes(line["inputHex"]?.stringValue ?? "") ?? []
        }
        return ParserCase(
            name: line["name"]?.stringValue ?? "?",
            section: line["section"]?.stringValue ?? "?",
            input: input,
            valid: line["valid"]?.boolValue ?? false,
            compact: line["compact"]?.stringValue,
            offset: line["offset"]?.numberValue.map { Int($0) }
        )
    }

    static let accepted = parser.filter(\.valid)
    static let rejected = parser.filter { !$0.valid }

    /// An RFC 8785 Appendix B row from `TestVectors/jcs/numbers-rfc8785-appendix-b.jsonl`.
    struct NumberCase: Sendable, CustomTestStringConvertible {
        let bits: UInt64
        let expected: String?
        let note: String
        var testDescription: String {
            "\(String(bits, radix: 16)) → \(expected ?? "error")\(note.isEmpty ? "" : " (\(note))")"
        }
    }

    static let appendixB: [NumberCase] = lines("jcs/numbers-rfc8785-appendix-b.jsonl").map { line in
        NumberCase(
            bits: UInt64(line["ieee754"]?.stringValue ?? "", radix: 16) ?? 0,
            expected: line["expected"]?.stringValue,
            note: line["note"]?.stringValue ?? ""
        )
    }

    /// An input/canonical-output pair from `TestVectors/jcs/canonical.jsonl`.
    struct CanonicalCase: Sendable, CustomTestStringConvertible {
        let name: String
        let section: String
        let input: String
        let expected: String
        var testDescription: String { "\(section): \(name)" }
    }

    static let canonical: [CanonicalCase] = lines("jcs/canonical.jsonl").map { line in
        CanonicalCase(
            name: line["name"]?.stringValue ?? "?",
            section: line["section"]?.stringValue ?? "?",
            input: line["input"]?.stringValue ?? "",
            expected: line["expected"]?.stringValue ?? ""
        )
    }
}
