// swift-did: decentralized identity for Swift. Apache-2.0.

public import DIDCore
public import DIDCrypto
public import Foundation

/// One key file of the keystore (Specs/keystore.md): the clear-text metadata (name, key type, public key, did:key,
/// creation time) and the private key encrypted with XChaCha20-Poly1305 under a key derived from a passphrase by
/// Argon2id.
///
/// Reading the metadata needs no passphrase; ``privateKey(passphrase:)`` decrypts. The description shows the name,
/// key type and DID only.
public struct StoredKey: Sendable, Hashable, CustomStringConvertible {
    /// The file format version this library writes and reads (Specs/keystore.md §6).
    public static let formatVersion = 1
    /// The `crypto.kdf.algorithm` value (Specs/keystore.md §4.1).
    static let kdfAlgorithm = "argon2id"
    /// The Argon2 version number: 0x13 (Argon2 v1.3, RFC 9106 §3.1).
    static let argon2Version = 19
    /// The `crypto.cipher.algorithm` value (Specs/keystore.md §4.2).
    static let cipherAlgorithm = "xchacha20-poly1305-ietf"
    /// The largest `memoryLimit` this reader accepts: 4 GiB (Specs/keystore.md §4.1).
    static let maximumMemoryLimit: UInt64 = 4 << 30
    /// The largest `opsLimit` this reader accepts (Specs/keystore.md §4.1).
    static let maximumOpsLimit: UInt64 = 1000

    /// The key's name.
    public let name: KeyName
    /// The public key.
    public let publicKey: PublicKey
    /// The did:key of the public key.
    public let did: DID
    /// When the key was stored, to the second.
    public let created: Date
    /// The Argon2id cost of the passphrase.
    public let kdfParameters: Argon2id.Parameters
    /// The file's JSON object exactly as written or read.
    public let json: JSONObject

    let salt: [UInt8]
    let nonce: [UInt8]
    let ciphertext: [UInt8]

    /// The key type.
    public var keyType: KeyType { publicKey.keyType }

