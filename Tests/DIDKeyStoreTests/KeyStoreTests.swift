// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDCrypto
import Foundation
import Testing

@testable import DIDKeyStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("DIDKeyStore: keys at rest")
struct KeyStoreTests {
    @Test(
        "generate → export (JWK and Multikey) → import → sign/verify, for every key type",
        arguments: KeyStoreKeyType.all
    )
    func roundTrip(type: KeyStoreKeyType) throws {
        let scratch = try KeyStoreScratch()
        let store = scratch.store
        let passphrase = keyStorePassphrase()
        let name = try KeyName("original")
        let stored = try store.generate(type.keyType, named: name, passphrase: passphrase)
        #expect(stored.keyType == type.keyType)
        #expect(stored.did.description == "did:key:" + stored.publicKey.multibaseRepresentation)

        // A fresh store on the same folder reads the metadata without a passphrase.
        let listed = try KeyStore(storage: scratch.storage).list()
        #expect(listed.map(\.name) == [name])
        #expect(listed.first?.publicKey == stored.publicKey)

        let key = try store.privateKey(named: name, passphrase: passphrase)
        try expectUsable(key, publicKey: stored.publicKey)

        let viaJWK = try PrivateKey(jwk: key.jwkRepresentation(includingPrivate: true))
        let imported = try store.add(viaJWK, named: try KeyName("from-jwk"), passphrase: keyStorePassphrase("other"))
        let viaMultikey = try PrivateKey(multibase: key.multibaseRepresentation)
        let imported2 = try store.add(viaMultikey, named: try KeyName("from-multikey"), passphrase: passphrase)
        #expect(imported.publicKey == stored.publicKey)
        #expect(imported2.did == stored.did)
        try expectUsable(
            try store.privateKey(named: imported.name, passphrase: keyStorePassphrase("other")),
            publicKey: stored.publicKey
        )
        try expectUsable(
            try store.privateKey(named: imported2.name, passphrase: passphrase),
            publicKey: stored.publicKey
        )
        #expect(try store.list().map(\.name.value) == ["from-jwk", "from-multikey", "original"])
    }

