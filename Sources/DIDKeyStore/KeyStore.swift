// swift-did: decentralized identity for Swift. Apache-2.0.

public import DIDCrypto
public import Foundation

/// Named private keys encrypted at rest with a passphrase (Specs/keystore.md), in a pluggable ``KeyStorage``.
///
/// ```swift
/// let store = KeyStore(storage: try FileKeyStorage())
/// let stored = try store.generate(.ed25519, named: try KeyName("alice"), passphrase: Passphrase(bytes: input))
/// print(stored.did)                                            // no passphrase needed
/// let key = try store.privateKey(named: stored.name, passphrase: Passphrase(bytes: input))
/// ```
public struct KeyStore: Sendable {
    /// Where the key files are kept.
    public let storage: any KeyStorage
    /// The Argon2id cost for keys stored or re-encrypted from now on (existing files keep theirs).
    public var kdfParameters: Argon2id.Parameters

    /// The default cost: libsodium's interactive limits (2 passes, 64 MiB): well under a second for one
    /// derivation on a small machine. Files record their parameters, so this can be raised later.
    public static let defaultKDFParameters = Argon2id.Parameters.interactive

    /// Creates a store.
    /// - Parameters:
    ///   - storage: Where to keep the files (``FileKeyStorage`` for a folder).
    ///   - kdfParameters: The Argon2id cost for new files.
    public init(storage: any KeyStorage, kdfParameters: Argon2id.Parameters = KeyStore.defaultKDFParameters) {
        self.storage = storage
        self.kdfParameters = kdfParameters
    }

    /// The metadata of every stored key, sorted by name. Needs no passphrase.
    /// - Throws: ``KeyStoreError`` when the storage fails or a file is invalid.
    public func list() throws(KeyStoreError) -> [StoredKey] {
        var keys: [StoredKey] = []
        for name in try storage.names() {
            keys.append(try key(named: name))
        }
        return keys
    }

    /// The metadata of one key. Needs no passphrase.
    /// - Parameter name: The key's name.
    /// - Throws: ``KeyStoreError/Code/keyNotFound``; ``KeyStoreError/Code/invalidFile`` when the file is not a
    ///   key file or names another key.
    public func key(named name: KeyName) throws(KeyStoreError) -> StoredKey {
        let bytes = try storage.read(name)
        let stored: StoredKey
        do {
            stored = try StoredKey(fileRepresentation: bytes)
        } catch {
            throw KeyStoreError(error.code, "the key \"\(name)\": \(error.reason)")
        }
        guard stored.name == name else {
            throw KeyStoreError(.invalidFile, "the file of \"\(name)\" holds the key \"\(stored.name)\"")
        }
        return stored
    }

    /// Generates a new key and stores it encrypted.
    /// - Parameters:
    ///   - keyType: The algorithm.
    ///   - name: A new name.
    ///   - passphrase: The passphrase that will open it.
    ///   - created: The creation time to record.
    /// - Returns: The stored key's metadata.
    /// - Throws: ``KeyStoreError/Code/keyExists`` when the name is taken; storage errors.
    @discardableResult
    public func generate(
        _ keyType: KeyType,
        named name: KeyName,
        passphrase: Passphrase,
        created: Date = Date()
    ) throws(KeyStoreError) -> StoredKey {
        try add(PrivateKey.generate(keyType), named: name, passphrase: passphrase, created: created)
    }

    /// Stores an existing private key encrypted (an import).
    /// - Parameters:
    ///   - key: The private key.
    ///   - name: A new name.
    ///   - passphrase: The passphrase that will open it.
    ///   - created: The creation time to record.
    /// - Returns: The stored key's metadata.
    /// - Throws: ``KeyStoreError/Code/keyExists`` when the name is taken; storage errors.
    @discardableResult
    public func add(
        _ key: PrivateKey,
        named name: KeyName,
        passphrase: Passphrase,
        created: Date = Date()
    ) throws(KeyStoreError) -> StoredKey {
        if (try? storage.read(name)) != nil {
            throw KeyStoreError(.keyExists, "a key named \"\(name)\" already exists; it is never overwritten")
        }
        let stored = try StoredKey(
            sealing: key,
            name: name,
            passphrase: passphrase,
            parameters: kdfParameters,
            created: created
        )
        try storage.create(name, contents: stored.fileRepresentation)
        return stored
    }

    /// Decrypts a stored private key.
    /// - Parameters:
    ///   - name: The key's name.
    ///   - passphrase: Its passphrase.
    /// - Returns: The private key.
    /// - Throws: ``KeyStoreError/Code/wrongPassphrase``, ``KeyStoreError/Code/keyNotFound``, file and storage
    ///   errors.
    public func privateKey(named name: KeyName, passphrase: Passphrase) throws(KeyStoreError) -> PrivateKey {
        try key(named: name).privateKey(passphrase: passphrase)
    }

    /// Re-encrypts a key under a new passphrase (new salt and nonce, the store's current ``kdfParameters``),
    /// replacing its file atomically. Name, key and creation time stay.
    /// - Parameters:
    ///   - name: The key's name.
    ///   - old: The current passphrase.
    ///   - new: The new passphrase.
    /// - Returns: The new metadata.
    /// - Throws: ``KeyStoreError/Code/wrongPassphrase`` when `old` is wrong (the file is not touched then).
    @discardableResult
    public func changePassphrase(
        named name: KeyName,
        from old: Passphrase,
        to new: Passphrase
    ) throws(KeyStoreError) -> StoredKey {
        let current = try key(named: name)
        let key = try current.privateKey(passphrase: old)
        let replacement = try StoredKey(
            sealing: key,
            name: name,
            passphrase: new,
            parameters: kdfParameters,
            created: current.created
        )
        try storage.replace(name, contents: replacement.fileRepresentation)
        return replacement
    }

    /// Deletes a stored key. Needs no passphrase (the file could be removed by hand just as well).
    /// - Parameter name: The key's name.
    /// - Throws: ``KeyStoreError/Code/keyNotFound``; storage errors.
    public func delete(named name: KeyName) throws(KeyStoreError) {
        try storage.delete(name)
    }
}
