// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import Testing

@Suite("DID syntax (DID Core 1.0 §3.1)")
struct DIDSyntaxTests {
    @Test("DID Core §3.1: valid DIDs parse and keep their text", arguments: SyntaxVectors.shared.validDIDs)
    func validDID(_ vector: SyntaxVectors.ValidDID) throws {
        let did = try DID(vector.did)
        #expect(did.description == vector.did)
        #expect(did.method.rawValue == vector.method)
        #expect(did.methodSpecificID == vector.methodSpecificID)
        let rebuilt = try DID(method: vector.method, methodSpecificID: vector.methodSpecificID)
        #expect(rebuilt == did)
        #expect(try DID(method: did.method, methodSpecificID: vector.methodSpecificID) == did)
    }

    @Test(
        "DID Core §3.1: method-name is 1*method-char, lower-case letters and digits",
        arguments: ["key", "web", "ethr", "3", "a1b2"]
    )
    func validMethodName(_ name: String) throws {
        #expect(try DID.Method(name).rawValue == name)
        #expect(DID.Method(rawValue: name)?.rawValue == name)
    }

    @Test(
        "DID Core §3.1: a method name that is not 1*method-char is rejected with the offending offset",
        arguments: [("", 0), ("Key", 0), ("kEy", 1), ("k-y", 1), ("k:y", 1), ("ké", 1), ("web ", 3)]
    )
    func invalidMethodName(_ name: String, offset: Int) {
        #expect(DID.Method(rawValue: name) == nil)
        let error = #expect(throws: DIDError.self) { try DID.Method(name) }
        #expect(error?.code == .invalidDID)
        #expect(error?.offset == offset)
    }

    @Test("DID Core §3.1: the known methods are the names in their DIDs")
    func knownMethods() throws {
        #expect(try DID("did:key:z6Mk").method == .key)
        #expect(try DID("did:web:example.com").method == .web)
        #expect(try DID("did:jwk:eyJ").method == .jwk)
        #expect(try DID("did:plc:abc").method == .plc)
        #expect(try DID("did:example:123").method == .example)
        #expect(try DID("did:example:123").method != .web)
    }

    @Test("DID Core §3.1: invalid DIDs are rejected with what and where", arguments: SyntaxVectors.shared.invalidDIDs)
    func invalidDID(_ vector: SyntaxVectors.Invalid) {
        let error = #expect(throws: DIDError.self) { try DID(vector.text) }
        #expect(error?.code == .invalidDID)
        #expect(error?.offset == vector.offset)
        #expect(error?.reason.contains(vector.reason) == true, "reason was: \(error?.reason ?? "-")")
    }

    @Test("DID Core §3.1: rejects upper-case method name, with the offending letter and offset")
    func upperCaseMethod() {
        let error = #expect(throws: DIDError.self) { try DID("did:exAmple:123") }
        #expect(
            error?.description == "upper-case letter 'A' in method name "
                + "(method names are lower-case letters and digits) (at offset 6)"
        )
    }

    @Test("DID Core §3.1: the error names the character and the offset")
    func errorMessage() {
        let error = #expect(throws: DIDError.self) { try DID("did:example:!") }
        #expect(error?.description == "invalid character '!' in method-specific-id (at offset 12)")
    }

    @Test(
        "DID Core §3.1: init(method:methodSpecificID:) validates each part",
        arguments: [
            ("", "123", 4), ("Key", "z6Mk", 4), ("k:y", "1", 5), ("key", "", 8), ("key", "a:", 9), ("key", "a#b", 9),
        ]
    )
    func buildFromParts(method: String, id: String, offset: Int) {
        let error = #expect(throws: DIDError.self) { try DID(method: method, methodSpecificID: id) }
        #expect(error?.code == .invalidDID)
        #expect(error?.offset == offset)
    }

    @Test("DID Core §3.1: equality is exact text (percent-encodings are not normalized)")
    func equality() throws {
        #expect(try DID("did:example:%41") != DID("did:example:A"))
        #expect(try DID("did:example:%41") != DID("did:example:%4a"))
        #expect(try DID("did:example:abc") == DID("did:example:abc"))
        #expect(try Set([DID("did:example:abc"), DID("did:example:abc")]).count == 1)
        #expect(try DID("did:a:1") < DID("did:b:1"))
    }

    @Test("DID Core §3.1: a DID is a DID URL without extras")
    func didAsURL() throws {
        let did = try DID("did:example:123")
        #expect(did.url.isDID)
        #expect(did.url.did == did)
        #expect(did.url == (try DIDURL("did:example:123")))
    }
}

