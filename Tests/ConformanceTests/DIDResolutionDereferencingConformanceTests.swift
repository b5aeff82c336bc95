// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDResolution
import DIDTestSupport
import Foundation
import Testing

/// A did:example method that answers every DID with one fixed document.
struct DereferencingFixtureMethod: DIDMethodResolver {
    let document: DIDDocument
    var method: DID.Method { .example }

    func resolve(_ did: DID, options: ResolutionOptions) async throws(ResolutionError) -> ResolutionResult {
        guard did == document.id else { throw ResolutionError(.notFound, "no \(did)") }
        return ResolutionResult(
            didDocument: document,
            didResolutionMetadata: .init(contentType: DIDMediaType.didLDJSON)
        )
    }
}

/// Upstream `did-resolution/dereferencing.json`: fragments, `service` + `relativeRef`, errors.
@Suite("Conformance: DID URL dereferencing", .upstreamVectors)
struct DIDResolutionDereferencingConformanceTests {
    @Test("DID Resolution §Dereferencing the Resource / the Fragment, RFC 3986 §5: dereferencing.json")
    func dereferencing() async throws {
        let data = try TestVectors.upstreamData("did-resolution/dereferencing.json")
        let file = try JSONValue(parsing: data)
        let document = try DIDDocument(json: try #require(file["didDocument"]))
        let dereferencer = DIDURLDereferencer(
            resolver: MultiMethodResolver([DereferencingFixtureMethod(document: document)])
        )
        var passed = 0
        var failed = 0
        for entry in try #require(file["cases"]?.arrayValue) {
            let didURL = try #require(entry["didUrl"]?.stringValue)
            let expect = try #require(entry["expect"])
            let result = await dereferencer.dereference(
                didURL,
                options: DereferencingOptions(accept: entry["accept"]?.stringValue)
            )
            var problems: [String] = []
            if let acceptable = expect["acceptableErrors"]?.arrayValue?.compactMap(\.stringValue) {
                if let error = result.error {
                    if !acceptable.contains(error.code.legacyKeyword) { problems.append("error \(error)") }
                } else {
                    problems.append("no error, expected \(acceptable)")
                }
            } else if let error = result.error {
                problems.append("unexpected error \(error)")
            } else {
                if expect["contentIsDidDocument"]?.boolValue == true, result.content != .didDocument(document) {
                    problems.append("content is not the document")
                }
                if let expected = expect["content"]?.objectValue {
                    // `@context` in the returned node is optional (the vector's note).
                    var wanted = expected
                    wanted["@context"] = nil
                    if result.content?.json != .object(wanted) {
                        problems.append("content \(String(describing: result.content))")
                    }
                }
                if let url = expect["url"]?.stringValue, result.content != .uriList([url]) {
                    problems.append("content \(String(describing: result.content)), expected \(url)")
                }
                if let status = expect["httpBindingStatus"]?.numberValue, Int(status) != result.httpStatus {
                    problems.append("HTTP \(result.httpStatus)")
                }
            }
            #expect(problems.isEmpty, "\(didURL): \(problems)")
            if problems.isEmpty { passed += 1 } else { failed += 1 }
        }
        #expect(passed > 0)
        TestVectors.report(suite: "did-resolution/dereferencing.json", passed: passed, failed: failed)
    }
}
