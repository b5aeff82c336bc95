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
        let input = try keystore.write("credential.json", Self.credential)
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
        unverifiable.expectFailure(1, linePrefix: "malformed")
    }
}
