// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDTestSupport
import Testing

/// Upstream `did-test-suite/` (w3c/did-test-suite implementation fixtures) and `did-resolution/http-binding.json`:
/// every DID, DID URL and DID document representation they contain goes through this library's parsers.
@Suite("Conformance: DID syntax, documents and resolution errors", .upstreamVectors)
struct DIDSyntaxConformanceTests {
    /// Fixtures with `dids`, per-DID representations and `didParameters` (the did-identifier, did-core-properties
    /// and did-consumption suites).
    static let productionFiles = [
        "did-key-2018-db.json", "did-key-2020-db.json", "did-key-mattr.json", "did-key-spruce.json",
        "did-key-transmute.json", "did-web-evernym.json", "did-web-mattr.json", "did-web-spruce.json",
        "did-web-transmute.json",
    ]

    /// Fixtures with `resolve`, `resolveRepresentation` and `dereference` executions and expected outcomes.
    static let executionFiles = [
        "resolver-mattr-key.json", "resolver-mattr-web.json", "resolver-spruce-key.json", "resolver-spruce-web.json",
        "universal-resolver-did-key.json", "universal-resolver-did-web.json",
        "universal-resolver-resolver-tests.json", "dereferencer-spruce-key.json", "dereferencer-spruce-web.json",
        "dereferencer-web-transmute.json", "universal-resolver-dereferencer-tests.json",
    ]

    /// Upstream documents that break a DID Core 1.0 rule, with the rule. They must be refused with that reason;
    /// each counts as a passed vector and is named in the report's note.
    static let knownNonConforming: [String: String] = [
        // DID Core 1.0 §3.2.2 mandates RFC 3986 §5.2, which turns `/pathHandshakeKey` into `did:/pathHandshakeKey`:
        // not a DID URL, so not a verification method id (§5.2).
        "did-web-mattr.json did:web:kyledenhartog.com": "'/pathHandshakeKey' is not a relative DID URL",
        // DID Core 1.0 §5.4: a service MUST have a type.
        "universal-resolver-did-web.json #2": "service '#github' has no 'type'",
        // DID Core 1.0 §5.2: a verification method MUST have a controller.
        "universal-resolver-resolver-tests.json #0": "has no 'controller'",
        "universal-resolver-resolver-tests.json #1": "has no 'controller'",
    ]

    /// Executions whose document is about another DID by design of the fixture (`did-test-suite/README.md`:
    /// `resolver-mattr-web.json` reuses `did:web:123` for a representation test); the document is still read,
    /// only the id comparison is skipped.
    static let reusedDocuments: Set<String> = ["resolver-mattr-web.json #3"]

    /// Counts checks and records failures as test issues.
    struct Tally {
        var passed = 0
        var failed = 0
        var refused = 0

        /// Reads a document; a known non-conforming one must be refused with its reason.
        /// - Returns: The document, or `nil` when it was (rightly or wrongly) refused.
        mutating func document(_ json: JSONValue, key: String) -> DIDDocument? {
            let expectedRefusal = DIDSyntaxConformanceTests.knownNonConforming[key]
            do {
                let document = try DIDDocument(json: json)
                check(expectedRefusal == nil, "\(key): should be refused: \(expectedRefusal ?? "")")
                return expectedRefusal == nil ? document : nil
            } catch {
                if let expectedRefusal {
                    check(error.reason.contains(expectedRefusal), "\(key): refused for another reason: \(error)")
                    refused += 1
                } else {
                    check(false, "\(key): document rejected: \(error)")
                }
                return nil
            }
        }

        var note: String {
            refused > 0 ? "\(refused) non-conforming upstream documents refused as DID Core 1.0 requires" : ""
        }

        mutating func check(_ ok: Bool, _ what: @autoclosure () -> String) {
            if ok {
                passed += 1
            } else {
                failed += 1
                Issue.record(Comment(rawValue: what()))
            }
        }
    }

