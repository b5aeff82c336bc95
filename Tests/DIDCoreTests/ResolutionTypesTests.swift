// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDTestSupport
import Testing

/// The vectors of `TestVectors/did-core/resolution.json`, read with the library's own JSON parser.
struct ResolutionVectors {
    struct ErrorRow: Sendable, CustomTestStringConvertible {
        var code: String
        var typeURI: String
        var keyword: String
        var httpStatus: Int
        var testDescription: String { code }
    }

    struct Spelling: Sendable, CustomTestStringConvertible {
        var text: String
        var code: String?
        var testDescription: String { text.debugDescription }
    }

    struct ResultCase: Sendable, CustomTestStringConvertible {
        var name: String
        var result: JSONValue
        var httpStatus: Int?
        var code: String?
        var testDescription: String { name }
    }

    var errors: [ErrorRow]
    var spellings: [Spelling]
    var results: [ResultCase]
    var legacyResults: [ResultCase]

    static let shared: ResolutionVectors = {
        do {
            let root = try JSONValue(parsing: TestVectors.localData("did-core/resolution.json"))
            func results(_ key: String) -> [ResultCase] {
                (root[key]?.arrayValue ?? []).map {
                    ResultCase(
                        name: $0["name"]?.stringValue ?? "?",
                        result: $0["result"] ?? .null,
                        httpStatus: $0["httpStatus"]?.numberValue.map { Int($0) },
                        code: $0["code"]?.stringValue
                    )
                }
            }
            return ResolutionVectors(
                errors: (root["errors"]?.arrayValue ?? []).map {
                    ErrorRow(
                        code: $0["code"]?.stringValue ?? "",
                        typeURI: $0["typeUri"]?.stringValue ?? "",
                        keyword: $0["keyword"]?.stringValue ?? "",
                        httpStatus: Int($0["httpStatus"]?.numberValue ?? 0)
                    )
                },
                spellings: (root["spellings"]?.arrayValue ?? []).map {
                    Spelling(text: $0.arrayValue?[0].stringValue ?? "", code: $0.arrayValue?[1].stringValue)
                },
                results: results("results"),
                legacyResults: results("legacyResults")
            )
        } catch {
            fatalError("TestVectors/did-core/resolution.json is unreadable: \(error)")
        }
    }()
}

@Suite("Resolution errors (DID Resolution §Errors, DID Core 1.0 §7.1.2)")
struct ResolutionErrorTests {
    @Test(
        "DID Resolution §Errors: every code has its problem type, 1.0 keyword and HTTP status",
        arguments: ResolutionVectors.shared.errors
    )
    func codeTable(_ row: ResolutionVectors.ErrorRow) throws {
        let code = try #require(ResolutionError.Code(rawValue: row.code))
        #expect(code.problemType == row.typeURI)
        #expect(code.legacyKeyword == row.keyword)
        #expect(code.httpStatus == row.httpStatus)
        #expect(ResolutionError.Code(parsing: row.typeURI) == code)
        #expect(ResolutionError.Code(parsing: row.code) == code)
        #expect(ResolutionError.Code(parsing: row.keyword) == code)
    }

    @Test("the code table covers the closed enum")
    func tableIsComplete() {
        #expect(Set(ResolutionVectors.shared.errors.map(\.code)) == Set(ResolutionError.Code.allCases.map(\.rawValue)))
    }

    @Test(
        "DID Resolution §Errors: reading accepts every spelling and nothing else",
        arguments: ResolutionVectors.shared.spellings
    )
    func spellings(_ vector: ResolutionVectors.Spelling) {
        #expect(ResolutionError.Code(parsing: vector.text)?.rawValue == vector.code)
    }

    @Test("RFC 9457 §3.1: problem object with type, title and detail; DID Core 1.0 keyword on request")
    func problemJSON() throws {
        let error = ResolutionError(.invalidDid, "invalid character '!' in method-specific-id (at offset 12)")
        #expect(
            error.problemJSON()
                == [
                    "type": "https://www.w3.org/ns/did#INVALID_DID", "title": "Invalid DID",
                    "detail": "invalid character '!' in method-specific-id (at offset 12)",
                ]
        )
        #expect(
            try error.problemJSON().serializedString()
                == #"{"type":"https://www.w3.org/ns/did#INVALID_DID","title":"Invalid DID","#
                + #""detail":"invalid character '!' in method-specific-id (at offset 12)"}"#
        )
        #expect(error.problemJSON(style: .didCore10Keyword) == "invalidDid")
        #expect(
            ResolutionError(.notFound).problemJSON() == [
                "type": "https://www.w3.org/ns/did#NOT_FOUND", "title": "Not found",
            ]
        )
        #expect(error.description == "INVALID_DID: invalid character '!' in method-specific-id (at offset 12)")
    }

    @Test("RFC 9457: a problem object or keyword reads back", arguments: ResolutionError.Style.allCases)
    func problemRoundTrip(_ style: ResolutionError.Style) throws {
        for code in ResolutionError.Code.allCases {
            let error = ResolutionError(code, "detail", title: "Custom")
            let read = try ResolutionError(problemJSON: error.problemJSON(style: style))
            #expect(read.code == code)
            #expect(read.detail == (style == .problemDetails ? "detail" : nil))
        }
        #expect(throws: DIDError.self) { try ResolutionError(problemJSON: 5) }
        #expect(throws: DIDError.self) { try ResolutionError(problemJSON: ["title": "no type"]) }
    }

    @Test("DIDError maps to the resolution error of the same class")
    func fromDIDError() {
        #expect(ResolutionError(DIDError(.invalidDID, "x")).code == .invalidDid)
        #expect(ResolutionError(DIDError(.invalidDIDURL, "x")).code == .invalidDidUrl)
        #expect(ResolutionError(DIDError(.invalidDocument, "x")).code == .invalidDidDocument)
        #expect(ResolutionError(DIDError(.invalidJSON, "x", offset: 3)).detail == "x (at offset 3)")
    }
}

