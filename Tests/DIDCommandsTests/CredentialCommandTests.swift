// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDCrypto
import DIDMethodKey
import Foundation
import Testing

/// One issuing format with a key type that can sign it.
struct CredentialCommandFormat: Sendable, CustomTestStringConvertible {
    let format: String
    let keyType: String
    var isJWT: Bool { format.contains("jwt") }
    var testDescription: String { "\(format) (\(keyType))" }

    static let all = [
        CredentialCommandFormat(format: "di-eddsa-jcs-2022", keyType: "ed25519"),
        CredentialCommandFormat(format: "di-ecdsa-jcs-2019", keyType: "p256"),
        CredentialCommandFormat(format: "di-ecdsa-jcs-2019", keyType: "p384"),
        CredentialCommandFormat(format: "vc-jwt", keyType: "ed25519"),
        CredentialCommandFormat(format: "vc-jwt", keyType: "secp256k1"),
        CredentialCommandFormat(format: "jwt-1.1", keyType: "p256"),
    ]
}

@Suite("did vc / did vp (the built binary)")
struct CredentialCommandTests {
    static let passphrase = "correct horse battery staple"

    static let credential = """
        {"@context":["https://www.w3.org/ns/credentials/v2","https://www.w3.org/ns/credentials/examples/v2"],
         "type":["VerifiableCredential","AlumniCredential"],
         "credentialSubject":{"id":"did:example:abcdefgh","alumniOf":"The School of Examples"}}
        """

    /// The credential `format` takes: VC-JWT 1.1 carries VC Data Model 1.1 credentials only.
    static func credential(for format: String) -> String {
        format == "jwt-1.1" ? legacyCredential : credential
    }

    static let legacyCredential = """
        {"@context":["https://www.w3.org/2018/credentials/v1"],"type":["VerifiableCredential"],
         "credentialSubject":{"id":"did:example:abcdefgh","alumniOf":"The School of Examples"}}
        """

    /// A DID document for `did:example:issuer` whose `#key-1` is the did:key's key, listed under `relationships`.
    static func issuerDocument(
        for didKey: DID,
        relationships: [String] = ["assertionMethod", "authentication"]
    ) -> String {
        let id = "did:example:issuer#key-1"
        var document: JSONObject = [
            "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
            "id": "did:example:issuer",
            "verificationMethod": [
                [
                    "id": .string(id),
                    "type": "Multikey",
                    "controller": "did:example:issuer",
                    "publicKeyMultibase": .string(didKey.methodSpecificID),
                ]
            ],
        ]
        for relationship in relationships { document[relationship] = [.string(id)] }
        return (try? JSONValue.object(document).serializedString()) ?? ""
    }

    /// Changes one byte of the signed content: a letter of `alumniOf`, inside the JWT payload when it is a JWT.
    static func flipPayloadByte(_ secured: String) throws -> String {
        if secured.hasPrefix("ey") {
            let parts = secured.split(separator: ".").map(String.init)
            let payload = String(decoding: try Base64URL.decode(parts[1]), as: UTF8.self)
            let changed = payload.replacingOccurrences(of: "School", with: "Schoal")
            #expect(changed != payload)
            return parts[0] + "." + Base64URL.encode(Array(changed.utf8)) + "." + parts[2]
        }
        let changed = secured.replacingOccurrences(of: "School", with: "Schoal")
        #expect(changed != secured)
        return changed
    }

