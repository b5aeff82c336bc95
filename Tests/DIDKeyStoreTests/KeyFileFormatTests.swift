// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDCrypto
import DIDTestSupport
import Foundation
import Testing

@testable import DIDKeyStore

/// The fixed inputs of `TestVectors/keystore/example-v1.json` (see its README).
enum KeyStoreVector {
    static let passphrase = "correct horse battery staple"
    /// RFC 8032 §7.1 TEST 1 secret key (an Ed25519 seed).
    static let seed = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"
    static let salt = "000102030405060708090a0b0c0d0e0f"
    static let nonce = "101112131415161718191a1b1c1d1e1f2021222324252627"
    /// 2026-01-01T00:00:00Z.
    static let created = Date(timeIntervalSince1970: 1_767_225_600)
    static let file = "keystore/example-v1.json"
}

@Suite("DIDKeyStore: the key file format (Specs/keystore.md)")
struct KeyFileFormatTests {
    @Test("Specs/keystore.md §8: the example file decrypts with its passphrase to RFC 8032 TEST 1's key")
    func exampleDecrypts() throws {
        let bytes = Array(try TestVectors.localData(KeyStoreVector.file))
        let stored = try StoredKey(fileRepresentation: bytes)
        #expect(stored.name.value == "example")
        #expect(stored.keyType == .ed25519)
        #expect(stored.created == KeyStoreVector.created)
        #expect(stored.kdfParameters == .interactive)
        #expect(stored.did.description == "did:key:z6MktwupdmLXVVqTzCw4i46r4uGyosGXRnR3XjN4Zq7oMMsw")
        let key = try stored.privateKey(passphrase: Passphrase(KeyStoreVector.passphrase))
        let raw = key.withUnsafeRawRepresentation { Array($0) }
        #expect(Hex.string(raw) == KeyStoreVector.seed)
        let wrong = #expect(throws: KeyStoreError.self) { try stored.privateKey(passphrase: Passphrase("wrong")) }
        #expect(wrong?.code == .wrongPassphrase)
    }

    @Test("Specs/keystore.md §8: sealing the example's inputs reproduces the file byte for byte")
    func exampleReproduces() throws {
        let key = try PrivateKey(keyType: .ed25519, rawRepresentation: try #require(Hex.bytes(KeyStoreVector.seed)))
        let stored = try StoredKey(
            sealing: key,
            name: try KeyName("example"),
            passphrase: Passphrase(KeyStoreVector.passphrase),
            parameters: .interactive,
            created: KeyStoreVector.created,
            salt: try #require(Hex.bytes(KeyStoreVector.salt)),
            nonce: try #require(Hex.bytes(KeyStoreVector.nonce))
        )
        let expected = Array(try TestVectors.localData(KeyStoreVector.file))
        #expect(
            stored.fileRepresentation == expected,
            "\(String(decoding: stored.fileRepresentation, as: UTF8.self))"
        )
    }

    @Test("Specs/keystore.md §5: the associated data is the JCS of the file without crypto.ciphertext")
    func associatedDataIsJCS() throws {
        let stored = try StoredKey(fileRepresentation: Array(try TestVectors.localData(KeyStoreVector.file)))
        let aad = try StoredKey.associatedData(of: stored.json)
        let text = String(decoding: aad, as: UTF8.self)
        // The string printed in Specs/keystore.md §5 (also what `json.dumps(sort_keys=True)` gives for this file).
        let documented =
            #"{"created":"2026-01-01T00:00:00Z","crypto":{"cipher":{"algorithm":"xchacha20-poly1305-ietf","#
            + #""nonce":"EBESExQVFhcYGRobHB0eHyAhIiMkJSYn"},"kdf":{"algorithm":"argon2id","memoryLimit":67108864,"#
            + #""opsLimit":2,"salt":"AAECAwQFBgcICQoLDA0ODw","version":19}},"#
            + #""did":"did:key:z6MktwupdmLXVVqTzCw4i46r4uGyosGXRnR3XjN4Zq7oMMsw","keyType":"ed25519","name":"example","#
            + #""publicKeyMultibase":"z6MktwupdmLXVVqTzCw4i46r4uGyosGXRnR3XjN4Zq7oMMsw","version":1}"#
        #expect(text == documented)
    }

    @Test(
        "Specs/keystore.md §6: an unknown newer version is unsupportedVersion; malformed members are invalidFile",
        arguments: [
            ("version", "2", KeyStoreError.Code.unsupportedVersion),
            ("version", "1.5", .invalidFile),
            ("version", "\"1\"", .invalidFile),
            ("name", "\"../evil\"", .invalidFile),
            ("keyType", "\"rsa\"", .invalidFile),
            ("keyType", "\"p256\"", .invalidFile),
            ("did", "\"did:key:z6Mkother\"", .invalidFile),
            ("created", "\"2026-02-31T00:00:00Z\"", .invalidFile),
            ("created", "\"yesterday\"", .invalidFile),
        ]
    )
    func invalidMembers(member: String, value: String, code: KeyStoreError.Code) throws {
        let stored = try StoredKey(fileRepresentation: Array(try TestVectors.localData(KeyStoreVector.file)))
        var json = stored.json
        json[member] = try JSONValue(parsing: value)
        let error = #expect(throws: KeyStoreError.self) {
            try StoredKey(fileRepresentation: try JSONValue.object(json).serialized(.pretty))
        }
        #expect(error?.code == code, "\(String(describing: error))")
    }

    @Test(
        "Specs/keystore.md §4: KDF and cipher parameters outside the documented ranges are refused before any work",
        arguments: [
            ("opsLimit", "0"), ("opsLimit", "1001"), ("memoryLimit", "4096"), ("memoryLimit", "67108865"),
            ("memoryLimit", "8589934592"), ("version", "16"), ("algorithm", "\"argon2i\""), ("salt", "\"AAAA\""),
        ]
    )
    func invalidKDF(member: String, value: String) throws {
        let stored = try StoredKey(fileRepresentation: Array(try TestVectors.localData(KeyStoreVector.file)))
        var json = stored.json
        var crypto = try #require(json["crypto"]?.objectValue)
        var kdf = try #require(crypto["kdf"]?.objectValue)
        kdf[member] = try JSONValue(parsing: value)
        crypto["kdf"] = .object(kdf)
        json["crypto"] = .object(crypto)
        let error = #expect(throws: KeyStoreError.self) {
            try StoredKey(fileRepresentation: try JSONValue.object(json).serialized(.pretty))
        }
        #expect(error?.code == .invalidFile, "\(String(describing: error))")
    }

    @Test(
        "Specs/keystore.md §2: key names",
        arguments: [
            ("alice", true), ("a.b_c-1", true), ("A9", true), ("_x", true), (String(repeating: "k", count: 64), true),
            ("", false), (".hidden", false), ("-flag", false), ("a/b", false), ("..", false), ("a b", false),
            ("ä", false), ("a\u{0}b", false), ("a\\b", false), (String(repeating: "k", count: 65), false),
        ]
    )
    func names(text: String, valid: Bool) {
        #expect(((try? KeyName(text)) != nil) == valid, "\(text.debugDescription)")
    }
}
