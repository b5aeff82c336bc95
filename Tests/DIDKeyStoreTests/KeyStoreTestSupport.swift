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

/// A fresh keystore folder path under the temporary directory (not created), removed again at the end.
struct KeyStoreScratch: ~Copyable {
    /// The parent folder (created, mode 0700).
    let parent: String
    /// The keystore folder inside it (not created).
    let directory: String

    init() throws {
        parent = FileManager.default.temporaryDirectory.path + "/did-keystore-test-\(UUID().uuidString)"
        try #require(mkdir(parent, 0o700) == 0)
        directory = parent + "/keys"
    }

    /// A file store on the folder.
    var storage: FileKeyStorage { FileKeyStorage(directory: directory) }

    /// A key store with the cheapest Argon2id parameters (these tests check logic, not cost).
    var store: KeyStore { KeyStore(storage: storage, kdfParameters: .minimum) }

    /// The bytes of a file.
    func contents(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)))
    }

    /// The entries of the keystore folder, sorted.
    func entries() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    }

    /// The permission bits of a path.
    static func mode(_ path: String) -> mode_t {
        var status = stat()
        guard stat(path, &status) == 0 else { return 0o7777 }
        return status.st_mode & 0o7777
    }

    deinit {
        chmod(parent, 0o700)
        chmod(directory, 0o700)
        try? FileManager.default.removeItem(atPath: parent)
    }
}

/// The six key types, named for Swift Testing.
struct KeyStoreKeyType: Sendable, CustomTestStringConvertible {
    let keyType: KeyType
    var testDescription: String { keyType.rawValue }
    static let all = KeyType.allCases.map(KeyStoreKeyType.init(keyType:))
}

/// A passphrase for tests.
func keyStorePassphrase(_ text: String = "correct horse battery staple") -> Passphrase { Passphrase(text) }

/// Checks that `key` signs messages its stored public key verifies (or, for X25519, that the public keys agree).
func expectUsable(_ key: PrivateKey, publicKey: PublicKey, sourceLocation: SourceLocation = #_sourceLocation) throws {
    #expect(key.publicKey == publicKey, sourceLocation: sourceLocation)
    guard key.keyType.canSign else { return }
    let message = Array("keystore round trip".utf8)
    let signature = try key.signature(for: message)
    #expect(publicKey.isValidSignature(signature, for: message), sourceLocation: sourceLocation)
}

/// An in-memory ``KeyStorage``: shows that a platform can plug in its own storage.
final class MemoryKeyStorage: KeyStorage, @unchecked Sendable {
    // Thread safety: every access to `files` holds `lock`.
    private let lock = NSLock()
    private var files: [KeyName: [UInt8]] = [:]

    func names() throws(KeyStoreError) -> [KeyName] { lock.withLock { files.keys.sorted() } }

    func read(_ name: KeyName) throws(KeyStoreError) -> [UInt8] {
        guard let bytes = lock.withLock({ files[name] }) else { throw KeyStoreError(.keyNotFound, "\(name)") }
        return bytes
    }

    func create(_ name: KeyName, contents: [UInt8]) throws(KeyStoreError) {
        let created = lock.withLock { () -> Bool in
            guard files[name] == nil else { return false }
            files[name] = contents
            return true
        }
        guard created else { throw KeyStoreError(.keyExists, "\(name)") }
    }

    func replace(_ name: KeyName, contents: [UInt8]) throws(KeyStoreError) {
        let replaced = lock.withLock { () -> Bool in
            guard files[name] != nil else { return false }
            files[name] = contents
            return true
        }
        guard replaced else { throw KeyStoreError(.keyNotFound, "\(name)") }
    }

    func delete(_ name: KeyName) throws(KeyStoreError) {
        guard lock.withLock({ files.removeValue(forKey: name) }) != nil else {
            throw KeyStoreError(.keyNotFound, "\(name)")
        }
    }
}