    /// Changes one byte of the proof: a character of `proofValue` or of the JWS signature.
    static func flipProofByte(_ secured: String) throws -> String {
        var bytes = Array(secured.utf8)
        let index: Int
        if secured.hasPrefix("ey") {
            index = (bytes.lastIndex(of: UInt8(ascii: ".")) ?? 0) + 5
        } else {
            let marker = Array(#""proofValue": "z"#.utf8)
            let start = try #require(
                bytes.indices.first { bytes[$0...].starts(with: marker) },
                "no proofValue in \(secured)"
            )
            index = start + marker.count + 5
        }
        bytes[index] = bytes[index] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test(
        "a credential issued in each format verifies in a fresh process; a flipped payload or proof byte exits 1 naming the signature",
        arguments: CredentialCommandFormat.all
    )
    func issueThenVerify(format: CredentialCommandFormat) async throws {
        let keystore = try KeyCommandKeystore()
        try await keystore.run(
            ["key", "generate", "--type", format.keyType, "--name", "issuer"],
            passphrase: Self.passphrase
        ).expectSuccess()
        let input = try keystore.write("credential.json", Self.credential(for: format.format))
        let issued = try await keystore.run(
            ["vc", "issue", "--key", "issuer", "--format", format.format, input],
            passphrase: Self.passphrase
        )
        issued.expectSuccess()
        let secured = issued.standardOutput
        if format.isJWT {
            #expect(secured.hasPrefix("ey") && secured.filter { $0 == "\n" }.count == 1)
        } else {
            let object = try #require(try issued.json().objectValue)
            #expect(object["proof"]?["cryptosuite"]?.stringValue == String(format.format.dropFirst(3)))
            #expect(object["validFrom"]?.stringValue != nil)
        }

        let path = try keystore.write("secured", secured)
        let verified = try await keystore.run(["vc", "verify", path])
        verified.expectSuccess()
        #expect(verified.standardOutput == "verified\n")
        let json = try await keystore.run(["vc", "verify", "--json", path])
        json.expectSuccess()
        #expect(try json.json()["verified"] == true)
        #expect(try json.json()["document"]?["credentialSubject"]?["alumniOf"] == "The School of Examples")

        for tampered in [try Self.flipPayloadByte(secured), try Self.flipProofByte(secured)] {
            let tamperedPath = try keystore.write("tampered", tampered)
            let failed = try await keystore.run(["vc", "verify", tamperedPath])
            failed.expectFailure(1, linePrefix: "signature")
            #expect(failed.standardOutput.hasPrefix("not verified\n"))
        }
    }

    @Test("a verification method not under assertionMethod is rejected with that reason")
    func notUnderAssertionMethod() async throws {
        let keystore = try KeyCommandKeystore()
        let generated = try await keystore.run(
            ["key", "generate", "--type", "ed25519", "--name", "issuer"],
            passphrase: Self.passphrase
        )
        generated.expectSuccess()
        let did = try DID(try #require(try generated.json()["did"]?.stringValue))
        let input = try keystore.write("credential.json", Self.credential)
        let issued = try await keystore.run(
            ["vc", "issue", "--key", "issuer", "--format", "di-eddsa-jcs-2022", input],
            passphrase: Self.passphrase
        )
        issued.expectSuccess()
        let path = try keystore.write("secured.json", issued.standardOutput)
        var document = try DIDKeyMethod().document(for: did)
        document.assertionMethod = []
        let documentPath = try keystore.write(
            "did.json",
            try document.json.serializedString(.pretty)
        )
        let failed = try await keystore.run(["vc", "verify", "--did-document", documentPath, path])
        let line = failed.expectFailure(1, linePrefix: "keyNotAuthorized")
        #expect(line.contains("assertionMethod"))
        // The same document with the relationship verifies offline.
        let full = try keystore.write("full.json", try DIDKeyMethod().document(for: did).json.serializedString())
        try await keystore.run(["vc", "verify", "--did-document", full, path]).expectSuccess()
    }

    @Test("did vp issue/verify: challenge and domain, embedded JSON and JWT credentials", arguments: ["di", "vc-jwt"])
    func presentation(format: String) async throws {
        let keystore = try KeyCommandKeystore()
        for (name, type) in [("issuer", "p256"), ("holder", "ed25519")] {
            try await keystore.run(["key", "generate", "--type", type, "--name", name], passphrase: Self.passphrase)
                .expectSuccess()
        }
        let input = try keystore.write("credential.json", Self.credential)
        var credentials: [String] = []
        for (index, credentialFormat) in ["di-ecdsa-jcs-2019", "vc-jwt"].enumerated() {
            let issued = try await keystore.run(
                ["vc", "issue", "--key", "issuer", "--format", credentialFormat, input],
                passphrase: Self.passphrase
            )
            issued.expectSuccess()
            credentials.append(try keystore.write("credential-\(index)", issued.standardOutput))
        }
        var arguments = ["vp", "issue", "--key", "holder", "--challenge", "c-1", "--domain", "https://v.example"]
        if format == "vc-jwt" { arguments += ["--format", "vc-jwt"] }
        let issued = try await keystore.run(arguments + credentials, passphrase: Self.passphrase)
        issued.expectSuccess()
        let path = try keystore.write("presentation", issued.standardOutput)
        try await keystore.run(["vp", "verify", "--challenge", "c-1", "--domain", "https://v.example", path])
            .expectSuccess()
        let replayed = try await keystore.run(["vp", "verify", "--challenge", "c-2", path])
        replayed.expectFailure(1, linePrefix: "invalidChallenge")
    }

    @Test("did vc issue: usage errors")
    func usage() async throws {
        let keystore = try KeyCommandKeystore()
        try await keystore.run(["key", "generate", "--type", "secp256k1", "--name", "k"], passphrase: Self.passphrase)
            .expectSuccess()
        let input = try keystore.write("credential.json", Self.credential)
        let wrongSuite = try await keystore.run(
            ["vc", "issue", "--key", "k", "--format", "di-eddsa-jcs-2022", input],
            passphrase: Self.passphrase
        )
        wrongSuite.expectFailure(64)
        let notObject = try keystore.write("array.json", "[1]")
        let malformed = try await keystore.run(
            ["vc", "issue", "--key", "k", "--format", "vc-jwt", notObject],
            passphrase: Self.passphrase
        )
        malformed.expectFailure(65)
        let garbage = try keystore.write("garbage", "{")
        let unverifiable = try await keystore.run(["vc", "verify", garbage])
        unverifiable.expectFailure(65, linePrefix: "invalidJSON")
    }

    @Test("did vc issue --format jwt-1.1 signs the issuer the credential names: iss is that issuer, and it verifies")
    func legacyJWTKeepsTheIssuer() async throws {
        let keystore = try KeyCommandKeystore()
        let generated = try await keystore.run(
            ["key", "generate", "--type", "p256", "--name", "issuer"],
            passphrase: Self.passphrase
        )
        generated.expectSuccess()
        let did = try DID(try #require(try generated.json()["did"]?.stringValue))
        let document = try keystore.write("issuer.json", Self.issuerDocument(for: did))
        let credential = Self.legacyCredential.replacingOccurrences(
            of: #""type""#,
            with: #""issuer":"did:example:issuer","type""#
        )
        let input = try keystore.write("credential.json", credential)
        let issued = try await keystore.run(
            [
                "vc", "issue", "--key", "issuer", "--format", "jwt-1.1", "--vm", "did:example:issuer#key-1",
                "--did-document", document, input,
            ],
            passphrase: Self.passphrase
        )
        issued.expectSuccess()
        let compact = issued.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        let claims = try JSONValue(parsing: try JWS(compactSerialization: compact).payload)
        #expect(claims["iss"] == "did:example:issuer")
        let path = try keystore.write("secured", compact)
        let verified = try await keystore.run(["vc", "verify", "--json", "--did-document", document, path])
        verified.expectSuccess()
        #expect(try verified.json()["document"]?["issuer"] == "did:example:issuer")
    }

    @Test(
        "VC Data Integrity 1.0 §4, Controlled Identifiers 1.0 §3.3: did vc issue refuses (65) a key the issuer does not list under assertionMethod, naming key and issuer",
        arguments: CredentialCommandFormat.all
    )
    func issueRefusesUnauthorizedKey(format: CredentialCommandFormat) async throws {
        let keystore = try KeyCommandKeystore()
        let generated = try await keystore.run(
            ["key", "generate", "--type", format.keyType, "--name", "issuer"],
            passphrase: Self.passphrase
        )
        generated.expectSuccess()
        let did = try DID(try #require(try generated.json()["did"]?.stringValue))
        let method = try DIDKeyMethod.verificationMethodID(of: did)
        let credential = Self.credential(for: format.format).replacingOccurrences(
            of: #""type""#,
            with: #""issuer":"did:example:x","type""#
        )
        let foreign = try await keystore.run(
            ["vc", "issue", "--key", "issuer", "--format", format.format, try keystore.write("c.json", credential)],
            passphrase: Self.passphrase
        )
        let line = foreign.expectFailure(65, linePrefix: "keyNotAuthorized")
        #expect(line.contains(method) && line.contains("did:example:x"))

        // The issuer's own method, but its document lists it only under authentication.
        let document = try keystore.write(
            "issuer.json",
            Self.issuerDocument(for: did, relationships: ["authentication"])
        )
        let unlisted = try await keystore.run(
            [
                "vc", "issue", "--key", "issuer", "--format", format.format, "--vm", "did:example:issuer#key-1",
                "--issuer", "did:example:issuer", "--did-document", document,
                try keystore.write("c2.json", Self.credential(for: format.format)),
            ],
            passphrase: Self.passphrase
        )
        let unlistedLine = unlisted.expectFailure(65, linePrefix: "keyNotAuthorized")
        #expect(unlistedLine.contains("did:example:issuer#key-1") && unlistedLine.contains("assertionMethod"))
    }

    @Test("did vc issue --format jwt-1.1 refuses a VC Data Model 2.0 credential (65) and names vc-jwt")
    func legacyJWTRefusesVersion2() async throws {
        let keystore = try KeyCommandKeystore()
        try await keystore.run(["key", "generate", "--type", "p256", "--name", "k"], passphrase: Self.passphrase)
            .expectSuccess()
        let refused = try await keystore.run(
            ["vc", "issue", "--key", "k", "--format", "jwt-1.1", try keystore.write("c.json", Self.credential)],
            passphrase: Self.passphrase
        )
        let line = refused.expectFailure(65)
        #expect(line.contains("vc-jwt"))
        #expect(refused.stdout.isEmpty)
    }

    @Test(
        "did vc verify / did vp verify: input that is not a JWS or a JSON object of the kind asked for exits 65; a well-formed one that fails a rule exits 1",
        arguments: ["vc", "vp"]
    )
    func malformedInputVersusFailedRule(command: String) async throws {
        let keystore = try KeyCommandKeystore()
        let other = command == "vc" ? "vp" : "vc"
        let otherKind: String = """
            {"@context":["https://www.w3.org/ns/credentials/v2"],"type":["\(other == "vp" ? "VerifiablePresentation" : "VerifiableCredential")"]}
            """
        for (name, text) in [
            ("not JSON", "{"),
            ("a JSON array", "[1]"),
            ("not a JWS", "eyJhbGciOiJFZERTQSJ9.e30"),
            ("a JWS whose payload is not JSON", "eyJhbGciOiJFZERTQSJ9.bm90IGpzb24.c2ln"),
            ("the other kind", otherKind),
        ] {
            let result = try await keystore.run([command, "verify", try keystore.write("input", text)])
            #expect(result.status == 65, "\(name): \(result)")
            result.expectFailure(65)
        }
        // Well-formed, but without a proof (and for a credential without its issuer and subject).
        let presentation = """
            {"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiablePresentation"]}
            """
        let unsigned = command == "vc" ? Self.credential : presentation
        let failed = try await keystore.run([command, "verify", try keystore.write("unsigned", unsigned)])
        failed.expectFailure(1)
        #expect(failed.standardOutput.hasPrefix("not verified\n"))
    }
}