    @Test(
        "DID Core §3.1, §3.2, §5, §6.2: DIDs, DID parameters and every representation of the production fixtures",
        arguments: productionFiles
    )
    func production(file: String) throws {
        let data = try TestVectors.upstreamData("did-test-suite/" + file)
        let root = try JSONValue(parsing: data)
        var tally = Tally()
        for didValue in root["dids"]?.arrayValue ?? [] {
            let text = try #require(didValue.stringValue)
            let did = try? DID(text)
            tally.check(did?.description == text, "\(file): \(text) does not parse as a DID")
            guard let did, let entry = root[text]?.objectValue else { continue }
            // The abstract data model: properties plus the representation-specific entries, as one document.
            let key = "\(file) \(text)"
            if let properties = entry["didDocumentDataModel"]?["properties"]?.objectValue,
                let document = tally.document(.object(properties), key: key)
            {
                tally.check(document.id == did, "\(file): data model id \(document.id) is not \(text)")
            }
            // Each representation: parses, is a DID document about this DID, and writes back the same JSON.
            for member in entry where member.key.hasPrefix("application/") {
                guard let representation = member.value["representation"]?.stringValue else { continue }
                let json = try JSONValue(parsing: representation)
                guard let document = tally.document(json, key: key) else { continue }
                tally.check(document.id == did, "\(file): \(member.key) id \(document.id) is not \(text)")
                tally.check(document.json == json, "\(file): \(member.key) of \(text) does not round-trip")
                if member.key == DIDMediaType.didLDJSON {
                    tally.check(document.context != nil, "\(file): \(member.key) of \(text) has no @context")
                }
            }
        }
        for parameter in root["didParameters"]?.objectValue ?? [:] {
            let text = try #require(parameter.value.stringValue)
            do {
                let url = try DIDURL(text)
                try url.validateDIDParameters()
                tally.check(url.parameter(parameter.key) != nil, "\(file): \(text) has no '\(parameter.key)'")
            } catch {
                tally.check(false, "\(file): DID URL \(text) rejected: \(error)")
            }
        }
        TestVectors.report(
            suite: "did-test-suite/\(file)",
            passed: tally.passed,
            failed: tally.failed,
            note: tally.note
        )
        #expect(tally.passed > 0)
    }

    @Test(
        "DID Core §7.1, §7.2: execution inputs parse or fail as their expected outcome says; outputs read back",
        arguments: executionFiles
    )
    func executions(file: String) throws {
        let data = try TestVectors.upstreamData("did-test-suite/" + file)
        let root = try JSONValue(parsing: data)
        var outcomes: [Int: String] = [:]
        for outcome in root["expectedOutcomes"]?.objectValue ?? [:] {
            for index in outcome.value.arrayValue ?? [] {
                if let number = index.numberValue { outcomes[Int(number)] = outcome.key }
            }
        }
        let expectedCodes: [String: ResolutionError.Code] = [
            "invalidDidErrorOutcome": .invalidDid, "invalidDidUrlErrorOutcome": .invalidDidUrl,
            "notFoundErrorOutcome": .notFound, "representationNotSupportedErrorOutcome": .representationNotSupported,
        ]
        var tally = Tally()
        for (index, execution) in (root["executions"]?.arrayValue ?? []).enumerated() {
            let outcome = outcomes[index] ?? "defaultOutcome"
            let function = execution["function"]?.stringValue ?? ""
            let input = execution["input"]
            let output = execution["output"]
            let where_ = "\(file) #\(index) \(function)"
            if function == "dereference" {
                let text = try #require(input?["didUrl"]?.stringValue)
                let parsed = Result { () throws(DIDError) in try DIDURL(text) }
                switch (outcome, parsed) {
                case ("invalidDidUrlErrorOutcome", .failure(let error)):
                    tally.check(error.code == .invalidDIDURL, "\(where_): \(text) failed with \(error.code)")
                case ("invalidDidUrlErrorOutcome", .success):
                    tally.check(false, "\(where_): \(text) should be an invalid DID URL")
                case (_, .failure(let error)):
                    tally.check(false, "\(where_): \(text) rejected: \(error)")
                case (_, .success):
                    tally.check(true, "")
                }
            } else {
                let text = try #require(input?["did"]?.stringValue)
                let parsed = Result { () throws(DIDError) in try DID(text) }
                switch (outcome, parsed) {
                case ("invalidDidErrorOutcome", .failure(let error)):
                    tally.check(error.code == .invalidDID, "\(where_): \(text) failed with \(error.code)")
                case ("invalidDidErrorOutcome", .success):
                    tally.check(false, "\(where_): \(text) should be an invalid DID")
                case (_, .failure(let error)):
                    tally.check(false, "\(where_): \(text) rejected: \(error)")
                case (_, .success(let did)):
                    tally.check(true, "")
                    let key = "\(file) #\(index)"
                    if let json = output?["didDocument"], case .object = json,
                        let document = tally.document(json, key: key)
                    {
                        tally.check(document.id == did, "\(where_): document id \(document.id) is not \(did)")
                    }
                    if let stream = output?["didDocumentStream"]?.stringValue, !stream.isEmpty,
                        let document = tally.document(try JSONValue(parsing: stream), key: key)
                    {
                        tally.check(
                            document.id == did || Self.reusedDocuments.contains(key),
                            "\(where_): document id \(document.id) is not \(did)"
                        )
                    }
                }
            }
            let metadata = output?["didResolutionMetadata"] ?? output?["dereferencingMetadata"]
            if let errorValue = metadata?["error"] {
                let read = try? ResolutionError(problemJSON: errorValue)
                let expected = expectedCodes[outcome]
                tally.check(
                    read != nil && (expected == nil || read?.code == expected),
                    "\(where_): error \(errorValue) read as \(read?.code.rawValue ?? "nothing"), outcome \(outcome)"
                )
            }
        }
        TestVectors.report(
            suite: "did-test-suite/\(file)",
            passed: tally.passed,
            failed: tally.failed,
            note: tally.note
        )
        #expect(tally.passed > 0)
    }

