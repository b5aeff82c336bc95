// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import Testing

@Suite("Cache outcome in didResolutionMetadata (DID Core 1.0 §7.1.2)")
struct CacheOutcomeTests {
    @Test(
        "The cache member is written last, age in whole seconds rounded down, tier and originStatus only when known",
        arguments: [
            (
                CacheOutcome(status: .hit, age: .milliseconds(100_900), isStale: false, tier: .memory),
                #"{"contentType":"application/did+json","retrieved":"x","cache":{"status":"hit","age":100,"#
                    + #""stale":false,"tier":"memory"}}"#
            ),
            (
                CacheOutcome(status: .revalidated, age: .zero, isStale: false, originStatus: 304),
                #"{"contentType":"application/did+json","retrieved":"x","cache":{"status":"revalidated","age":0,"#
                    + #""stale":false,"originStatus":304}}"#
            ),
            (
                CacheOutcome(status: .stale, age: .seconds(400), isStale: true, tier: .disk),
                #"{"contentType":"application/did+json","retrieved":"x","cache":{"status":"stale","age":400,"#
                    + #""stale":true,"tier":"disk"}}"#
            ),
        ]
    )
    func writtenForm(outcome: CacheOutcome, expected: String) throws {
        let metadata = DIDResolutionMetadata(
            contentType: "application/did+json",
            cache: outcome,
            additionalProperties: ["retrieved": "x"]
        )
        let text = try JSONValue.object(metadata.json()).serializedString()
        #expect(text == expected)
        let read = try DIDResolutionMetadata(json: try #require(JSONValue(parsing: text).objectValue))
        #expect(read.cache?.status == outcome.status)
        #expect(read.cache?.ageSeconds == outcome.ageSeconds)
        #expect(read.cache?.tier == outcome.tier)
        #expect(read.cache?.originStatus == outcome.originStatus)
        #expect(read.additionalProperties["cache"] == nil)
        #expect(try JSONValue.object(read.json()).serializedString() == expected)
    }

    @Test(
        "A cache member this type does not write stays an ordinary member, unchanged",
        arguments: [
            #"{"cache":true}"#, #"{"cache":{"status":"warm","age":1,"stale":false}}"#,
            #"{"cache":{"status":"hit","age":1.5,"stale":false}}"#,
            #"{"cache":{"status":"hit","age":1,"stale":false,"extra":1}}"#,
            #"{"cache":{"status":"hit","age":1,"stale":false,"tier":"cloud"}}"#,
        ]
    )
    func foreignMember(text: String) throws {
        let read = try DIDResolutionMetadata(json: try #require(JSONValue(parsing: text).objectValue))
        #expect(read.cache == nil)
        #expect(read.additionalProperties["cache"] != nil)
        #expect(try JSONValue.object(read.json()).serializedString() == text)
    }

    @Test("A negative age (the clock went back) rounds down like the number it was")
    func negativeAge() {
        #expect(CacheOutcome(status: .hit, age: .milliseconds(-500), isStale: false).ageSeconds == -1)
        #expect(CacheOutcome(status: .hit, age: .seconds(-2), isStale: false).ageSeconds == -2)
    }
}
