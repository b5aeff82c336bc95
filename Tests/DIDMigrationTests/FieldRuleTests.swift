// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import Foundation
import Testing

@testable import DIDMigration

/// One value and whether a §4 type accepts it.
struct MigrationFieldCase: Sendable, CustomTestStringConvertible {
    let text: String
    let valid: Bool
    var testDescription: String { "\(valid ? "accepts" : "rejects") \(text)" }

    init(_ text: String, _ valid: Bool) {
        self.text = text
        self.valid = valid
    }
}

@Suite("IMB v0.1 §4, §7.3, §10.1.1: value types")
struct FieldRuleTests {
    @Test(
        "spec §4 timestamp: UTC, upper-case T and Z, seconds 00–59, 1–9 fraction digits",
        arguments: [
            MigrationFieldCase("2026-11-27T12:00:00Z", true), MigrationFieldCase("2026-11-27T12:00:00.5Z", true),
            MigrationFieldCase("2024-02-29T23:59:59.123456789Z", true),
            MigrationFieldCase("2026-11-27t12:00:00Z", false), MigrationFieldCase("2026-11-27T12:00:00z", false),
            MigrationFieldCase("2026-11-27T12:00:60Z", false), MigrationFieldCase("2026-11-27T12:00:00+00:00", false),
            MigrationFieldCase("2026-11-27T12:00:00.Z", false),
            MigrationFieldCase("2026-11-27T12:00:00.1234567890Z", false),
            MigrationFieldCase("2025-02-29T00:00:00Z", false), MigrationFieldCase("2026-13-01T00:00:00Z", false),
            MigrationFieldCase("2026-11-27T24:00:00Z", false), MigrationFieldCase("2026-11-27 12:00:00Z", false),
        ]
    )
    func timestamps(_ value: MigrationFieldCase) {
        #expect(FieldRules.isTimestamp(value.text) == value.valid)
    }

    @Test(
        "spec §4 origin: https, lower-case host, no path, no default port",
        arguments: [
            MigrationFieldCase("https://new.example", true), MigrationFieldCase("https://new.example:8443", true),
            MigrationFieldCase("https://xn--caf-dma.example", true),
            MigrationFieldCase("http://new.example", false), MigrationFieldCase("https://new.example/", false),
            MigrationFieldCase("https://New.example", false), MigrationFieldCase("https://new.example:443", false),
            MigrationFieldCase("https://new.example:0443", false), MigrationFieldCase("https://new.example?x", false),
            MigrationFieldCase("https://", false), MigrationFieldCase("https://new.example:", false),
        ]
    )
    func origins(_ value: MigrationFieldCase) {
        #expect(FieldRules.isOrigin(value.text) == value.valid)
    }

    @Test(
        "spec §4 nonce: canonical base64url without padding, 16–64 bytes",
        arguments: [
            MigrationFieldCase("oKGio6SlpqeoqaqrrK2urw", true),
            MigrationFieldCase("oKGio6SlpqeoqaqrrK2urw==", false), MigrationFieldCase("oKGio6SlpqeoqaqrrK2urx", false),
            MigrationFieldCase("oKGio6SlpqeoqaqrrK2u", false), MigrationFieldCase("oKGio6Sl+qeoqaqrrK2urw", false),
            MigrationFieldCase(String(repeating: "A", count: 86), true),
            MigrationFieldCase(String(repeating: "A", count: 88), false),
        ]
    )
    func nonces(_ value: MigrationFieldCase) {
        #expect(FieldRules.isNonce(value.text) == value.valid)
    }

    @Test(
        "spec §4 URN UUID: lower-case hexadecimal form",
        arguments: [
            MigrationFieldCase("urn:uuid:3f1c2a9e-7b4d-4e8a-9c21-5d6e7f809a1b", true),
            MigrationFieldCase("urn:uuid:3F1C2A9E-7B4D-4E8A-9C21-5D6E7F809A1B", false),
            MigrationFieldCase("urn:uuid:3f1c2a9e7b4d4e8a9c215d6e7f809a1b", false),
            MigrationFieldCase("uuid:3f1c2a9e-7b4d-4e8a-9c21-5d6e7f809a1b", false),
        ]
    )
    func uuids(_ value: MigrationFieldCase) {
        #expect(FieldRules.isURNUUID(value.text) == value.valid)
    }

