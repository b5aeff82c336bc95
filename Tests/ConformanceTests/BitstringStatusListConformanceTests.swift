// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDCredentials
import DIDTestSupport
import Testing

/// Upstream `bitstring-status-list/decode.json`: expand each `encodedList` and read the listed entries.
@Suite("Conformance: bitstring-status-list", .upstreamVectors)
struct BitstringStatusListConformanceTests {
    @Test("Bitstring Status List 1.0 §3.2: expand the bitstring, read entries, length and range errors")
    func decode() throws {
        let data = try TestVectors.upstreamData("bitstring-status-list/decode.json")
        let file = try JSONValue(parsing: data)
        var passed = 0
        var failed = 0
        for vector in file["vectors"]?.arrayValue ?? [] {
            let name = vector["name"]?.stringValue ?? "?"
            var checks: [(String, Bool)] = []
            let list = try BitstringStatusList(encodedList: try #require(vector["encodedList"]?.stringValue))
            let size = Int(vector["statusSize"]?.numberValue ?? 1)
            checks.append(("length", list.count == Int(vector["lengthBits"]?.numberValue ?? -1)))
            for member in vector["expectedStatus"]?.objectValue ?? [:] {
                let index = try #require(Int(member.key))
                checks.append(
                    ("entry \(index)", list.status(at: index, size: size).map(Double.init) == member.value.numberValue)
                )
            }
            if let index = vector["outOfRangeIndex"]?.numberValue {
                checks.append(("RANGE_ERROR at \(Int(index))", list.status(at: Int(index), size: size) == nil))
            }
            if vector["expectedError"] == "STATUS_LIST_LENGTH_ERROR" {
                checks.append(("STATUS_LIST_LENGTH_ERROR", list.count / size < BitstringStatusList.minimumEntries))
            }
            for (check, ok) in checks {
                #expect(ok, "\(name): \(check)")
            }
            if checks.allSatisfy(\.1) { passed += 1 } else { failed += 1 }
        }
        TestVectors.report(suite: "bitstring-status-list/decode.json", passed: passed, failed: failed)
    }
}