    @Test("DID Resolution §HTTP(S) binding: error codes, problem types, 1.0 keywords and statuses")
    func httpBinding() throws {
        let data = try TestVectors.upstreamData("did-resolution/http-binding.json")
        let root = try JSONValue(parsing: data)
        var tally = Tally()
        var listed: Set<ResolutionError.Code> = []
        var otherStatus: Int?
        for row in root["errors"]?.arrayValue ?? [] {
            let status = Int(try #require(row["httpStatus"]?.numberValue))
            guard let name = row["code"]?.stringValue, let code = ResolutionError.Code(rawValue: name) else {
                otherStatus = status  // "(any other error)"
                continue
            }
            listed.insert(code)
            tally.check(code.problemType == row["typeUri"]?.stringValue, "\(name): problem type")
            tally.check(code.legacyKeyword == row["legacyKeyword"]?.stringValue, "\(name): DID Core 1.0 keyword")
            tally.check(code.httpStatus == status, "\(name): HTTP status \(code.httpStatus), table says \(status)")
            for spelling in [row["typeUri"]?.stringValue, row["legacyKeyword"]?.stringValue, name] {
                tally.check(
                    ResolutionError.Code(parsing: spelling ?? "") == code,
                    "\(name): reading \(spelling ?? "-")"
                )
            }
        }
        let others = ResolutionError.Code.allCases.filter { !listed.contains($0) }
        for code in others {
            tally.check(code.httpStatus == otherStatus, "\(code.rawValue): 'any other error' status")
        }
        for rule in root["otherRules"]?.arrayValue ?? [] {
            guard let condition = rule["condition"]?.stringValue, let status = rule["httpStatus"]?.numberValue else {
                continue
            }
            let document = DIDDocument(id: try DID("did:example:123"))
            let computed: Int
            if condition.hasPrefix("didDocumentMetadata.deactivated") {
                let deactivated = DIDDocumentMetadata(deactivated: true)
                computed = ResolutionResult(didDocument: nil, didDocumentMetadata: deactivated).httpStatus
                let dereferenced = DereferencingResult(content: nil, contentMetadata: deactivated).httpStatus
                tally.check(dereferenced == Int(status), "deactivated dereference → \(Int(status))")
            } else if condition.contains("text/uri-list") {
                computed = DereferencingResult(content: .uriList(["https://example.com/"])).httpStatus
            } else if condition.hasPrefix("successful dereference") {
                computed = DereferencingResult(content: .didDocument(document)).httpStatus
            } else if condition.hasPrefix("successful resolve") {
                computed = ResolutionResult(didDocument: document).httpStatus
            } else {
                continue
            }
            tally.check(computed == Int(status), "\(condition) → \(Int(status)), computed \(computed)")
        }
        TestVectors.report(
            suite: "did-resolution/http-binding.json",
            passed: tally.passed,
            failed: tally.failed,
            note: "\(listed.count) codes in the table, \(others.count) others checked against 'any other error'"
        )
        #expect(listed.count >= 9)
    }
}
