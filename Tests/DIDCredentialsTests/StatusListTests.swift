// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDCredentials
import DIDCrypto
import DIDTestSupport
import Foundation
import Testing

/// A status list fetcher over a dictionary of URL → bytes.
struct StatusListTestFetcher: StatusListFetcher {
    struct Missing: Error {}
    var lists: [String: [UInt8]]

    func statusListCredential(at url: String) async throws -> [UInt8] {
        guard let bytes = lists[url] else { throw Missing() }
        return bytes
    }
}

/// One vector of `TestVectors/gzip/vectors.json`.
struct GZIPTestVector: Sendable, CustomStringConvertible {
    let name: String
    let gzip: [UInt8]
    let input: JSONObject?
    let length: Int
    let sha256: String
    var description: String { name }

    static func load(_ group: String) throws -> [GZIPTestVector] {
        let file = try JSONValue(parsing: TestVectors.localData("gzip/vectors.json"))
        return (file[group]?.arrayValue ?? []).compactMap { item in
            guard let name = item["name"]?.stringValue, let text = item["gzip"]?.stringValue,
                let bytes = Data(base64Encoded: text)
            else { return nil }
            return GZIPTestVector(
                name: name,
                gzip: Array(bytes),
                input: item["input"]?.objectValue,
                length: Int(item["length"]?.numberValue ?? -1),
                sha256: item["sha256"]?.stringValue ?? ""
            )
        }
    }

    /// Rebuilds the uncompressed bytes from the vector's recipe.
    var expected: [UInt8] {
        guard let input else { return [] }
        var bytes: [UInt8] = []
        if let text = input["text"]?.stringValue { bytes = Array(text.utf8) }
        if let seed = input["lcg"]?.numberValue, let count = input["count"]?.numberValue {
            var x = UInt64(seed)
            for _ in 0..<Int(count) {
                x = (x &* 1_103_515_245 &+ 12345) % (1 << 31)
                bytes.append(UInt8((x >> 16) & 0xFF))
            }
        }
        if let set = input["bitsSet"]?.arrayValue, let count = input["bytes"]?.numberValue {
            bytes = [UInt8](repeating: 0, count: Int(count))
            for bit in set.compactMap(\.numberValue).map(Int.init) { bytes[bit >> 3] |= 0x80 >> UInt8(bit & 7) }
        }
        if let repeatCount = input["repeat"]?.numberValue {
            bytes = Array([[UInt8]](repeating: bytes, count: Int(repeatCount)).joined())
        }
        return bytes
    }
}

@Suite("GZIP and the Bitstring Status List")
struct StatusListTests {
    let resolver = CredentialsTestResolver()

    @Test("RFC 1951/1952: valid GZIP streams decode", arguments: try GZIPTestVector.load("valid"))
    func gzipValid(vector: GZIPTestVector) throws {
        let output = try GZIP.decompress(vector.gzip)
        #expect(output.count == vector.length)
        #expect(Hex.string(Digest.sha256(output)) == vector.sha256)
        #expect(output == vector.expected)
    }

    @Test("TestVectors/gzip: every vector is read")
    func gzipVectorsLoad() throws {
        #expect(try GZIPTestVector.load("valid").count == 8)
        #expect(try GZIPTestVector.load("invalid").count == 7)
    }

    @Test("RFC 1951/1952: broken GZIP streams are refused", arguments: try GZIPTestVector.load("invalid"))
    func gzipInvalid(vector: GZIPTestVector) {
        #expect(throws: CredentialError(.malformedDocument, "")) { try GZIP.decompress(vector.gzip) }
    }