    @Test("a wrong passphrase is a distinct error from the AEAD, and the file stays as it was")
    func wrongPassphrase() throws {
        let scratch = try KeyStoreScratch()
        let name = try KeyName("alice")
        try scratch.store.generate(.ed25519, named: name, passphrase: keyStorePassphrase())
        let before = try scratch.contents("alice.json")
        let error = #expect(throws: KeyStoreError.self) {
            try scratch.store.privateKey(named: name, passphrase: keyStorePassphrase("Correct horse battery staple"))
        }
        #expect(error?.code == .wrongPassphrase)
        #expect(error?.reason.contains("wrong passphrase") == true)
        #expect(error?.reason.contains("orrect") == false, "the passphrase must not appear in the error")
        #expect(try scratch.contents("alice.json") == before)
        let change = #expect(throws: KeyStoreError.self) {
            try scratch.store.changePassphrase(
                named: name,
                from: keyStorePassphrase("nope"),
                to: keyStorePassphrase("x")
            )
        }
        #expect(change?.code == .wrongPassphrase)
        #expect(try scratch.contents("alice.json") == before)
    }

    @Test(
        "Specs/keystore.md §5: every clear-text member is authenticated (AEAD associated data)",
        arguments: ["name", "created", "version-extra", "kdf-ops", "nonce", "ciphertext", "extra-member"]
    )
    func tamperingDetected(change: String) throws {
        let key = PrivateKey.generate(.p256)
        let passphrase = keyStorePassphrase()
        let stored = try StoredKey(
            sealing: key,
            name: try KeyName("tamper"),
            passphrase: passphrase,
            parameters: .minimum
        )
        var json = stored.json
        var crypto = try #require(json["crypto"]?.objectValue)
        var kdf = try #require(crypto["kdf"]?.objectValue)
        var cipher = try #require(crypto["cipher"]?.objectValue)
        switch change {
        case "name": json["name"] = "tamper2"
        case "created": json["created"] = "2001-01-01T00:00:00Z"
        case "version-extra": json["comment"] = "added"
        case "kdf-ops": kdf["opsLimit"] = 2
        case "nonce": cipher["nonce"] = .string(Base64URL.encode([UInt8](repeating: 7, count: 24)))
        case "ciphertext":
            var bytes = try Base64URL.decode(try #require(crypto["ciphertext"]?.stringValue))
            bytes[0] ^= 1
            crypto["ciphertext"] = .string(Base64URL.encode(bytes))
        default: crypto["note"] = "x"
        }
        crypto["kdf"] = .object(kdf)
        crypto["cipher"] = .object(cipher)
        json["crypto"] = .object(crypto)
        let changed = try StoredKey(fileRepresentation: try JSONValue.object(json).serialized(.pretty))
        let error = #expect(throws: KeyStoreError.self) { try changed.privateKey(passphrase: passphrase) }
        #expect(error?.code == .wrongPassphrase)
        // The untouched file still opens.
        let original = try StoredKey(fileRepresentation: stored.fileRepresentation)
        #expect(try original.privateKey(passphrase: passphrase).publicKey == key.publicKey)
    }

    @Test("a new folder is created 0700 and files 0600")
    func createsPrivateFiles() throws {
        let scratch = try KeyStoreScratch()
        try scratch.store.generate(.secp256k1, named: try KeyName("k"), passphrase: keyStorePassphrase())
        #expect(KeyStoreScratch.mode(scratch.directory) == 0o700)
        #expect(KeyStoreScratch.mode(scratch.directory + "/k.json") == 0o600)
        #expect(try scratch.entries() == ["k.json"], "no temporary file is left behind")
    }

    @Test(
        "a folder others can access is refused, with the chmod that fixes it",
        arguments: [0o755, 0o770, 0o701]
    )
    func refusesOpenFolder(mode: Int) throws {
        let scratch = try KeyStoreScratch()
        try scratch.store.generate(.ed25519, named: try KeyName("k"), passphrase: keyStorePassphrase())
        try #require(chmod(scratch.directory, mode_t(mode)) == 0)
        for operation in ["list", "read", "generate", "delete"] {
            let error = #expect(throws: KeyStoreError.self, "\(operation)") {
                switch operation {
                case "list": _ = try scratch.store.list()
                case "read": _ = try scratch.store.key(named: try KeyName("k"))
                case "generate":
                    try scratch.store.generate(.ed25519, named: try KeyName("k2"), passphrase: keyStorePassphrase())
                default: try scratch.store.delete(named: try KeyName("k"))
                }
            }
            #expect(error?.code == .insecurePermissions, "\(operation)")
            #expect(error?.reason.contains("chmod 700 '\(scratch.directory)'") == true, "\(String(describing: error))")
        }
        #expect(try scratch.entries() == ["k.json"])
    }

    @Test(
        "a key file others can read or write is refused, with the chmod that fixes it",
        arguments: [0o644, 0o620, 0o604]
    )
    func refusesOpenFile(mode: Int) throws {
        let scratch = try KeyStoreScratch()
        let name = try KeyName("k")
        try scratch.store.generate(.ed25519, named: name, passphrase: keyStorePassphrase())
        let path = scratch.directory + "/k.json"
        try #require(chmod(path, mode_t(mode)) == 0)
        let error = #expect(throws: KeyStoreError.self) { try scratch.store.key(named: name) }
        #expect(error?.code == .insecurePermissions)
        #expect(error?.reason.contains("chmod 600 '\(path)'") == true, "\(String(describing: error))")
        try #require(chmod(path, 0o600) == 0)
        #expect(try scratch.store.key(named: name).name == name)
    }

    @Test("a key file that is a symbolic link is refused")
    func refusesSymlink() throws {
        let scratch = try KeyStoreScratch()
        try scratch.store.generate(.ed25519, named: try KeyName("real"), passphrase: keyStorePassphrase())
        try #require(symlink(scratch.directory + "/real.json", scratch.directory + "/link.json") == 0)
        let error = #expect(throws: KeyStoreError.self) { try scratch.store.key(named: try KeyName("link")) }
        #expect(error?.code == .invalidFile)
    }

    @Test("an existing name is never overwritten")
    func neverOverwrites() throws {
        let scratch = try KeyStoreScratch()
        let name = try KeyName("alice")
        try scratch.store.generate(.ed25519, named: name, passphrase: keyStorePassphrase())
        let before = try scratch.contents("alice.json")
        let error = #expect(throws: KeyStoreError.self) {
            try scratch.store.generate(.p384, named: name, passphrase: keyStorePassphrase())
        }
        #expect(error?.code == .keyExists)
        // The storage itself refuses too (link(2) fails on an existing name), and leaves no temporary file.
        let direct = #expect(throws: KeyStoreError.self) {
            try scratch.storage.create(name, contents: Array("other".utf8))
        }
        #expect(direct?.code == .keyExists)
        #expect(try scratch.contents("alice.json") == before)
        #expect(try scratch.entries() == ["alice.json"])
    }

    @Test("a crash between write and rename leaves the old file intact and no half file")
    func crashDuringReplace() throws {
        let scratch = try KeyStoreScratch()
        let name = try KeyName("alice")
        let old = keyStorePassphrase("old")
        try scratch.store.generate(.ed25519, named: name, passphrase: old)
        let before = try scratch.contents("alice.json")

        var crashing = scratch.storage
        crashing.beforeCommit = { (path) throws(KeyStoreError) in
            throw KeyStoreError(.storageFailure, "simulated crash after writing \(path)")
        }
        let store = KeyStore(storage: crashing, kdfParameters: .minimum)
        #expect(throws: KeyStoreError.self) {
            try store.changePassphrase(named: name, from: old, to: keyStorePassphrase("new"))
        }
        #expect(try scratch.contents("alice.json") == before, "the old file must be intact")
        let entries = try scratch.entries()
        #expect(entries.count == 2, "\(entries)")
        #expect(entries.filter { !$0.hasPrefix(".tmp-") } == ["alice.json"])
        // The stale temporary file is complete (it was flushed) but is never taken for a key.
        #expect(try scratch.store.list().map(\.name) == [name])
        #expect(try scratch.store.privateKey(named: name, passphrase: old).keyType == .ed25519)

        // The same for a new key: the name does not appear at all.
        #expect(throws: KeyStoreError.self) {
            try store.generate(.p256, named: try KeyName("bob"), passphrase: old)
        }
        #expect(try scratch.store.list().map(\.name) == [name])
        #expect(!FileManager.default.fileExists(atPath: scratch.directory + "/bob.json"))
    }

    @Test("change-passphrase re-encrypts atomically; the old passphrase stops working")
    func changePassphrase() throws {
        let scratch = try KeyStoreScratch()
        let name = try KeyName("alice")
        let created = Date(timeIntervalSince1970: 1_800_000_000)
        let stored = try scratch.store.generate(
            .p521,
            named: name,
            passphrase: keyStorePassphrase("old"),
            created: created
        )
        let before = try scratch.contents("alice.json")
        let changed = try scratch.store.changePassphrase(
            named: name,
            from: keyStorePassphrase("old"),
            to: keyStorePassphrase("new")
        )
        #expect(changed.created == created)
        #expect(changed.publicKey == stored.publicKey)
        #expect(try scratch.contents("alice.json") != before)
        #expect(changed.salt != stored.salt && changed.nonce != stored.nonce)
        #expect(KeyStoreScratch.mode(scratch.directory + "/alice.json") == 0o600)
        #expect(try scratch.entries() == ["alice.json"])
        try expectUsable(
            try scratch.store.privateKey(named: name, passphrase: keyStorePassphrase("new")),
            publicKey: stored.publicKey
        )
        let error = #expect(throws: KeyStoreError.self) {
            try scratch.store.privateKey(named: name, passphrase: keyStorePassphrase("old"))
        }
        #expect(error?.code == .wrongPassphrase)
    }

    @Test("delete removes the file; a missing key is keyNotFound")
    func delete() throws {
        let scratch = try KeyStoreScratch()
        let name = try KeyName("gone")
        let missing = #expect(throws: KeyStoreError.self) { try scratch.store.key(named: name) }
        #expect(missing?.code == .keyNotFound)
        #expect(try scratch.store.list().isEmpty, "a keystore folder that does not exist yet is empty")
        try scratch.store.generate(.x25519, named: name, passphrase: keyStorePassphrase())
        try scratch.store.delete(named: name)
        #expect(try scratch.entries().isEmpty)
        let again = #expect(throws: KeyStoreError.self) { try scratch.store.delete(named: name) }
        #expect(again?.code == .keyNotFound)
    }

    @Test("a platform can plug in its own storage")
    func customStorage() throws {
        let store = KeyStore(storage: MemoryKeyStorage(), kdfParameters: .minimum)
        let name = try KeyName("mem")
        let stored = try store.generate(.secp256k1, named: name, passphrase: keyStorePassphrase())
        try expectUsable(
            try store.privateKey(named: name, passphrase: keyStorePassphrase()),
            publicKey: stored.publicKey
        )
        try store.changePassphrase(named: name, from: keyStorePassphrase(), to: keyStorePassphrase("2"))
        #expect(try store.list().map(\.did) == [stored.did])
        try store.delete(named: name)
        #expect(try store.list().isEmpty)
    }

    @Test("the default folder: $DID_KEYSTORE, else $XDG_DATA_HOME/swift-did/keys, else ~/.local/share")
    func defaultDirectory() throws {
        #expect(
            try FileKeyStorage.defaultDirectory(environment: [
                "DID_KEYSTORE": "/k", "XDG_DATA_HOME": "/x", "HOME": "/h",
            ])
                == "/k"
        )
        #expect(
            try FileKeyStorage.defaultDirectory(environment: ["XDG_DATA_HOME": "/x", "HOME": "/h"])
                == "/x/swift-did/keys"
        )
        #expect(
            try FileKeyStorage.defaultDirectory(environment: ["DID_KEYSTORE": "", "XDG_DATA_HOME": "rel", "HOME": "/h"])
                == "/h/.local/share/swift-did/keys",
            "an empty DID_KEYSTORE and a relative XDG_DATA_HOME are ignored (XDG Base Directory Specification)"
        )
    }

    @Test("descriptions and mirrors never show secrets")
    func noSecretsInDescriptions() throws {
        let passphrase = keyStorePassphrase("hunter2-secret")
        let derived = try Argon2id.deriveKey(
            from: passphrase,
            salt: [UInt8](repeating: 1, count: 16),
            parameters: .minimum
        )
        let key = PrivateKey.generate(.ed25519)
        let stored = try StoredKey(sealing: key, name: try KeyName("d"), passphrase: passphrase, parameters: .minimum)
        var dumped = ""
        dump(passphrase, to: &dumped)
        dump(derived, to: &dumped)
        let texts = [
            "\(passphrase)", String(reflecting: passphrase), "\(derived)", String(reflecting: derived), "\(stored)",
            String(reflecting: stored), dumped,
        ]
        let secretHex = key.withUnsafeRawRepresentation { $0.map { String(format: "%02x", $0) }.joined() }
        for text in texts {
            #expect(!text.contains("hunter2"), "\(text)")
            #expect(!text.contains(secretHex), "\(text)")
            #expect(!text.contains(Base64URL.encode(key.withUnsafeRawRepresentation { Array($0) })), "\(text)")
        }
    }
}