@Suite("DID URL syntax (DID Core 1.0 §3.2)")
struct DIDURLSyntaxTests {
    @Test(
        "DID Core §3.2: valid DID URLs split into DID, path, query and fragment",
        arguments: SyntaxVectors.shared.validDIDURLs
    )
    func validURL(_ vector: SyntaxVectors.ValidURL) throws {
        let url = try DIDURL(vector.url)
        #expect(url.description == vector.url)
        #expect(url.did.description == vector.did)
        #expect(url.path == vector.path)
        #expect(url.query == vector.query)
        #expect(url.fragment == vector.fragment)
        #expect(url.queryParameters.map { [$0.name, $0.value] } == vector.parameters)
        #expect(url.duplicateParameterNames == (vector.duplicates ?? []))
        #expect(url.isDID == (vector.path.isEmpty && vector.query == nil && vector.fragment == nil))
        let rebuilt = try DIDURL(did: url.did, path: url.path, query: url.query, fragment: url.fragment)
        #expect(rebuilt == url)
    }

    @Test(
        "DID Core §3.2: invalid DID URLs are rejected with what and where",
        arguments: SyntaxVectors.shared.invalidDIDURLs
    )
    func invalidURL(_ vector: SyntaxVectors.Invalid) {
        let error = #expect(throws: DIDError.self) { try DIDURL(vector.text) }
        #expect(error?.code == .invalidDIDURL)
        #expect(error?.offset == vector.offset)
        #expect(error?.reason.contains(vector.reason) == true, "reason was: \(error?.reason ?? "-")")
    }

    @Test("DID Core §3.2.1: DID parameters are accessible, decoded")
    func didParameters() throws {
        let url = try DIDURL(
            "did:example:123?service=files&relativeRef=%2Fresume.pdf&versionId=4&versionTime=2021-05-10T17:00:00Z&hl=zQm"
        )
        #expect(url.service == "files")
        #expect(url.relativeRef == "/resume.pdf")
        #expect(url.versionId == "4")
        #expect(url.versionTime == "2021-05-10T17:00:00Z")
        #expect(url.hl == "zQm")
        #expect(url.parameter(.serviceType) == nil)
        #expect(url.parameter("missing") == nil)
        #expect(try DIDURL("did:example:123?a=1&a=2").parameters(named: "a") == ["1", "2"])
    }

    @Test("DID Core §3.2.1: DID parameter rules", arguments: SyntaxVectors.shared.didParameters)
    func didParameterRules(_ vector: SyntaxVectors.Parameters) throws {
        let url = try DIDURL(vector.url)
        if vector.valid {
            #expect(throws: Never.self) { try url.validateDIDParameters() }
        } else {
            let error = #expect(throws: DIDError.self) { try url.validateDIDParameters() }
            #expect(error?.code == .invalidDIDURL)
            #expect(error?.reason.contains(vector.reason ?? "?") == true, "reason was: \(error?.reason ?? "-")")
        }
    }

    @Test(
        "DID Core §3.2.1: versionTime is an XML Schema dateTime normalized to UTC, without sub-second precision",
        arguments: [
            ("2021-05-10T17:00:00Z", nil), ("2024-02-29T00:00:00Z", nil),
            ("2021-05-10T17:00:00.5Z", "fractional seconds"), ("2021-02-29T17:00:00Z", "day 29 is not 01–28"),
            ("2021-05-10T15:00:00-02:00", "written 'Z'"), ("2021-05-10T17:00:00", "must end in 'Z'"),
            ("2021-13-10T17:00:00Z", "month 13"), ("2021-05-10t17:00:00Z", "expected 'T'"),
        ]
    )
    func versionTime(value: String, problem: String?) throws {
        let url = try DIDURL("did:example:123?versionTime=" + value)
        let options = ResolutionOptions(versionTime: value)
        if let problem {
            let error = #expect(throws: DIDError.self) { try url.validateDIDParameters() }
            #expect(error?.reason.contains(problem) == true, "reason was: \(error?.reason ?? "-")")
            let optionError = #expect(throws: ResolutionError.self) { try options.validate() }
            #expect(optionError?.code == .invalidOptions)
            #expect(optionError?.detail?.contains(problem) == true, "detail was: \(optionError?.detail ?? "-")")
        } else {
            #expect(throws: Never.self) { try url.validateDIDParameters() }
            #expect(throws: Never.self) { try options.validate() }
        }
    }

    @Test(
        "DID Core §3.2: building from parts rejects characters the component does not allow",
        arguments: [
            ("path", "", nil as String?), ("/a b", nil, nil), ("", "a#b", nil), ("", nil, "a#b"), ("", "%zz", nil),
        ] as [(String, String?, String?)]
    )
    func buildFromParts(path: String, query: String?, fragment: String?) throws {
        let did = try DID("did:example:123")
        let error = #expect(throws: DIDError.self) {
            try DIDURL(did: did, path: path, query: query, fragment: fragment)
        }
        #expect(error?.code == .invalidDIDURL)
    }

    @Test("DID Core §3.2: removing the fragment keeps DID, path and query")
    func removingFragment() throws {
        let url = try DIDURL("did:example:123/p?service=x#key-1")
        let bare = url.removingFragment
        #expect(bare.description == "did:example:123/p?service=x")
        #expect(bare.fragment == nil)
        #expect(bare.service == "x")
        #expect(bare == (try DIDURL("did:example:123/p?service=x")))
    }
}