@Suite("Resolution results (DID Core 1.0 §7.1, DID Resolution §Resolution Result)")
struct ResolutionResultTests {
    @Test(
        "DID Core §7.1: results round-trip byte for byte, unknown metadata kept",
        arguments: ResolutionVectors.shared.results
    )
    func roundTrip(_ vector: ResolutionVectors.ResultCase) throws {
        let result = try ResolutionResult(json: vector.result)
        #expect(try result.json.serializedString() == vector.result.serializedString())
        #expect(result.httpStatus == vector.httpStatus)
    }

    @Test(
        "DID Core §7.1.2: older result shapes read (keyword errors, @context, unknown types)",
        arguments: ResolutionVectors.shared.legacyResults
    )
    func legacy(_ vector: ResolutionVectors.ResultCase) throws {
        let result = try ResolutionResult(json: vector.result)
        #expect(result.error?.code.rawValue == vector.code)
        #expect(result.didDocument == nil)
        #expect(result.didDocumentMetadata.isEmpty)
    }

    @Test("DID Core §7.1.2: an error result has a null document, the error, and empty document metadata")
    func errorResult() throws {
        let result = ResolutionResult(error: ResolutionError(.invalidDid, "bad"))
        #expect(
            try result.json.serializedString()
                == #"{"didDocument":null,"didResolutionMetadata":{"error":{"type":"https://www.w3.org/ns/did#INVALID_DID","#
                + #""title":"Invalid DID","detail":"bad"}},"didDocumentMetadata":{}}"#
        )
        #expect(
            try result.json(errorStyle: .didCore10Keyword).serializedString()
                == #"{"didDocument":null,"didResolutionMetadata":{"error":"invalidDid"},"didDocumentMetadata":{}}"#
        )
        #expect(String(decoding: try result.serialized(), as: UTF8.self) == (try result.json.serializedString()))
        #expect(result.httpStatus == 400)
        #expect(
            try ResolutionResult(error: ResolutionError(.methodNotSupported)).representation().error?.code
                == .methodNotSupported
        )
    }

    @Test("DID Core §7.1: library resolve leaves contentType out; the representation sets it")
    func representation() throws {
        let did = try DID("did:example:123")
        let result = ResolutionResult(didDocument: DIDDocument(id: did))
        #expect(result.json["didResolutionMetadata"] == [:])
        let representation = try result.representation()
        #expect(representation.contentType == "application/did+json")
        #expect(String(decoding: representation.didDocumentStream, as: UTF8.self) == #"{"id":"did:example:123"}"#)
        let ld = #expect(throws: ResolutionError.self) { try result.representation(mediaType: DIDMediaType.didLDJSON) }
        #expect(ld?.code == .representationNotSupported)
        let other = #expect(throws: ResolutionError.self) { try result.representation(mediaType: "image/jpeg") }
        #expect(other?.code == .representationNotSupported)
        let withContext = ResolutionResult(didDocument: DIDDocument(id: did, context: "https://www.w3.org/ns/did/v1"))
        #expect(
            try withContext.representation(mediaType: DIDMediaType.didLDJSON).contentType == "application/did+ld+json"
        )
    }

    @Test("DID Resolution §Dereferencing: result members, older names, and HTTP status")
    func dereferencing() throws {
        let did = try DID("did:example:123")
        let method = VerificationMethod(id: "#k", type: .multikey, controller: did, publicKeyMultibase: "zabc")
        let result = DereferencingResult(
            content: .verificationMethod(method),
            dereferencingMetadata: DereferencingMetadata(contentType: "application/did+json")
        )
        #expect(
            try result.json().serializedString()
                == ##"{"content":{"id":"#k","type":"Multikey","controller":"did:example:123","publicKeyMultibase":"zabc"},"##
                + #""dereferencingMetadata":{"contentType":"application/did+json"},"contentMetadata":{}}"#
        )
        #expect(result.httpStatus == 200)
        #expect(DereferencingResult(content: .uriList(["https://a.example/x"])).httpStatus == 303)
        let failed = DereferencingResult(error: ResolutionError(.invalidDidUrl, "second '#'"))
        #expect(failed.httpStatus == 400)
        #expect(failed.json(errorStyle: .didCore10Keyword)["dereferencingMetadata"] == ["error": "invalidDidUrl"])
        let old = try DereferencingResult(
            json: ["contentStream": "{}", "didUrlDereferencingMetadata": ["error": "notFound"], "contentMetadata": [:]]
        )
        #expect(old.error?.code == .notFound)
        #expect(old.content == .json("{}"))
        let suite = try DereferencingResult(json: ["didDereferencingMetadata": ["error": "invalidDidUrl"]])
        #expect(suite.error?.code == .invalidDidUrl)
    }
}