    @Test("GZIP: stored-block output round-trips, the output limit holds", arguments: [0, 1, 65_535, 65_536, 200_000])
    func storedRoundTrip(count: Int) throws {
        let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
        #expect(try GZIP.decompress(GZIP.compressStored(bytes)) == bytes)
        if count > 10 {
            #expect(throws: CredentialError(.malformedDocument, "")) {
                try GZIP.decompress(GZIP.compressStored(bytes), limit: count - 1)
            }
        }
    }

    @Test("Bitstring Status List 1.0 §3.2: bit order, status sizes, range")
    func bits() throws {
        let list = BitstringStatusList(bytes: [0b1000_0001, 0b0100_0000])
        #expect(list.status(at: 0) == 1)
        #expect(list.status(at: 1) == 0)
        #expect(list.status(at: 7) == 1)
        #expect(list.status(at: 9) == 1)
        #expect(list.status(at: 16) == nil)
        #expect(list.status(at: -1) == nil)
        #expect(list.status(at: 0, size: 2) == 0b10)
        #expect(list.status(at: 3, size: 2) == 0b01)
        #expect(list.status(at: 8, size: 2) == nil)
        #expect(list.status(at: Int.max, size: 2) == nil)
        let updated = try #require(list.setting(0b11, at: 1, size: 2))
        #expect(updated.bytes == [0b1011_0001, 0b0100_0000])
        #expect(try BitstringStatusList(encodedList: updated.encodedList) == updated)
        #expect(updated.encodedList.hasPrefix("u"))
        #expect(throws: CredentialError(.malformedDocument, "")) { try BitstringStatusList(encodedList: "u!!") }
    }

    /// An issuer, its status list credential (DI-secured) at `url`, and a credential pointing at `index`.
    struct Fixture {
        let issuer = CredentialsTestKey(.ed25519)
        let url = "https://status.example/lists/1"

        func statusList(
            revoked: [Int],
            purpose: String = "revocation",
            entries: Int = 131_072,
            size: Int = 1
        ) throws -> [UInt8] {
            var list = BitstringStatusList(bytes: [UInt8](repeating: 0, count: entries * size / 8))
            for index in revoked { list = list.setting((1 << size) - 1, at: index, size: size)! }
            let credential: JSONObject = [
                "@context": ["https://www.w3.org/ns/credentials/v2"],
                "id": .string(url),
                "type": ["VerifiableCredential", "BitstringStatusListCredential"],
                "issuer": .string(issuer.did.description),
                "validFrom": "2024-01-01T00:00:00Z",
                "credentialSubject": [
                    "id": .string(url + "#list"), "type": "BitstringStatusList", "statusPurpose": .string(purpose),
                    "encodedList": .string(list.encodedList),
                ],
            ]
            let secured = try DataIntegrity.addProof(
                to: credential,
                options: ProofOptions(cryptosuite: .eddsaJcs2022, verificationMethod: issuer.verificationMethod),
                key: issuer.key
            )
            return try JSONValue.object(secured).serialized()
        }

        func entry(_ index: Int, purpose: String = "revocation") -> JSONObject {
            [
                "id": .string(url + "#\(index)"), "type": "BitstringStatusListEntry", "statusPurpose": .string(purpose),
                "statusListIndex": .string(String(index)), "statusListCredential": .string(url),
            ]
        }

        func credential(index: Int, purpose: String = "revocation") throws -> VerifiableCredential {
            var json = credentialsTestCredential(issuer: issuer.did.description)
            json["credentialStatus"] = .object(entry(index, purpose: purpose))
            let secured = try DataIntegrity.addProof(
                to: json,
                options: ProofOptions(cryptosuite: .eddsaJcs2022, verificationMethod: issuer.verificationMethod),
                key: issuer.key
            )
            return VerifiableCredential(json: secured)
        }
    }

    @Test("Bitstring Status List 1.0 §3.2: a revoked credential fails, an unrevoked one verifies")
    func revocation() async throws {
        let fixture = Fixture()
        let fetcher = StatusListTestFetcher(lists: [fixture.url: try fixture.statusList(revoked: [42])])
        let good = try fixture.credential(index: 41)
        let result = await good.verify(resolver: resolver, statusFetcher: fetcher, now: credentialsTestNow)
        #expect(result.verified, "\(result)")
        let revoked = try fixture.credential(index: 42)
        let failed = await revoked.verify(resolver: resolver, statusFetcher: fetcher, now: credentialsTestNow)
        #expect(failed.problems.map(\.kind) == [.status])
        #expect(failed.problems.first?.reason.contains("revoked") == true)
        // Without a fetcher the status is not checked.
        #expect(await revoked.verify(resolver: resolver, now: credentialsTestNow).verified)
    }

    @Test("Bitstring Status List 1.0 §3.2: retrieval, verification, purpose, length and range failures")
    func failures() async throws {
        let fixture = Fixture()
        func problem(_ fetcher: StatusListTestFetcher, _ entry: JSONObject, minimum: Int = 131_072) async -> String {
            let check = await BitstringStatusList.check(
                entry,
                fetcher: fetcher,
                resolver: resolver,
                now: credentialsTestNow,
                minimumEntries: minimum
            )
            return check.result.problems.map(\.reason).joined(separator: "; ")
        }
        let list = try fixture.statusList(revoked: [])
        let fetcher = StatusListTestFetcher(lists: [fixture.url: list])
        #expect(await problem(StatusListTestFetcher(lists: [:]), fixture.entry(1)).hasPrefix("STATUS_RETRIEVAL_ERROR"))
        var tampered = list
        tampered[tampered.count / 2] ^= 0x01
        #expect(
            await problem(StatusListTestFetcher(lists: [fixture.url: tampered]), fixture.entry(1))
                .hasPrefix("STATUS_")
        )
        #expect(await problem(fetcher, fixture.entry(1, purpose: "suspension")).contains("is not a suspension list"))
        let short = StatusListTestFetcher(lists: [fixture.url: try fixture.statusList(revoked: [], entries: 1024)])
        #expect(await problem(short, fixture.entry(1)).hasPrefix("STATUS_LIST_LENGTH_ERROR"))
        #expect(await problem(short, fixture.entry(1024), minimum: 8).hasPrefix("RANGE_ERROR"))
        #expect(await problem(short, fixture.entry(1023), minimum: 8).isEmpty)
        var entry = fixture.entry(1)
        entry["statusListIndex"] = 1
        #expect(await problem(fetcher, entry).contains("statusListIndex"))
        entry["statusListIndex"] = "-1"
        #expect(await problem(fetcher, entry).contains("statusListIndex"))
    }

    @Test("Bitstring Status List 1.0 §2.1: statusSize and statusMessage; suspension")
    func messages() async throws {
        let fixture = Fixture()
        let fetcher = StatusListTestFetcher(lists: [
            fixture.url: try fixture.statusList(revoked: [5], purpose: "message", size: 2)
        ])
        var entry = fixture.entry(5, purpose: "message")
        entry["statusSize"] = 2
        entry["statusMessage"] = [
            ["status": "0x0", "message": "pending"], ["status": "0x1", "message": "accepted"],
            ["status": "0x2", "message": "rejected"], ["status": "0x3", "message": "undefined"],
        ]
        let check = await BitstringStatusList.check(
            entry,
            fetcher: fetcher,
            resolver: resolver,
            now: credentialsTestNow
        )
        #expect(check.status == 3)
        #expect(check.message == "undefined")
        #expect(check.result.verified)

        let suspended = StatusListTestFetcher(lists: [
            fixture.url: try fixture.statusList(revoked: [9], purpose: "suspension")
        ])
        let result = await BitstringStatusList.check(
            fixture.entry(9, purpose: "suspension"),
            fetcher: suspended,
            resolver: resolver,
            now: credentialsTestNow
        )
        #expect(result.status == 1)
        #expect(result.result.problems.first?.reason.contains("suspended") == true)
    }
}
