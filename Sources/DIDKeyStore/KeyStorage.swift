// swift-did: decentralized identity for Swift. Apache-2.0.

/// Where a ``KeyStore`` keeps its key files: one opaque byte string per ``KeyName``.
///
/// ``FileKeyStorage`` (one file per key in a folder) is the default; a platform can plug in its own (a keychain, a
/// database, an app container). Implementations must be safe to call from several tasks at once and must make
/// every change atomic: after a crash a name holds either its old or its new bytes, never a mixture.
public protocol KeyStorage: Sendable {
    /// The names of all stored keys, sorted.
    /// - Throws: ``KeyStoreError`` when the storage cannot be listed.
    func names() throws(KeyStoreError) -> [KeyName]

    /// The bytes stored under `name`.
    /// - Throws: ``KeyStoreError/Code/keyNotFound`` when nothing is stored under it; others on failure.
    func read(_ name: KeyName) throws(KeyStoreError) -> [UInt8]

    /// Stores bytes under a new name.
    /// - Throws: ``KeyStoreError/Code/keyExists`` when the name is taken (nothing is overwritten, ever).
    func create(_ name: KeyName, contents: [UInt8]) throws(KeyStoreError)

    /// Atomically replaces the bytes of an existing name.
    /// - Throws: ``KeyStoreError/Code/keyNotFound`` when nothing is stored under it.
    func replace(_ name: KeyName, contents: [UInt8]) throws(KeyStoreError)

    /// Removes a name and its bytes.
    /// - Throws: ``KeyStoreError/Code/keyNotFound`` when nothing is stored under it.
    func delete(_ name: KeyName) throws(KeyStoreError)
}