@Suite("Resolution options (DID Core 1.0 §7.1.1, DID Resolution §Options)")
struct ResolutionOptionsTests {
    @Test("DID Resolution §Options: typed options read from JSON, strings for booleans, others kept")
    func read() throws {
        let options = try ResolutionOptions(
            json: [
                "accept": "application/did+json", "noCache": "true", "expandRelativeUrls": true, "versionId": "4",
                "custom": ["x": 1],
            ]
        )
        #expect(options.accept == "application/did+json")
        #expect(options.noCache)
        #expect(options.expandRelativeURLs)
        #expect(options.versionId == "4")
        #expect(options.additionalProperties["custom"] == ["x": 1])
        #expect(
            try JSONValue.object(options.json).serialized()
                == JSONValue.object([
                    "accept": "application/did+json", "noCache": true, "expandRelativeUrls": true, "versionId": "4",
                    "custom": ["x": 1],
                ]).serialized()
        )
        #expect(ResolutionOptions().json.isEmpty)
    }

    @Test(
        "DID Resolution §Options: malformed options are INVALID_OPTIONS",
        arguments: [
            ["noCache": "yes"], ["accept": 1], ["versionTime": "yesterday"],
            ["versionId": "1", "versionTime": "2021-05-10T17:00:00Z"], ["versionId": "caf\u{E9}"],
        ] as [JSONObject]
    )
    func invalid(_ json: JSONObject) {
        let error = #expect(throws: ResolutionError.self) { try ResolutionOptions(json: json) }
        #expect(error?.code == .invalidOptions)
    }
}

@Suite("Resolver protocols (DID Core 1.0 §7.1)")
struct ResolverProtocolTests {
    struct Fixed: DIDMethodResolver {
        let method = DID.Method.example
        func resolve(_ did: DID, options: ResolutionOptions) async throws(ResolutionError) -> ResolutionResult {
            guard did.method == method else { throw ResolutionError(.methodNotSupported, did.method.rawValue) }
            guard did.methodSpecificID == "123" else { throw ResolutionError(.notFound) }
            var document = DIDDocument(id: did, context: "https://www.w3.org/ns/did/v1")
            document.alsoKnownAs = options.expandRelativeURLs ? ["https://expanded.example"] : []
            return ResolutionResult(didDocument: document)
        }
    }

    @Test("DID Core §7.1: text is parsed first (invalidDid), errors become error results")
    func textAndResults() async throws {
        let resolver = Fixed()
        #expect(try await resolver.resolve("did:example:123").didDocument?.id.description == "did:example:123")
        let invalid = await resolver.resolveResult("did:example:")
        #expect(invalid.error?.code == .invalidDid)
        #expect(invalid.error?.detail?.contains("empty method-specific-id") == true)
        #expect(await resolver.resolveResult("did:other:1").error?.code == .methodNotSupported)
        #expect(await resolver.resolveResult("did:example:999").httpStatus == 404)
        let options = ResolutionOptions(expandRelativeURLs: true)
        #expect(await resolver.resolveResult("did:example:123", options: options).didDocument?.alsoKnownAs.count == 1)
    }

    @Test("DID Core §7.1: resolveRepresentation honours accept and sets contentType")
    func representation() async throws {
        let resolver = Fixed()
        let did = try DID("did:example:123")
        let json = try await resolver.resolveRepresentation(did)
        #expect(json.contentType == DIDMediaType.didJSON)
        let ld = try await resolver.resolveRepresentation(
            did,
            options: ResolutionOptions(accept: DIDMediaType.didLDJSON)
        )
        #expect(ld.contentType == DIDMediaType.didLDJSON)
        await #expect(throws: ResolutionError.self) {
            try await resolver.resolveRepresentation(did, options: ResolutionOptions(accept: "image/png"))
        }
    }
}
