// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDCrypto
import DIDMigration
import DIDTestSupport
import Testing

@Suite("IMB v0.1 §6: Merkle trees, CIDs, root encoding")
struct MerkleTreeTests {
    static let vectors: [JSONValue] = {
        (try? MigrationExampleFiles.json("c-merkle/merkle-vectors.json"))?["vectors"]?.arrayValue ?? []
    }()

    static var sizes: [Int] { vectors.compactMap { $0["n"]?.numberValue.map(Int.init) } }

    static func vector(_ n: Int) throws -> JSONValue {
        try #require(vectors.first { $0["n"]?.numberValue == Double(n) })
    }

    static func hexList(_ value: JSONValue?) throws -> [[UInt8]] {
        let items = try #require(value?.arrayValue)
        let bytes = items.compactMap { $0.stringValue.flatMap { Hex.bytes($0) } }
        try #require(bytes.count == items.count)
        return bytes
    }

    @Test("the c-merkle vector file lists n = 0, 1, 2, 3, 4, 5, 7, 8")
    func vectorFileIsComplete() {
        #expect(Self.sizes == [0, 1, 2, 3, 4, 5, 7, 8])
    }

    @Test("spec §5, §6.2: JCS of each entry, leaf hashes, MTH and its root encoding", arguments: sizes)
    func treeHash(n: Int) throws {
        let vector = try Self.vector(n)
        let entries = try #require(vector["entries"]?.arrayValue)
        let expectedJCS = try #require(vector["entriesJCS"]?.arrayValue).compactMap(\.stringValue)
        let jcs = try entries.map { try $0.serialized(.canonical) }
        #expect(jcs.map { String(decoding: $0, as: UTF8.self) } == expectedJCS)
        #expect(jcs.map(MerkleTree.leafHash) == (try Self.hexList(vector["leafHashesHex"])))
        let root = MerkleTree.root(ofEntries: jcs)
        #expect(Hex.string(root) == vector["rootHex"]?.stringValue)
        #expect(RootEncoding.encode(root) == vector["root"]?.stringValue)
        #expect(try RootEncoding.decode(try #require(vector["root"]?.stringValue)) == root)
        // combine over the leaf hashes is MTH (§6.3), as is the streaming accumulator.
        if n > 0 { #expect(MerkleTree.combine(jcs.map(MerkleTree.leafHash)) == root) }
        var accumulator = MerkleAccumulator()
        for line in jcs { accumulator.append(MerkleTree.leafHash(line)) }
        #expect(accumulator.root == root)
        #expect(accumulator.count == n)
    }

    @Test("spec §6.4: every page decomposition gives the listed page roots and combine = MTH", arguments: sizes)
    func paging(n: Int) throws {
        let vector = try Self.vector(n)
        let jcs = try #require(vector["entries"]?.arrayValue).map { try $0.serialized(.canonical) }
        let rows = vector["paging"]?.arrayValue ?? []
        #expect(n < 2 || rows.count == 4)
        for row in rows {
            let pageSize = Int(try #require(row["pageSize"]?.numberValue))
            let pages = stride(from: 0, to: n, by: pageSize).map { Array(jcs[$0..<min($0 + pageSize, n)]) }
            #expect(pages.map(\.count) == row["pageCounts"]?.arrayValue?.compactMap { $0.numberValue.map(Int.init) })
            let roots = pages.map(MerkleTree.root(ofEntries:))
            #expect(roots == (try Self.hexList(row["pageRootsHex"])))
            let combined = try #require(MerkleTree.combine(roots))
            #expect(Hex.string(combined) == row["combineHex"]?.stringValue)
            #expect(Hex.string(combined) == vector["rootHex"]?.stringValue)
            var accumulator = MerkleAccumulator()
            for root in roots { accumulator.append(root) }
            #expect(accumulator.root == combined)
        }
    }

    @Test("spec §6.4 note: page size 3 over n = 5 breaks the subtree rule (negative vector)")
    func negativePageSize() throws {
        let file = try MigrationExampleFiles.json("c-merkle/merkle-vectors.json")
        let negative = try #require(file["negative"]?.arrayValue?.first)
        let jcs = try #require(try Self.vector(5)["entries"]?.arrayValue).map { try $0.serialized(.canonical) }
        let roots = [MerkleTree.root(ofEntries: Array(jcs[0..<3])), MerkleTree.root(ofEntries: Array(jcs[3..<5]))]
        #expect(roots == (try Self.hexList(negative["pageRootsHex"])))
        let combined = try #require(MerkleTree.combine(roots))
        #expect(Hex.string(combined) == negative["combineHex"]?.stringValue)
        #expect(Hex.string(MerkleTree.root(ofEntries: jcs)) == negative["rootHex"]?.stringValue)
        #expect(negative["combineHex"] != negative["rootHex"])
    }

    @Test("spec §6.2: worked n = 3 tree splits at k = 2")
    func workedExample() throws {
        let file = try MigrationExampleFiles.json("c-merkle/merkle-vectors.json")
        let worked = try #require(file["workedExampleN3"])
        let leaves = try Self.hexList(try Self.vector(3)["leafHashesHex"])
        let node01 = MerkleTree.nodeHash(leaves[0], leaves[1])
        #expect(Hex.string(node01) == worked["node01Hex"]?.stringValue)
        #expect(Hex.string(MerkleTree.nodeHash(node01, leaves[2])) == worked["rootHex"]?.stringValue)
        #expect(MerkleTree.splitPoint(3) == 2)
        #expect([2, 3, 4, 5, 8, 9].map(MerkleTree.splitPoint) == [1, 2, 2, 4, 4, 8])
    }

    @Test("RFC 6962 §2.1: the Certificate Transparency reference tree heads for sizes 0–8")
    func rfc6962Reference() throws {
        let file = try MigrationExampleFiles.json("c-merkle/merkle-vectors.json")
        let reference = try #require(file["rfc6962Reference"])
        let leaves = try Self.hexList(reference["leavesHex"])
        let roots = try #require(reference["rootsHexBySize"]?.arrayValue).compactMap(\.stringValue)
        #expect(roots.count == 9)
        for size in 0...8 {
            #expect(Hex.string(MerkleTree.root(ofEntries: Array(leaves[0..<size]))) == roots[size], "size \(size)")
        }
    }

    @Test("spec §6.7: raw CIDs (empty string, RFC 4648 base32) round-trip; malformed CID strings are rejected")
    func contentIdentifiers() throws {
        let empty = ContentIdentifier(rawContentOf: [UInt8]())
        #expect(empty.description == "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku")
        #expect(try ContentIdentifier(empty.description) == empty)
        let text = empty.description
        let bad = [
            "B" + text.dropFirst(), text.uppercased(), "z" + text.dropFirst(), text + "a", String(text.dropLast()),
            "bafyreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku",
        ]
        for candidate in bad {
            #expect(throws: MigrationError(.invalidField, "")) { try ContentIdentifier(candidate) }
        }
        // dag-cbor is accepted only where allowed.
        let dagCBOR = "bafyreifn32owmkt5nnyjwcyxvp3rmk6hatotvgxqxbw7jxw3bqtdh7rt74"
        #expect(try ContentIdentifier(dagCBOR, allowing: [.raw, .dagCBOR]).codec == .dagCBOR)
    }

    @Test("spec §6.8: root strings decode only in canonical form")
    func rootEncoding() throws {
        let root = MerkleTree.emptyRoot
        let text = RootEncoding.encode(root)
        #expect(text == "zQmdfTbBqBPQ7VNxZEYEj14VmRuZBkqFbiwReogJgS1zR1n")
        for bad in ["z1" + text.dropFirst(), "u" + text.dropFirst(), String(text.dropLast()), "zQm"] {
            #expect(throws: MigrationError(.invalidField, "")) { try RootEncoding.decode(bad) }
        }
    }
}