    @Test(
        "spec §7.3 href: relative paths without . or .. segments, or https URIs",
        arguments: [
            MigrationFieldCase("pages/followers/000000.jsonl", true), MigrationFieldCase("a", true),
            MigrationFieldCase("https://mirror.example/p/0.jsonl", true),
            MigrationFieldCase("../bundle.json", false), MigrationFieldCase("pages/../x", false),
            MigrationFieldCase("/etc/passwd", false), MigrationFieldCase("pages//x", false),
            MigrationFieldCase("pages/./x", false), MigrationFieldCase("pages\\x", false),
            MigrationFieldCase("pages/%2e%2e/x", false), MigrationFieldCase("file:///etc/passwd", false),
            MigrationFieldCase("http://mirror.example/p", false), MigrationFieldCase("", false),
        ]
    )
    func hrefs(_ value: MigrationFieldCase) {
        #expect(FieldRules.isHref(value.text) == value.valid)
    }

    @Test(
        "spec §10.1.1 protocol tokens",
        arguments: [
            MigrationFieldCase("activitypub", true), MigrationFieldCase("at-proto.v2", true),
            MigrationFieldCase("ActivityPub", false), MigrationFieldCase("1pub", false), MigrationFieldCase("", false),
            MigrationFieldCase("a_b", false),
        ]
    )
    func protocolTokens(_ value: MigrationFieldCase) {
        #expect(FieldRules.isProtocolToken(value.text) == value.valid)
    }

    @Test("spec §5.1: the profile names the JSON Pointer of a float, a large integer or a non-ASCII name")
    func profile() throws {
        let cases: [(JSONValue, String)] = [
            (["a": ["b": [1, 2.5]]], "/a/b/1"), (["a/b": 9_007_199_254_740_992.0], "/a~1b"),
            (["x": ["é": 1]], "/x/é"), (["m~n": [-9_007_199_254_740_992.0]], "/m~0n/0"),
        ]
        for (value, pointer) in cases {
            do {
                try FieldRules.checkProfile(value)
                Issue.record("\(value) passed the profile")
            } catch {
                #expect(error.code == .nonConformingJSON)
                #expect(error.reason.contains(pointer), "\(error.reason)")
            }
        }
        try FieldRules.checkProfile(["a": [9_007_199_254_740_991, -9_007_199_254_740_991, 0, "1.5"]])
    }

    @Test("spec §9.4, §6.5: composite sort keys compare component by component, bytewise")
    func sortKeys() {
        #expect(MigrationCollectionName.compare(["a"], ["b"]) < 0)
        #expect(MigrationCollectionName.compare(["ab"], ["a"]) > 0)
        #expect(MigrationCollectionName.compare(["Z"], ["a"]) < 0)  // bytewise, not case-insensitive
        #expect(MigrationCollectionName.compare(["é"], ["z"]) > 0)  // UTF-8 bytes, 0xC3 > 0x7A
        #expect(MigrationCollectionName.compare(["a", "z"], ["ab", ""]) < 0)  // not the concatenation
        #expect(MigrationCollectionName.compare(["x", ""], ["x", "post"]) < 0)
        #expect(MigrationCollectionName.compare(["x", "y"], ["x", "y"]) == 0)
    }
}

@Suite("IMB v0.1 §13: the replay store")
struct ReplayStoreTests {
    static let cid = ContentIdentifier(rawContentOf: [UInt8]())

    @Test("spec §13.1, §13.2: sequence must grow; a nonce is held until expiry, then forgotten")
    func sequenceAndNonce() async {
        let store = InMemoryReplayStore()
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let until = start.addingTimeInterval(3600)
        let subject = "did:example:alice"
        func accept(_ sequence: Int, _ nonce: String, at time: Date) async -> MigrationReason? {
            await store.accept(
                subject: subject,
                sequence: sequence,
                nonce: nonce,
                keepNonceUntil: until,
                bundleCID: Self.cid,
                now: time
            )
        }
        #expect(await accept(5, "n1", at: start) == nil)
        #expect(await accept(5, "n2", at: start) == .replayedSequence)
        #expect(await accept(4, "n2", at: start) == .replayedSequence)
        #expect(await accept(6, "n1", at: start) == .replayedNonce)
        #expect(await accept(6, "n1", at: until.addingTimeInterval(1)) == nil)  // expired nonces no longer count
        #expect(await accept(7, "n3", at: until.addingTimeInterval(2)) == nil)
        let state = await store.state(of: subject)
        #expect(state.maxSequence == 7)
        #expect(state.lastBundle == Self.cid)
        #expect(await store.state(of: "did:example:bob").maxSequence == nil)
        #expect(
            await store.accept(
                subject: "did:example:bob",
                sequence: 1,
                nonce: "n1",
                keepNonceUntil: until,
                bundleCID: Self.cid,
                now: start
            ) == nil
        )  // nonces and sequences are per subject
    }
}