@Suite("DIDKeyStore: damaged files")
struct KeyStoreDamageTests {
    @Test(
        "Specs/keystore.md §6: a damaged or newer file is reported with the key's name, and listing says which",
        arguments: [
            ("{}", KeyStoreError.Code.invalidFile), ("not json", .invalidFile),
            (#"{"version": 2}"#, .unsupportedVersion),
        ]
    )
    func damaged(contents: String, code: KeyStoreError.Code) throws {
        let scratch = try KeyStoreScratch()
        try scratch.store.generate(.ed25519, named: try KeyName("good"), passphrase: keyStorePassphrase())
        try scratch.storage.create(try KeyName("bad"), contents: Array(contents.utf8))
        let error = #expect(throws: KeyStoreError.self) { try scratch.store.key(named: try KeyName("bad")) }
        #expect(error?.code == code)
        #expect(error?.reason.hasPrefix("the key \"bad\": ") == true, "\(String(describing: error))")
        let listing = #expect(throws: KeyStoreError.self) { try scratch.store.list() }
        #expect(listing?.reason.contains("\"bad\"") == true)
        #expect(try scratch.store.key(named: try KeyName("good")).keyType == .ed25519)
    }

    @Test("a file renamed to another key's name is refused (its name member says otherwise)")
    func renamedFile() throws {
        let scratch = try KeyStoreScratch()
        try scratch.store.generate(.ed25519, named: try KeyName("alice"), passphrase: keyStorePassphrase())
        try #require(rename(scratch.directory + "/alice.json", scratch.directory + "/bob.json") == 0)
        let error = #expect(throws: KeyStoreError.self) { try scratch.store.key(named: try KeyName("bob")) }
        #expect(error?.code == .invalidFile)
        #expect(error?.reason.contains("\"alice\"") == true)
    }
}
