// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDMethodWeb
import DIDTestSupport
import Foundation
import Testing

/// A fetcher serving one scripted response at one URL (404 elsewhere).
struct DIDWebScenarioFetcher: DIDWebFetcher {
    let url: String
    let response: DIDWebResponse

    func fetch(_ request: DIDWebRequest) async throws(DIDWebFetchError) -> DIDWebResponse {
        request.location.url == url ? response : DIDWebResponse(status: 404)
    }
}

/// Upstream `did-web/`: the DID → URL table and the resolution scenarios.
@Suite("Conformance: did:web", .upstreamVectors)
struct DIDWebConformanceTests {
    @Test("did:web spec §Read (Resolve) steps 1–5: url-transform.json")
    func urlTransform() throws {
        let data = try TestVectors.upstreamData("did-web/url-transform.json")
        let cases = try #require(try JSONValue(parsing: data)["cases"]?.arrayValue)
        var passed = 0
        var failed = 0
        for entry in cases {
            let didText = try #require(entry["did"]?.stringValue)
            let outcome: Result<String, ResolutionError>
            do throws(ResolutionError) {
                let did: DID
                do { did = try DID(didText) } catch { throw ResolutionError(error) }
                outcome = .success(try DIDWebURL(did: did).url)
            } catch {
                outcome = .failure(error)
            }
            var ok = false
            if let expected = entry["expectedUrl"]?.stringValue {
                ok = (try? outcome.get()) == expected
            } else if case .failure(let error) = outcome {
                let acceptable = (entry["acceptableErrors"]?.arrayValue ?? []).compactMap(\.stringValue)
                ok = acceptable.contains(error.code.legacyKeyword)
            }
            #expect(ok, "\(didText): got \(outcome)")
            if ok { passed += 1 } else { failed += 1 }
        }
        #expect(passed > 0)
        TestVectors.report(suite: "did-web/url-transform.json", passed: passed, failed: failed)
    }

    @Test("did:web spec §Read (Resolve) step 7, DID Resolution errors: resolution-scenarios.json")
    func resolutionScenarios() async throws {
        let data = try TestVectors.upstreamData("did-web/resolution-scenarios.json")
        let scenarios = try #require(try JSONValue(parsing: data)["scenarios"]?.arrayValue)
        var passed = 0
        var failed = 0
        for scenario in scenarios {
            let name = scenario["name"]?.stringValue ?? "?"
            let problem = try await check(scenario)
            #expect(problem == nil, "\(name): \(problem ?? "")")
            if problem == nil { passed += 1 } else { failed += 1 }
        }
        #expect(passed > 0)
        TestVectors.report(suite: "did-web/resolution-scenarios.json", passed: passed, failed: failed)
    }

    /// Runs one scenario; returns what went wrong, or `nil`.
    private func check(_ scenario: JSONValue) async throws -> String? {
        let response = try #require(scenario["response"])
        let body: [UInt8]
        switch response["body"] {
        case .string(let text)?: body = Array(text.utf8)
        case let value?: body = try value.serialized(.compact)
        case nil: body = Array((response["body_raw"]?.stringValue ?? "").utf8)
        }
        let fetcher = DIDWebScenarioFetcher(
            url: try #require(scenario["url"]?.stringValue),
            response: DIDWebResponse(
                status: Int(try #require(response["status"]?.numberValue)),
                headers: [DIDWebHeader(name: "Content-Type", value: response["contentType"]?.stringValue ?? "")],
                body: body
            )
        )
        let expect = try #require(scenario["expect"])
        let result = await DIDWebMethod(fetcher: fetcher).resolveResult(
            try #require(scenario["did"]?.stringValue)
        )
        if let error = result.error {
            let acceptable = (expect["acceptableErrors"]?.arrayValue ?? []).compactMap(\.stringValue)
            guard acceptable.contains(error.code.legacyKeyword) else { return "unexpected error \(error)" }
            if let status = expect["httpBindingStatus"]?.numberValue, Int(status) != result.httpStatus {
                return "HTTP status \(result.httpStatus), expected \(Int(status))"
            }
            return result.didDocument == nil ? nil : "a document came with the error"
        }
        guard expect["error"]?.isNull ?? true else { return "resolved, expected \(expect["error"]!)" }
        if expect["didDocumentEqualsBody"]?.boolValue == true {
            guard result.didDocument?.json == response["body"] else { return "document differs from the body" }
        }
        let types = (expect["acceptableContentTypes"]?.arrayValue ?? []).compactMap(\.stringValue)
        guard let contentType = result.didResolutionMetadata.contentType, types.contains(contentType) else {
            return "content type \(result.didResolutionMetadata.contentType ?? "none") not in \(types)"
        }
        return nil
    }
}