    /// The file's bytes: the JSON object, pretty-printed, and a final newline (Specs/keystore.md §3).
    public var fileRepresentation: [UInt8] {
        var bytes = (try? JSONValue.object(json).serialized(.pretty)) ?? []
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    /// `StoredKey(name, Ed25519, did:key:…)`.
    public var description: String { "StoredKey(\(name), \(keyType), \(did))" }

    // MARK: - Writing

    /// Encrypts a private key into a new key file with fresh random salt and nonce.
    /// - Parameters:
    ///   - key: The private key.
    ///   - name: Its name.
    ///   - passphrase: The passphrase that will open it.
    ///   - parameters: The Argon2id cost.
    ///   - created: The creation time (kept to the second).
    /// - Throws: ``KeyStoreError/Code/invalidKey`` when encryption fails (parameters out of range).
    public init(
        sealing key: PrivateKey,
        name: KeyName,
        passphrase: Passphrase,
        parameters: Argon2id.Parameters,
        created: Date = Date()
    ) throws(KeyStoreError) {
        try self.init(
            sealing: key,
            name: name,
            passphrase: passphrase,
            parameters: parameters,
            created: created,
            salt: SecureRandom.bytes(count: Argon2id.saltLength),
            nonce: SecureRandom.bytes(count: XChaCha20Poly1305.nonceLength)
        )
    }

    /// Encrypts with the given salt and nonce. Only for test vectors: reusing a nonce with the same passphrase and
    /// salt breaks the encryption.
    init(
        sealing key: PrivateKey,
        name: KeyName,
        passphrase: Passphrase,
        parameters: Argon2id.Parameters,
        created: Date,
        salt: [UInt8],
        nonce: [UInt8]
    ) throws(KeyStoreError) {
        let seconds = Date(timeIntervalSince1970: created.timeIntervalSince1970.rounded(.down))
        let publicMultibase = key.publicKey.multibaseRepresentation
        let kdf: JSONObject = [
            "algorithm": .string(Self.kdfAlgorithm),
            "version": .number(Double(Self.argon2Version)),
            "opsLimit": .number(Double(parameters.opsLimit)),
            "memoryLimit": .number(Double(parameters.memoryLimit)),
            "salt": .string(Base64URL.encode(salt)),
        ]
        let cipher: JSONObject = [
            "algorithm": .string(Self.cipherAlgorithm),
            "nonce": .string(Base64URL.encode(nonce)),
        ]
        var json: JSONObject = [
            "version": .number(Double(Self.formatVersion)),
            "name": .string(name.value),
            "keyType": .string(key.keyType.rawValue),
            "publicKeyMultibase": .string(publicMultibase),
            "did": .string("did:key:" + publicMultibase),
            "created": .string(DateTime(seconds).text),
            "crypto": .object(["kdf": .object(kdf), "cipher": .object(cipher)]),
        ]
        let associatedData = try Self.associatedData(of: json)
        let ciphertext: [UInt8]
        do {
            let symmetricKey = try Argon2id.deriveKey(from: passphrase, salt: salt, parameters: parameters)
            ciphertext = try key.withUnsafeRawRepresentation { (raw) throws(DIDCryptoError) -> [UInt8] in
                try XChaCha20Poly1305.seal(raw, using: symmetricKey, nonce: nonce, authenticating: associatedData)
            }
        } catch {
            throw KeyStoreError(.invalidKey, "cannot encrypt the key: \(error.reason)")
        }
        var crypto = json["crypto"]!.objectValue!
        crypto.append("ciphertext", .string(Base64URL.encode(ciphertext)))
        json["crypto"] = .object(crypto)
        self.init(
            name: name,
            publicKey: key.publicKey,
            did: Self.did(publicMultibase),
            created: seconds,
            kdfParameters: parameters,
            json: json,
            salt: salt,
            nonce: nonce,
            ciphertext: ciphertext
        )
    }

    private init(
        name: KeyName,
        publicKey: PublicKey,
        did: DID,
        created: Date,
        kdfParameters: Argon2id.Parameters,
        json: JSONObject,
        salt: [UInt8],
        nonce: [UInt8],
        ciphertext: [UInt8]
    ) {
        self.name = name
        self.publicKey = publicKey
        self.did = did
        self.created = created
        self.kdfParameters = kdfParameters
        self.json = json
        self.salt = salt
        self.nonce = nonce
        self.ciphertext = ciphertext
    }

    // MARK: - Reading

    /// Parses a key file and checks its metadata (Specs/keystore.md §3–§6). The passphrase is not needed.
    /// - Parameter fileRepresentation: The file's bytes.
    /// - Throws: ``KeyStoreError/Code/invalidFile`` naming the member that is wrong;
    ///   ``KeyStoreError/Code/unsupportedVersion`` for a newer `version`.
    public init(fileRepresentation: [UInt8]) throws(KeyStoreError) {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: fileRepresentation, limits: JSONLimits(maxDepth: 8, maxBytes: 1 << 20))
        } catch {
            throw KeyStoreError(.invalidFile, "not a key file: \(error.description)")
        }
        guard let json = value.objectValue else { throw Self.invalid("the file is not a JSON object") }
        guard let version = json["version"]?.numberValue, version == version.rounded(), version >= 1 else {
            throw Self.invalid("\"version\" must be a positive integer")
        }
        guard version == Double(Self.formatVersion) else {
            throw KeyStoreError(
                .unsupportedVersion,
                "key file version \(Int(exactly: version).map(String.init) ?? "?") is not supported "
                    + "(this program reads version \(Self.formatVersion)); a newer program wrote it"
            )
        }
        let name: KeyName
        do {
            name = try KeyName(try Self.string(json, "name"))
        } catch {
            throw Self.invalid("\"name\": \(error.reason)")
        }
        let keyTypeName = try Self.string(json, "keyType")
        guard let keyType = KeyType(rawValue: keyTypeName) else {
            throw Self.invalid("unknown \"keyType\" \"\(keyTypeName)\"")
        }
        let publicMultibase = try Self.string(json, "publicKeyMultibase")
        let publicKey: PublicKey
        do {
            publicKey = try PublicKey(multibase: publicMultibase)
        } catch {
            throw Self.invalid("\"publicKeyMultibase\": \(error.reason)")
        }
        guard publicKey.keyType == keyType else {
            throw Self.invalid("\"publicKeyMultibase\" is a \(publicKey.keyType) key, not \(keyTypeName)")
        }
        guard try Self.string(json, "did") == "did:key:" + publicMultibase else {
            throw Self.invalid("\"did\" is not the did:key of \"publicKeyMultibase\"")
        }
        let createdText = try Self.string(json, "created")
        guard let created = try? DateTime(createdText, rules: Self.createdRules).date else {
            throw Self.invalid("\"created\" is not an RFC 3339 UTC time like 2026-01-31T12:00:00Z")
        }
        guard let crypto = json["crypto"]?.objectValue else { throw Self.invalid("\"crypto\" must be an object") }
        guard let kdf = crypto["kdf"]?.objectValue else { throw Self.invalid("\"crypto.kdf\" must be an object") }
        guard kdf["algorithm"]?.stringValue == Self.kdfAlgorithm else {
            throw Self.invalid("\"crypto.kdf.algorithm\" must be \"\(Self.kdfAlgorithm)\"")
        }
        guard kdf["version"]?.numberValue == Double(Self.argon2Version) else {
            throw Self.invalid("\"crypto.kdf.version\" must be \(Self.argon2Version) (Argon2 v1.3)")
        }
        let opsLimit = try Self.integer(kdf, "opsLimit", in: 1...Self.maximumOpsLimit)
        let memoryLimit = try Self.integer(kdf, "memoryLimit", in: 8192...Self.maximumMemoryLimit)
        guard memoryLimit % 1024 == 0 else {
            throw Self.invalid("\"crypto.kdf.memoryLimit\" must be a multiple of 1024")
        }
        let salt = try Self.bytes(kdf, "salt", length: Argon2id.saltLength, path: "crypto.kdf.salt")
        guard let cipher = crypto["cipher"]?.objectValue else {
            throw Self.invalid("\"crypto.cipher\" must be an object")
        }
        guard cipher["algorithm"]?.stringValue == Self.cipherAlgorithm else {
            throw Self.invalid("\"crypto.cipher.algorithm\" must be \"\(Self.cipherAlgorithm)\"")
        }
        let nonce = try Self.bytes(
            cipher,
            "nonce",
            length: XChaCha20Poly1305.nonceLength,
            path: "crypto.cipher.nonce"
        )
        let ciphertext = try Self.bytes(
            crypto,
            "ciphertext",
            length: keyType.privateKeyLength + XChaCha20Poly1305.tagLength,
            path: "crypto.ciphertext"
        )
        self.init(
            name: name,
            publicKey: publicKey,
            did: Self.did(publicMultibase),
            created: created,
            kdfParameters: Argon2id.Parameters(opsLimit: opsLimit, memoryLimit: memoryLimit),
            json: json,
            salt: salt,
            nonce: nonce,
            ciphertext: ciphertext
        )
    }

    /// Decrypts the private key.
    /// - Parameter passphrase: The passphrase.
    /// - Returns: The private key, checked against the stored public key.
    /// - Throws: ``KeyStoreError/Code/wrongPassphrase`` when the AEAD tag does not verify (a wrong passphrase, or a
    ///   changed file); ``KeyStoreError/Code/invalidFile`` when the decrypted key is not the stored public key's.
    public func privateKey(passphrase: Passphrase) throws(KeyStoreError) -> PrivateKey {
        let associatedData = try Self.associatedData(of: json)
        let keyType = self.keyType
        let opened: Result<PrivateKey, DIDCryptoError>?
        do {
            let symmetricKey = try Argon2id.deriveKey(from: passphrase, salt: salt, parameters: kdfParameters)
            opened = try XChaCha20Poly1305.open(
                ciphertext,
                using: symmetricKey,
                nonce: nonce,
                authenticating: associatedData
            ) { raw in
                Result { () throws(DIDCryptoError) -> PrivateKey in
                    try PrivateKey(keyType: keyType, rawRepresentation: raw)
                }
            }
        } catch {
            throw KeyStoreError(.invalidFile, "cannot decrypt the key \"\(name)\": \(error.reason)")
        }
        guard let opened else {
            throw KeyStoreError(
                .wrongPassphrase,
                "wrong passphrase for the key \"\(name)\" (or its file was modified)"
            )
        }
        let key: PrivateKey
        switch opened {
        case .success(let value): key = value
        case .failure(let error):
            throw KeyStoreError(.invalidFile, "the key \"\(name)\" decrypts to an invalid key: \(error.reason)")
        }
        guard key.publicKey == publicKey else {
            throw KeyStoreError(.invalidFile, "the private key of \"\(name)\" does not match its public key")
        }
        return key
    }

    // MARK: - Helpers

    /// The AEAD associated data: the RFC 8785 (JCS) form of the file object without `crypto.ciphertext`, as UTF-8
    /// (Specs/keystore.md §5).
    static func associatedData(of object: JSONObject) throws(KeyStoreError) -> [UInt8] {
        var object = object
        if var crypto = object["crypto"]?.objectValue {
            crypto["ciphertext"] = nil
            object["crypto"] = .object(crypto)
        }
        do {
            return try JSONValue.object(object).serialized(.canonical)
        } catch {
            throw KeyStoreError(.invalidFile, "the key file cannot be canonicalised: \(error.description)")
        }
    }

    private static func did(_ publicMultibase: String) -> DID {
        // "did:key:" + base58btc text is always a valid DID (method "key", idchars only).
        try! DID(method: .key, methodSpecificID: publicMultibase)
    }

    private static func invalid(_ reason: String) -> KeyStoreError {
        KeyStoreError(.invalidFile, "invalid key file: \(reason)")
    }

    private static func string(_ object: JSONObject, _ key: String) throws(KeyStoreError) -> String {
        guard let value = object[key]?.stringValue else { throw invalid("\"\(key)\" must be a string") }
        return value
    }

    private static func integer(
        _ object: JSONObject,
        _ key: String,
        in range: ClosedRange<UInt64>
    ) throws(KeyStoreError) -> UInt64 {
        guard let number = object[key]?.numberValue, number == number.rounded(), number >= 0,
            number <= 9_007_199_254_740_992, range.contains(UInt64(number))
        else {
            throw invalid("\"crypto.kdf.\(key)\" must be an integer in \(range.lowerBound)...\(range.upperBound)")
        }
        return UInt64(number)
    }

    private static func bytes(
        _ object: JSONObject,
        _ key: String,
        length: Int,
        path: String
    ) throws(KeyStoreError) -> [UInt8] {
        guard let text = object[key]?.stringValue else { throw invalid("\"\(path)\" must be a string") }
        let bytes: [UInt8]
        do {
            bytes = try Base64URL.decode(text)
        } catch {
            throw invalid("\"\(path)\" is not base64url: \(error.reason)")
        }
        guard bytes.count == length else {
            throw invalid("\"\(path)\" must be \(length) bytes, not \(bytes.count)")
        }
        return bytes
    }

    /// `created` (Specs/keystore.md §3): RFC 3339 §5.6 `date-time` in UTC to the second, exactly
    /// `YYYY-MM-DDTHH:MM:SSZ`.
    static let createdRules = DateTime.Rules(grammar: .rfc3339, timeZone: .utc, maximumFractionDigits: 0)
}
